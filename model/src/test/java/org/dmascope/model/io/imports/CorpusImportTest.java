package org.dmascope.model.io.imports;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.dmascope.model.report.Diagnostic;
import org.dmascope.model.testing.Corpus;
import org.dmascope.model.topology.Topology;
import org.dmascope.model.topology.TopologySource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every lspci and hwloc file of the corpus imports on its own, without an error, to exactly as many
 * functions as the export lists. The expected counts come from plain regular expressions written
 * here, independent of the readers.
 */
class CorpusImportTest {

    /**
     * {@code -dd.f} entries of a tree: a device always follows a dash and is followed by a dash, a blank or the end.
     */
    private static final Pattern TREE_ENTRY = Pattern.compile("(?<=-)[0-9a-f]{2}\\.[0-7](?=$|[\\s-])",
            Pattern.MULTILINE);
    /**
     * Device header lines of a listing: a slot (maybe with domain or -P/-PP path) at the start of a line, then a blank.
     */
    private static final Pattern HEADER = Pattern.compile(
            "^(?:[0-9a-f]{4,5}:)?[0-9a-f]{2}:[0-9a-f]{2}\\.[0-7](?:/(?:[0-9a-f]{2}:)?[0-9a-f]{2}\\.[0-7])* ",
                    Pattern.MULTILINE);
    /** PCI objects of hwloc XML: PCIDev objects and bridges with a pci_busid (host bridges have none). */
    private static final Pattern HWLOC_PCI = Pattern.compile("<object "
            + "type=\"(?:PCIDev|Bridge)\"[^>]*?pci_busid=\"([^\"]+)\"");
    /** Slots in an IOMMU group listing. */
    private static final Pattern GROUP_SLOT = Pattern.compile(
            "^[\\s\\u00a0*]*((?:[0-9a-f]{4}:)?[0-9a-f]{2}:[0-9a-f]{2}\\.[0-7]) ", Pattern.MULTILINE);

    static Stream<Path> topologyExports() {
        return Stream.of("tree", "verbose", "hex", "hwloc-xml", "iommu-groups").flatMap(k -> Corpus.ofKind(k).stream());
    }

    static Stream<Path> notTopologies() {
        return Corpus.ofKind("dmesg").stream();
    }

    @ParameterizedTest
    @MethodSource("topologyExports")
    void importsWithAsManyFunctionsAsTheExportLists(Path file) throws IOException {
        String name = file.getFileName().toString();
        ImportResult r = assertDoesNotThrow(() -> Importer.importFiles(List.of(file), ImportProgress.NONE,
                () -> false));
        ImportTesting.assertNoInternalError(r);
        assertTrue(r.ok(), () -> name + " did not import:\n" + r.report().toText());
        Topology t = r.topology().get();
        int expected = expectedCount(name, Files.readString(file, StandardCharsets.UTF_8));
        assertTrue(expected > 0, "the independent count found nothing in " + name);
        assertEquals(expected, t.functions().size(), () -> name + ": functions\n" + r.report().toText());
        assertAll(
                () -> assertEquals(TopologySource.Kind.IMPORTED, t.source().orElseThrow().kind()),
                () -> assertEquals(name, t.source().orElseThrow().detail().orElseThrow()),
                () -> assertTrue(t.functions().stream().allMatch(f -> f.provenance().of("address").isPresent()),
                        "every function says where it was listed"));
        for (Diagnostic d : r.report().diagnostics()) {
            assertTrue(d.file().isPresent() && d.line() > 0 || d.message().contains("more warning"),
                    () -> "every finding names file and line: " + d);
        }
    }

    private static int expectedCount(String name, String text) {
        if (name.endsWith(".tree.txt")) return count(TREE_ENTRY, text);
        if (name.endsWith(".hwloc-xml.txt")) {
            // Distinct addresses: supermicro-x9drg-hf lists 0000:04:00.0 twice (the hwloc test file contradicts
            // itself).
            return distinct(HWLOC_PCI, text);
        }
        if (name.endsWith(".iommu-groups.txt")) return distinct(GROUP_SLOT, text);
        return count(HEADER, text);
    }

    private static int count(Pattern p, String text) {
        Matcher m = p.matcher(text);
        int n = 0;
        while (m.find()) n++;
        return n;
    }

    private static int distinct(Pattern p, String text) {
        Set<String> s = new HashSet<>();
        Matcher m = p.matcher(text);
        while (m.find()) s.add(m.group(1).length() == 7 ? "0000:" + m.group(1) : m.group(1));
        return s.size();
    }

    /** Files of one machine share the name before the kind, ignoring run suffixes (corpus/SOURCES.md). */
    static Stream<List<Path>> machinesWithSeveralExports() {
        java.util.Map<String, List<Path>> byMachine = new java.util.TreeMap<>();
        topologyExports().forEach(p -> {
            String name = p.getFileName().toString();
            String machine = name.substring(0,
                    name.indexOf('.')).replaceAll("-(k58|k59|bvvv|movablebars|k44|k51-aliased)$", "");
            byMachine.computeIfAbsent(machine, k -> new java.util.ArrayList<>()).add(p);
        });
        return byMachine.values().stream().filter(l -> l.size() > 1);
    }

    @ParameterizedTest
    @MethodSource("machinesWithSeveralExports")
    void allExportsOfOneMachineMergeWithoutErrors(List<Path> files) throws IOException {
        ImportResult r = assertDoesNotThrow(() -> Importer.importFiles(files, ImportProgress.NONE, () -> false));
        ImportTesting.assertNoInternalError(r);
        assertTrue(r.ok(), () -> files + "\n" + r.report().toText());
        Set<String> union = new HashSet<>();
        for (Path f : files) {
            Importer.importFiles(List.of(f), ImportProgress.NONE, () -> false).topology().orElseThrow()
                    .functions().forEach(fn -> union.add(fn.address().toString()));
        }
        assertEquals(union.size(), r.topology().get().functions().size(),
                "the merge holds every function of every file, once");
    }

    @ParameterizedTest
    @MethodSource("notTopologies")
    void kernelLogsAreRefusedWithTheirName(Path file) {
        String name = file.getFileName().toString();
        ImportResult r = assertDoesNotThrow(() -> Importer.importFiles(List.of(file), ImportProgress.NONE,
                () -> false));
        assertFalse(r.ok());
        List<Diagnostic> errors = r.report().errors();
        assertEquals(1, errors.size(), r.report().toText());
        Diagnostic e = errors.get(0);
        assertEquals(name, e.file().orElseThrow());
        assertTrue(e.message().contains("kernel log (dmesg"), e.message());
        assertTrue(e.message().contains("no topology can be built"), e.message());
    }
}
