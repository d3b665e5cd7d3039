package org.dmascope.model.io.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.dmascope.model.io.LoadResult;
import org.dmascope.model.io.TopologyFiles;
import org.dmascope.model.io.imports.ImportProgress;
import org.dmascope.model.io.imports.ImportResult;
import org.dmascope.model.io.imports.Importer;
import org.dmascope.model.io.imports.TopologyInputs;
import org.dmascope.model.report.Diagnostic;
import org.dmascope.model.testing.Corpus;
import org.dmascope.model.topology.TopologyValidator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Huge and hostile input (issue "Hardening"): each ends in errors naming the file, line and reason,
 * within bounded work, never an exception, a hang or a heap exhausted.
 */
class HostileInputTest {
    private static final Path SAMPLES = Path.of(System.getProperty("dmascope.samples", "../sample-topologies"));

    private static String sample(String name) throws IOException {
        return Files.readString(SAMPLES.resolve(name), StandardCharsets.UTF_8);
    }

    private static List<String> errors(LoadResult r) {
        return r.report().diagnostics().stream().filter(Diagnostic::isError).map(Diagnostic::toString).toList();
    }

    @Test
    void aProvenanceLineNumberBeyondAnIntIsAnErrorAtItsPlace(@TempDir Path dir) throws IOException {
        String text = sample("supermicro-4028gr-tvrt-8xv100-pex9765.json").replaceFirst("verbose\\.txt:(\\d+)\"",
                "verbose.txt:99999999999\"");
        Path f = dir.resolve("big-line.json");
        Files.writeString(f, text);
        List<String> e = errors(TopologyFiles.load(f));
        assertEquals(1, e.size(), e.toString());
        assertTrue(e.get(0)
                .matches("big-line\\.json:\\d+:\\d+: error: \\$\\..*provenance\\.\\w+: the line number 99999999999 "
                + "is too large \\(at most 2147483647\\)"), e.get(0));
    }

    @Test
    void aWindowRepeatedThousandsOfTimesGivesCappedFindings(@TempDir Path dir) throws IOException {
        String w = "{\"kind\": \"mem\", \"cpu\": \"0xc0000000\", \"size\": \"1004MiB\"}";
        String text = sample("legacy-pci-no-iommu.json");
        assertTrue(text.contains(w));
        Path f = dir.resolve("windows.json");
        Files.writeString(f, text.replace(w, String.join(",\n", java.util.Collections.nCopies(1816, w))));
        LoadResult r = TopologyFiles.load(f);
        List<String> e = errors(r);
        assertFalse(r.ok());
        long overlaps = e.stream().filter(x -> x.contains("overlaps window")).count();
        assertEquals(51, overlaps, "50 listed and one line for the rest");
        assertTrue(e.stream().anyMatch(x -> x.contains("… and 1,765 more like it: host bridge pci0000:00: window")),
                e.toString());
    }

