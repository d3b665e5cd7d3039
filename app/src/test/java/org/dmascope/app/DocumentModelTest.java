package org.dmascope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

import org.dmascope.model.io.SampleCatalog;
import org.dmascope.model.io.TopologyFiles;
import org.dmascope.model.io.imports.ImportProgress;
import org.dmascope.model.io.imports.TopologyInputs;
import org.dmascope.model.report.Diagnostic;
import org.dmascope.model.testing.Corpus;
import org.dmascope.model.topology.SourceRef;
import org.dmascope.model.topology.Topology;
import org.dmascope.views.topology.TopologyViewModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file commands without a Stage: both executors run tasks at once. */
class DocumentModelTest {
    @TempDir
    Path dir;
    private Preferences prefs;
    private TopologyViewModel view;
    private DocumentModel documents;

    @BeforeEach
    void setUp() {
        prefs = Preferences.userRoot().node(TestPreferences.newNodeName());
        view = new TopologyViewModel();
        documents = new DocumentModel(Runnable::run, Runnable::run, view, new RecentFiles(prefs));
        documents.showDefaultSample();
    }

    @AfterEach
    void tearDown() throws BackingStoreException {
        TestPreferences.remove(prefs);
    }

    @Test
    void theDefaultSampleIsShownWithItsFileAsSource() {
        assertEquals("Switch-local P2P server", documents.getDocument().title());
        assertEquals("switch-p2p-server.json", view.getSourceName());
        assertSame(documents.getDocument().topology(), view.getTopology());
    }

    @Test
    void openingAFileShowsItAndRemembersIt() throws IOException {
        Path file = TestFiles.smaller(dir);
        documents.open(List.of(file));
        assertEquals("smaller.json", documents.getDocument().title());
        assertEquals("Smaller server", view.getTopology().name());
        assertEquals(List.of(file.toAbsolutePath().normalize()), documents.recentFiles().files());
        assertFalse(documents.busyProperty().get());
    }

    @Test
    void anotherMachineIsReadForComparingWithoutOpeningItAndAFailureIsReported() throws IOException {
        Topology open = view.getTopology();
        Path file = TestFiles.smaller(dir);
        Topology[] read = new Topology[1];
        documents.readOther(List.of(file), t -> read[0] = t);
        assertEquals("Smaller server", read[0].name());
        assertSame(open, view.getTopology(), "comparing opens nothing");
        assertEquals(List.of(), documents.recentFiles().files());

        documents.readOther(List.of(dir.resolve("missing.json")), t -> read[0] = null);
        DocumentModel.Failure f = documents.failureProperty().get();
        assertEquals("Cannot compare with missing.json", f.title());
        assertTrue(f.report().errors().get(0).toString().contains("does not exist"), f.report()::toString);
        assertSame(open, view.getTopology());
    }

