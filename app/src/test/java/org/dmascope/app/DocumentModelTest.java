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
        assertEquals("smaller.json no longer exists; removed from Open Recent", documents.messageProperty().get().text());
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

    @Test
    void samplesLoadForTheMenu() {
        documents.loadSamples();
        assertEquals(SampleCatalog.index().size(), documents.samplesProperty().size());
        documents.openSample(documents.samplesProperty().get(0));
        assertEquals(documents.samplesProperty().get(0).title(), documents.getDocument().title());
    }
}
