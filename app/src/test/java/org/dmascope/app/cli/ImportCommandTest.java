package org.dmascope.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.dmascope.model.io.LoadResult;
import org.dmascope.model.io.TopologyFiles;
import org.dmascope.model.io.TopologyJsonReader;
import org.dmascope.model.io.pciids.PciIdSource;
import org.dmascope.model.testing.Corpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Runs {@code dmascope import} in-process and pins its output. */
class ImportCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Run(int status, String out, String err) {
        JsonNode json() throws Exception {
            return JSON.readTree(out);
        }
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Cli.with(PciIdSource.shipped()).run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static String corpus(String name) {
        return Corpus.file(name).toString();
    }

    @Test
    void aDumpWithoutIdsGetsThemFromTheChosenPciIds(@TempDir Path tmp) throws Exception {
        Run r = run("import", corpus("amd-raphael-desktop-w5700.tree.txt"), "--format", "json");
        assertEquals(Cli.OK, r.status(), r.err());
        JsonNode gpu = function(r.json(), "0000:03:00.0");
        assertEquals("1002", gpu.get("vendor").asText());
        assertEquals("7312", gpu.get("device").asText());
        assertEquals("Navi 10 [Radeon Pro W5700]", gpu.get("deviceName").asText());
        assertTrue(gpu.get("provenance").get("device").asText().startsWith("pci.ids (2023-04-10):"), gpu.toString());
        assertTrue(r.json().get("notes").get(0).get("message").asText().startsWith("IDs from names: pci.ids "
                + "2023.04.10 (2023-04-10), shipped with dmascope"), r.out());
        // A newer copy (as /usr/share/misc/pci.ids would be) is used instead, and named.
        Path newer = tmp.resolve("pci.ids");
        Files.writeString(newer, "#\tVersion: 2031.01.02\n#\tDate:    2031-01-02 03:04:05\n\n"
                + "1002  Advanced Micro Devices, Inc. [AMD/ATI]\n\t7312  Navi 10 [Radeon Pro W5700]\n");
        PciIdSource chosen = PciIdSource.newest(PciIdSource.shipped(), List.of(newer));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = Cli.with(chosen).run(new String[] {"import", corpus("amd-raphael-desktop-w5700.tree.txt"),
                "--format", "json"}, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        assertEquals(Cli.OK, status);
        JsonNode again = JSON.readTree(out.toString(StandardCharsets.UTF_8));
        assertEquals(newer + " (2031-01-02):5", function(again, "0000:03:00.0").get("provenance").get("device")
                .asText());
    }

    private static JsonNode function(JsonNode importJson, String address) {
        for (JsonNode f : importJson.get("topology").get("functions")) {
            if (f.get("address").asText().equals(address)) return f;
        }
        throw new AssertionError(address + " not in the import");
    }

    @Test
    void jsonHasCountsFindingsAndTheTopology() throws Exception {
        Run r = run("import", corpus("x99-i7-5930k-k58.iommu-groups.txt"), corpus("x99-i7-5930k-k59.iommu-groups.txt"),
                "--format", "json");
        assertEquals(Cli.OK, r.status(), r.err());
        JsonNode j = r.json();
        List<String> keys = new ArrayList<>();
        j.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("functions", "hostBridges", "warnings", "errors", "notes", "topology"), keys);
        assertEquals(94, j.get("functions").asInt());
        assertEquals(1, j.get("hostBridges").asInt());
        assertEquals(0, j.get("errors").size());
        assertTrue(j.get("warnings").size() > 0);
        for (JsonNode w : j.get("warnings")) {
            assertTrue(w.get("file").isTextual() && w.get("line").isInt() && w.get("message").isTextual(),
                    w.toString());
        }
        JsonNode disagreement = null;
        for (JsonNode w : j.get("warnings")) if (w.get("message").asText().contains("disagree")) disagreement = w;
        assertEquals("x99-i7-5930k-k59.iommu-groups.txt", disagreement.get("file").asText());
        assertTrue(disagreement.get("line").asInt() > 0);
        JsonNode topo = j.get("topology");
        assertEquals("dmascope-topology", topo.get("format").asText());
        assertEquals(94, topo.get("functions").size());
        LoadResult back = TopologyJsonReader.read(JSON.writeValueAsString(topo), "stdout");
        assertTrue(back.ok(), back.report().toText());
        assertEquals("imported", topo.get("source").get("kind").asText());
    }