    @Test
    void aDeviceOrAHostileFileIsRefusedInTheReportAndTheOpenTopologyStays() throws IOException {
        Topology before = view.getTopology();
        Path zero = Path.of("/dev/zero");
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.exists(zero));
        documents.open(List.of(zero));
        DocumentModel.Failure f = documents.failureProperty().get();
        assertEquals("zero: error: this is not a regular file (a pipe, a device or a socket); save the export to a "
                + "file first",
                f.report().errors().get(0).toString());
        assertSame(before, view.getTopology());
        String w = "{\"kind\": \"mem\", \"cpu\": \"0xc0000000\", \"size\": \"1004MiB\"}";
        String legacy = java.nio.file.Files.readString(Path.of("../sample-topologies/legacy-pci-no-iommu.json"));
        Path windows = dir.resolve("windows.json");
        java.nio.file.Files.writeString(windows, legacy.replace(w, String.join(",", java.util.Collections.nCopies(1816,
                w))));
        documents.open(List.of(windows));
        f = documents.failureProperty().get();
        // Two kinds of finding (CPU and bus sides of the windows overlap), each capped at 50 and a summary line.
        assertEquals(102, f.report().errors().size(), f.report().toText());
        assertTrue(f.report().toText().contains("more like it"), f.report().toText());
        assertSame(before, view.getTopology());
    }

    @Test
    void aBrokenFileKeepsTheCurrentTopologyAndReportsWhereItBroke() throws IOException {
        Topology before = view.getTopology();
        documents.open(List.of(TestFiles.badJson(dir)));
        DocumentModel.Failure f = documents.failureProperty().get();
        assertNotNull(f);
        assertTrue(f.report().hasErrors());
        assertTrue(f.report().errors().get(0).toString().startsWith("broken.json:"), f.report().toText());
        assertTrue(f.report().errors().get(0).line() > 0);
        assertSame(before, view.getTopology());
        assertTrue(documents.recentFiles().files().isEmpty());
        assertTrue(documents.messageProperty().get().problem());
    }

    @Test
    void aFileThatFailsValidationIsRefusedWithTheDeviceNamed() throws IOException {
        Topology before = view.getTopology();
        documents.open(List.of(TestFiles.duplicateAddress(dir)));
        String text = documents.failureProperty().get().report().toText();
        assertTrue(text.contains("0000:03:00.0"), text);
        assertSame(before, view.getTopology());
    }

    @Test
    void warningsTravelWithTheDocument() throws IOException {
        documents.open(List.of(TestFiles.withWarning(dir)));
        assertEquals(1, documents.getDocument().report().warnings().size());
        assertTrue(documents.getDocument().report().toText().contains("colour"));
        assertEquals("Opened warned.json with 1 warning", documents.messageProperty().get().text());
    }

    @Test
    void aRecentFileThatIsGoneIsRemovedWithAMessage() throws IOException {
        Path file = TestFiles.smaller(dir);
        documents.open(List.of(file));
        documents.showDefaultSample();
        Files.delete(file);
        documents.openRecent(file.toAbsolutePath().normalize());
        assertTrue(documents.recentFiles().files().isEmpty());
        assertEquals("smaller.json no longer exists; removed from Open Recent", documents.messageProperty().get()
                .text());
        assertEquals("Switch-local P2P server", documents.getDocument().title());
    }

    @Test
    void saveAsWritesJsonThatReadsBackEqualAndBecomesTheDocument() throws IOException {
        Path target = dir.resolve("copy.json");
        Files.writeString(target, "old content");
        documents.saveAs(target);
        assertEquals(documents.getDocument().topology(), TopologyFiles.load(target).topology().orElseThrow());
        assertEquals("copy.json", documents.getDocument().title());
        assertEquals(target.toAbsolutePath().normalize(), documents.recentFiles().files().get(0));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(target), files.toList(), "no temporary file is left behind");
        }
    }

    @Test
    void aFailedSaveReportsAndLeavesTheDocument() {
        Path target = dir.resolve("no-such-dir").resolve("x.json");
        documents.saveAs(target);
        assertTrue(documents.failureProperty().get().summary().startsWith("x.json was not written"));
        assertEquals("Switch-local P2P server", documents.getDocument().title());
    }

    private static List<Path> icelake() {
        return List.of(Corpus.file("intel-icelake-sp-cx7-sriov.tree.txt"),
                Corpus.file("intel-icelake-sp-cx7-sriov.verbose.txt"),
                Corpus.file("intel-icelake-sp-cx7-sriov.iommu-groups.txt"));
    }

    @Test
    void threeExportsOfOneMachineImportAsOneMergedMachineWithItsReport() {
        documents.open(icelake());
        DocumentModel.Document d = documents.getDocument();
        assertTrue(d.imported());
        assertEquals("Imported: intel-icelake-sp-cx7-sriov.tree.txt, intel-icelake-sp-cx7-sriov.verbose.txt, "
                + "intel-icelake-sp-cx7-sriov.iommu-groups.txt", d.title());
        assertEquals(TopologyInputs.load(icelake()).topology().orElseThrow(), d.topology(),
                "the CLI's import, the same machine");
        assertEquals(17, d.topology().functions().size());
        assertEquals(d.topology().functions().size(), d.topology().functions().stream().map(f -> f.address()).distinct()
                .count());
        assertTrue(d.path().isEmpty(), "an import is no file to save back to");
        assertEquals("Imported 17 PCI functions from 3 files with 3 warnings", documents.messageProperty().get()
                .text());
        Diagnostic first = d.report().warnings().get(0);
        String excerpt = d.excerpts().around(first.file().orElseThrow(), first.line()).orElseThrow().text();
        assertTrue(excerpt.contains("▶ " + first.line() + " │ "), excerpt);
        assertTrue(documents.recentFiles().files().isEmpty(), "Open Recent lists topology files only");
        assertEquals(null, documents.progressProperty().get());
    }

    @Test
    void progressIsPublishedWhileAnImportRuns() {
        List<ImportProgress.Step> seen = new java.util.ArrayList<>();
        documents.progressProperty().addListener((obs, old, step) -> {
            if (step != null) seen.add(step);
        });
        Path big = Corpus.file("supermicro-4028gr-tvrt-8xv100-pex9765.verbose.txt");
        documents.open(List.of(big));
        assertFalse(seen.isEmpty());
        assertEquals(big.toFile().length(), seen.get(0).bytesTotal());
        assertEquals("supermicro-4028gr-tvrt-8xv100-pex9765.verbose.txt", seen.get(0).file());
        assertEquals(null, documents.progressProperty().get(), "the bar goes away at the end");
        assertEquals(340, documents.getDocument().topology().functions().size());
    }

    @Test
    void cancellingAnImportKeepsTheOpenTopology() {
        Topology before = view.getTopology();
        documents.setImportHook(step -> {
            if (step.line() > 1000) documents.cancelImport();
        });
        documents.open(List.of(Corpus.file("supermicro-4028gr-tvrt-8xv100-pex9765.verbose.txt")));
        assertSame(before, view.getTopology());
        assertEquals("Switch-local P2P server", documents.getDocument().title());
        assertEquals(null, documents.failureProperty().get(), "a cancel is no failure");
        assertEquals("Import of supermicro-4028gr-tvrt-8xv100-pex9765.verbose.txt cancelled; the topology you had "
                + "open stays open",
                documents.messageProperty().get().text());
        assertFalse(documents.busyProperty().get());
    }

    @Test
    void anUnusableImportShowsItsErrorsAndKeepsTheTopology() throws IOException {
        Topology before = view.getTopology();
        Path dmesg = Corpus.file("dell-optiplex5055-ryzen.dmesg.txt");
        documents.open(List.of(dmesg));
        DocumentModel.Failure f = documents.failureProperty().get();
        assertEquals("Cannot import dell-optiplex5055-ryzen.dmesg.txt", f.title());
        assertTrue(f.report().errors().get(0).toString().startsWith("dell-optiplex5055-ryzen.dmesg.txt:"),
                f.report().toText());
        assertSame(before, view.getTopology());
    }

    @Test
    void anImportedMachineSavesAndReopensLosslessly() throws IOException {
        documents.open(icelake());
        Topology imported = documents.getDocument().topology();
        assertEquals("intel-icelake-sp-cx7-sriov.json", DocumentModel.suggestedFileName(documents.getDocument()));
        Path target = dir.resolve("icelake.json");
        documents.saveAs(target);
        assertEquals("icelake.json", documents.getDocument().title());
        assertFalse(documents.getDocument().imported(), "now it is a topology file");
        Topology reread = TopologyFiles.load(target).topology().orElseThrow();
        assertEquals(imported, reread);
        SourceRef where = reread.function(org.dmascope.model.topology.Bdf.parse("0000:b1:00.1")).orElseThrow()
                .provenance().of("identity").orElseThrow();
        assertTrue(where.file().startsWith("intel-icelake-sp-cx7-sriov."), "provenance survives: " + where);
        documents.open(List.of(target));
        assertEquals(imported, documents.getDocument().topology());
        assertFalse(documents.getDocument().imported());
    }

    @Test
    void samplesLoadForTheMenu() {
        documents.loadSamples();
        assertEquals(SampleCatalog.index().size(), documents.samplesProperty().size());
        documents.openSample(documents.samplesProperty().get(0));
        assertEquals(documents.samplesProperty().get(0).title(), documents.getDocument().title());
    }
}