    @Test
    void duplicateAddressesStopTheChecksThatNeedUniqueOnes(@TempDir Path dir) throws IOException {
        String text = sample("supermicro-4028gr-tvrt-8xv100-pex9765.json");
        int a = text.indexOf("\"functions\": [") + "\"functions\": [".length();
        int b = text.lastIndexOf("]");
        String functions = text.substring(a, b).trim();
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 30; i++) many.append(i == 0 ? "" : ",\n").append(functions);
        Path f = dir.resolve("dups.json");
        Files.writeString(f, text.substring(0, a) + many + text.substring(b));
        LoadResult r = TopologyFiles.load(f);
        List<String> e = errors(r);
        assertTrue(e.stream().filter(x -> x.contains("appears more than once")).count() <= 51, "capped");
        assertTrue(e.stream().anyMatch(x -> x.contains("more like it") && x.contains("appears more than once")),
                e.toString());
        assertTrue(r.report().diagnostics().stream().noneMatch(x -> x.message().contains("overlaps a BAR of")),
                "no check that needs unique addresses ran");
        // each listed repeat is reported where it is in the file: its own line, past the first copy
        int firstCopyEnds = (int) (text.substring(0, a) + functions).lines().count();
        List<Integer> lines = r.report().diagnostics().stream()
                .filter(x -> x.message().contains("appears more than once") && !x.message().contains("more like it"))
                .map(Diagnostic::line).toList();
        assertEquals(50, lines.size());
        assertEquals(lines.size(), lines.stream().distinct().count(), "one line per repeat: " + lines);
        assertTrue(lines.stream().allMatch(l -> l > firstCopyEnds), lines + " after line " + firstCopyEnds);
        String repeat = functions.substring(0, functions.indexOf('\n'));
        int secondCopy = (text.substring(0, a) + functions + ",\n").lines().toList().size() + 1;
        assertTrue(lines.contains(secondCopy), "the first repeat is the second copy's first function (line "
                + secondCopy + ", " + repeat + "): " + lines);
    }

    @Test
    void aFileThatRepeatsItsFunctionsBeyondTheListedFindingsIsReadForAddressesOnly(@TempDir Path dir)
            throws IOException {
        String text = sample("legacy-pci-no-iommu.json");
        int a = text.indexOf("\"functions\": [") + "\"functions\": [".length();
        int b = text.lastIndexOf("]");
        String functions = text.substring(a, b).trim();
        int perCopy = TopologyFiles.load(SAMPLES.resolve("legacy-pci-no-iommu.json")).topology().orElseThrow()
                .functions().size();
        // A wrong member in a late repeat: once the file is known to be a repetition, such members are not read.
        String late = functions.replaceFirst("\"address\"", "\"numaNode\": \"not a number\", \"address\"");
        int copies = 200;
        StringBuilder many = new StringBuilder(functions);
        for (int i = 1; i < copies; i++) many.append(",\n").append(i == copies - 1 ? late : functions);
        Path f = dir.resolve("repeats.json");
        Files.writeString(f, text.substring(0, a) + many + text.substring(b));
        List<String> e = errors(TopologyFiles.load(f));
        int repeats = perCopy * (copies - 1);
        assertEquals(TopologyValidator.PER_KIND + 1, e.size());
        String last = e.get(e.size() - 1);
        assertTrue(last.contains("… and " + String.format(java.util.Locale.ROOT, "%,d",
                repeats - TopologyValidator.PER_KIND) + " more like it: "), last);
        assertTrue(e.stream().noneMatch(x -> x.contains("numaNode")), "the late repeat's members were skipped");

        // Below the cap every member of every function is read: the same wrong member is reported.
        StringBuilder few = new StringBuilder(functions).append(",\n").append(late);
        Files.writeString(f, text.substring(0, a) + few + text.substring(b));
        assertTrue(errors(TopologyFiles.load(f)).stream().anyMatch(x -> x.contains("numaNode")));
    }

    @Test
    void devicesAndPipesAreRefusedWithoutReadingThem(@TempDir Path dir) throws IOException, InterruptedException {
        Path zero = Path.of("/dev/zero");
        assumeTrue(Files.exists(zero), "a Unix machine");
        assertEquals("zero: error: this is not a regular file (a pipe, a device or a socket); save the export to a "
                + "file first",
                TopologyInputs.load(List.of(zero)).report().diagnostics().get(0).toString());
        Path fifo = dir.resolve("fifo");
        Process p = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assumeTrue(p.waitFor() == 0, "mkfifo works here");
        assertTrue(TopologyInputs.load(List.of(fifo)).report().diagnostics().get(0).message()
                .startsWith("this is not a regular file"));
        assertTrue(TopologyFiles.load(fifo).report().diagnostics().get(0).message()
                .startsWith("this is not a regular file"));
        assertEquals("this is a folder, not a file", TopologyInputs.load(List.of(dir)).report().diagnostics().get(0)
                .message());
    }

    @Test
    void aListingThatRepeatsItsDevicesSaysSo() throws IOException {
        Path real = Corpus.file("supermicro-4028gr-tvrt-8xv100-pex9765.verbose.txt");
        byte[] once = Files.readAllBytes(real);
        byte[] thrice = new byte[once.length * 3];
        for (int i = 0; i < 3; i++) System.arraycopy(once, 0, thrice, i * once.length, once.length);
        ImportResult r = Importer.importInputs(List.of(new org.dmascope.model.io.imports.ImportInput("x3.verbose.txt",
                thrice)),
                ImportProgress.NONE, () -> false);
        assertTrue(r.topology().isPresent(), r.report().toText());
        assertEquals(340, r.topology().get().functions().size());
        List<Diagnostic> w = r.report().diagnostics().stream().filter(d -> d.message().contains("listed before"))
                .toList();
        assertEquals(1, w.size(), r.report().toText());
        assertTrue(w.get(0).message()
                .startsWith("680 device blocks list a device listed before (the first: 0000:00:00.0 here, first "
                + "at line 1)"), w.get(0).message());
    }

    @Test
    void validationCanBeCancelled(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("s.json");
        Files.writeString(f, sample("supermicro-4028gr-tvrt-8xv100-pex9765.json"));
        AtomicInteger calls = new AtomicInteger();
        ImportResult r = new Importer(org.dmascope.model.io.formats.ImportFormats.standard()).fromFiles(List.of(f),
                ImportProgress.NONE, () -> calls.incrementAndGet() > 10);
        assertTrue(r.cancelled(), r.report().toText());
        assertTrue(calls.get() > 10, "cancelled while the topology was being checked, not before");
    }

    @Test
    void aSaveTidiesWhatAKilledSaveLeftAndNamesTheReasonWhenItFails(@TempDir Path dir) throws IOException {
        LoadResult r = TopologyFiles.load(SAMPLES.resolve("legacy-pci-no-iommu.json"));
        Path target = dir.resolve("m.json");
        Path stale = dir.resolve(".m.json.123456.tmp");
        Files.writeString(stale, "{half");
        Path other = dir.resolve(".n.json.1.tmp");
        Files.writeString(other, "x");
        TopologyFiles.save(r.topology().orElseThrow(), target);
        assertFalse(Files.exists(stale), "the interrupted save's temporary file is gone");
        assertTrue(Files.exists(other), "another target's is left alone");
        IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> TopologyFiles.save(r.topology().orElseThrow(), dir.resolve("no/such/folder/m.json")));
        assertTrue(e.getMessage().startsWith("cannot save " + dir.resolve("no/such/folder/m.json") + ": the folder "),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("does not exist"), e.getMessage());
    }
}