    @Test
    void outputFileIsWrittenAndASummaryPrinted(@TempDir Path dir) throws Exception {
        Path topo = dir.resolve("topo.json");
        Run text = run("import", corpus("supermicro-4028gr-tvrt-8xv100-pex9765.verbose.txt"), "-o", topo.toString());
        assertEquals(Cli.OK, text.status(), text.err());
        assertTrue(text.out().startsWith("Imported 340 PCI functions and 4 host bridges"), text.out());
        assertTrue(text.out().contains("Wrote " + topo), text.out());
        LoadResult back = TopologyFiles.load(topo);
        assertTrue(back.ok(), back.report().toText());
        assertEquals(340, back.topology().get().functions().size());
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(Set.of(topo), Set.copyOf(left.toList()), "no temporary file is left behind");
        }

        Path second = dir.resolve("second.json");
        Run json = run("import", corpus("dell-r410-devel09.hwloc-xml.txt"), "-o", second.toString(), "--format",
                "json");
        assertEquals(Cli.OK, json.status());
        JsonNode j = json.json();
        assertEquals(9, j.get("functions").asInt());
        assertEquals(second.toString(), j.get("output").asText());
        assertFalse(j.has("topology"), "with -o the topology goes to the file");
    }

    @Test
    void textReportListsEveryFindingWithFileAndLine() {
        Run r = run("import", corpus("intel-tigerlake-chromebook-tbt-ssd.tree.txt"));
        assertEquals(Cli.OK, r.status());
        assertTrue(r.out().contains("1 warning:"), r.out());
        assertTrue(r.out()
                .contains("intel-tigerlake-chromebook-tbt-ssd.tree.txt:8: warning: this line is not part of an lspci "
                + "tree"), r.out());
        assertTrue(r.out().contains("Use -o FILE"), r.out());
    }

    static Stream<Path> exports() {
        return Stream.of("tree", "verbose", "hex", "hwloc-xml", "iommu-groups").flatMap(k -> Corpus.ofKind(k).stream());
    }

    /** The per-file counts are pinned against independent regex counts in the model's CorpusImportTest. */
    @ParameterizedTest
    @MethodSource("exports")
    void everyCorpusExportImportsThroughTheCli(Path file) throws Exception {
        Run r = run("import", file.toString(), "--format", "json");
        assertEquals(Cli.OK, r.status(), r.err());
        JsonNode j = r.json();
        assertEquals(j.get("topology").get("functions").size(), j.get("functions").asInt());
        assertTrue(j.get("functions").asInt() > 0);
        assertEquals(0, j.get("errors").size());
    }

    static Stream<String> unusable() {
        return Stream.of("hisilicon-d05-arm64-9domains.dmesg.txt", "dell-optiplex5055-ryzen.dmesg.txt");
    }

    @ParameterizedTest
    @MethodSource("unusable")
    void unusableInputExitsTwoWithTheReasonOnStderr(String name) throws Exception {
        Run r = run("import", corpus(name));
        assertEquals(Cli.UNUSABLE, r.status());
        assertTrue(r.err().startsWith(name + ":1: error: this is "), r.err());
        assertEquals("", r.out());
        Run j = run("import", corpus(name), "--format", "json");
        assertEquals(Cli.UNUSABLE, j.status());
        JsonNode node = j.json();
        assertEquals(0, node.get("functions").asInt());
        assertEquals(name, node.get("errors").get(0).get("file").asText());
        assertEquals(1, node.get("errors").get(0).get("line").asInt());
        assertTrue(node.get("topology").isNull());
    }

    @Test
    void usageErrors() {
        Run none = run("import");
        assertEquals(Cli.UNUSABLE, none.status());
        assertTrue(none.err().contains("no input FILE given"));
        Run bad = run("import", corpus("qemu-q35-kbusch-switch-vm.tree.txt"), "--format", "xml");
        assertEquals(Cli.UNUSABLE, bad.status());
        assertTrue(bad.err().contains("--format: xml is not an output format (text or json)"), bad.err());
        Run missing = run("import", "/nonexistent/lspci.txt");
        assertEquals(Cli.UNUSABLE, missing.status());
        assertTrue(missing.err().contains("lspci.txt: error: the file does not exist"), missing.err());
        Run help = run("import", "--help");
        assertEquals(Cli.OK, help.status());
        assertTrue(help.out().contains("usage: dmascope import FILE..."));
    }
}
