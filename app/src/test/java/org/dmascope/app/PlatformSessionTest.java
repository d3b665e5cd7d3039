package org.dmascope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

import org.dmascope.app.undo.UndoStack;
import org.dmascope.model.io.SampleCatalog;
import org.dmascope.model.kernel.p2p.P2pMapType;
import org.dmascope.model.kernel.platform.AssumptionSource;
import org.dmascope.model.kernel.platform.DefaultDomainChoice;
import org.dmascope.model.kernel.platform.PlatformOverrides;
import org.dmascope.model.kernel.profile.KernelProfile;
import org.dmascope.model.mapping.BufferSpecParser;
import org.dmascope.model.session.Boot;
import org.dmascope.model.session.MapCall;
import org.dmascope.model.session.MapOptions;
import org.dmascope.model.session.RunningKernel;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.Topology;
import org.dmascope.views.topology.TopologyViewModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Platform what-ifs, their undo history and the rules they give, without a Stage (executors run tasks at once). */
class PlatformSessionTest {
    private static final Bdf NVME = Bdf.parse("0000:05:00.0");
    private static final Bdf GPU = Bdf.parse("0000:03:00.0");
    private Preferences prefs;
    private DocumentModel documents;
    private UndoStack undo;
    private PlatformSession session;
    private RunningKernel kernel;

    @BeforeEach
    void setUp() {
        prefs = Preferences.userRoot().node(TestPreferences.newNodeName());
        documents = new DocumentModel(Runnable::run, Runnable::run, new TopologyViewModel(), new RecentFiles(prefs));
        documents.showDefaultSample();
        undo = new UndoStack();
        kernel = new RunningKernel(Runnable::run);
        session = new PlatformSession(Runnable::run, Runnable::run, documents, undo, KernelProfile.MAINLINE, kernel);
    }

    @AfterEach
    void tearDown() throws BackingStoreException {
        TestPreferences.remove(prefs);
    }

    private P2pMapType nvmeToGpu() {
        return session.rules().getRules().p2p(NVME, GPU).mapType();
    }

    @Test
    void rulesFollowTheOpenTopology() {
        Topology t = documents.getDocument().topology();
        assertSame(t, session.rules().getRules().topology());
        assertTrue(session.rules().rulesFor(t).isPresent());
        assertEquals(P2pMapType.BUS_ADDR, nvmeToGpu());
    }

    @Test
    void aPlatformChangeRecomputesAndUndoRedoRestoresIt() {
        session.change(session.overrides().withAcsRequested(true).withCommandLine("intel_iommu=on"), "ACS what-if");
        assertEquals(P2pMapType.THRU_HOST_BRIDGE, nvmeToGpu(), "the kernel's ACS bits redirect the switch traffic");
        assertEquals(AssumptionSource.OPTION, session.rules().getRules().assumptions().acsRequestedAssumption()
                .source());
        assertEquals("Undo ACS what-if", undo.undoTextProperty().get());
        undo.undo();
        assertEquals(P2pMapType.BUS_ADDR, nvmeToGpu());
        assertEquals(PlatformOverrides.NONE, session.rules().getOverrides());
        assertTrue(undo.canRedoProperty().get());
        undo.redo();
        assertEquals(P2pMapType.THRU_HOST_BRIDGE, nvmeToGpu());
        assertFalse(undo.canRedoProperty().get());
    }

    @Test
    void theMappingsRunOnTheKernelWhoseRulesArePublished() {
        Topology t = documents.getDocument().topology();
        MapCall cmbForGpu = new MapCall(GPU, BufferSpecParser.parse("bar:0000:05:00.0:2:64KiB"), MapOptions.DEFAULTS);
        List<RunningKernel.Mapped> results = new ArrayList<>();
        kernel.map(new Boot(t, session.overrides()), cmbForGpu, null, () -> true, results::add);
        assertEquals(P2pMapType.BUS_ADDR, results.get(0).outcome().mapping().mapType());
        session.change(session.overrides().withAcsRequested(true).withCommandLine("intel_iommu=on"), "ACS what-if");
        kernel.map(new Boot(t, session.overrides()), cmbForGpu, null, () -> true, results::add);
        assertEquals(P2pMapType.THRU_HOST_BRIDGE, results.get(1).outcome().mapping().mapType());
        assertEquals(1, results.get(1).discardedByReboot(), "the new boot discarded the first mapping");
        assertEquals(1, results.get(1).outcome().after().liveCount());
    }

    @Test
    void theTopologyIsNeverTouchedByPlatformEdits() {
        Topology before = documents.getDocument().topology();
        session.change(session.overrides().withIommuMode(DefaultDomainChoice.IDENTITY), "identity");
        undo.undo();
        undo.redo();
        assertSame(before, documents.getDocument().topology());
        assertSame(before, session.rules().getRules().topology());
    }

    @Test
    void openingAnotherMachineStartsOverWithItsOwnPlatform() {
        session.change(session.overrides().withIommuMode(DefaultDomainChoice.IDENTITY), "identity");
        documents.loadSamples();
        documents.openSample(documents.samplesProperty().get(1));
        assertEquals(PlatformOverrides.NONE, session.rules().getOverrides());
        assertFalse(undo.canUndoProperty().get());
        assertNotEquals(SampleCatalog.loadDefault().name(), session.rules().getRules().topology().name());
    }
}
