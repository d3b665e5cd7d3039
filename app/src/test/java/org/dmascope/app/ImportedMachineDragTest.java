package org.dmascope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

import javafx.stage.Stage;

import org.dmascope.model.kernel.platform.AssumptionSource;
import org.dmascope.model.mapping.BufferSpec;
import org.dmascope.model.mapping.Mapping;
import org.dmascope.model.testing.Corpus;
import org.dmascope.model.topology.Bdf;
import org.dmascope.views.mapping.BufferSource;
import org.dmascope.views.platform.PlatformViewModel;
import org.dmascope.views.topology.TopologyItem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue 10, item 4, in the window: an imported lspci dump (which describes no RAM) offers the assumed RAM of
 * its NUMA node as a buffer chip, marked as assumed, and a real mouse drag of it onto a device maps it.
 */
@ExtendWith(ApplicationExtension.class)
class ImportedMachineDragTest {
    private static final String IMAC = "apple-imac20-cometlake-titanridge.verbose.txt";
    /** A name-only dump without -nn whose blocks say NUMA node 0: the RAM pill lands on node 0's frame. */
    private static final String HASWELL = "ni-haswell-ep-e5-2618lv3-wellsburg.verbose.txt";
    private final String prefsNode = TestPreferences.newNodeName();
    private DmascopeApplication app;
    private DocumentModel documents;

    @Start
    void start(Stage stage) {
        System.setProperty(DmascopeApplication.PREFERENCES_PROPERTY, prefsNode);
        app = new DmascopeApplication();
        documents = app.start(stage, 1280, 800);
    }

    @Stop
    void stop() {
        if (app != null) app.stop();
    }

    @BeforeEach
    void clearDragView() throws ReflectiveOperationException {
        MappingDriver.clearMonocleDragView();
    }

    @AfterEach
    void tearDown() throws BackingStoreException {
        TestPreferences.remove(Preferences.userRoot().node(prefsNode));
        System.clearProperty(DmascopeApplication.PREFERENCES_PROPERTY);
    }

    @Test
    void theAssumedRamOfAnImportedMachineIsDraggedOntoItsNic(FxRobot robot) {
        MappingDriver d = new MappingDriver(robot, documents);
        robot.interact(() -> documents.open(List.of(Corpus.file(HASWELL))));
        MappingDriver.waitUntil(() -> !documents.busyProperty().get()
                && d.model().sourcesProperty().stream().anyMatch(s -> s instanceof BufferSource.Ram r && r.assumed()));
        WaitForAsyncUtils.waitForFxEvents();
        String chip = MappingDriver.chipOfRam(0);
        assertTrue(robot.lookup(chip).tryQuery().isPresent(), "the chip of node 0's assumed RAM is on the strip");
        assertTrue(d.model().sourcesProperty().get(0).title().endsWith("(assumed)"));

        Bdf nic = Bdf.parse("02:00.0");
        robot.interact(() -> d.canvas().reveal(TopologyItem.device(nic)));
        WaitForAsyncUtils.waitForFxEvents();
        d.drag(chip, MappingDriver.device("02:00.0"));

        Mapping m = d.model().mappingProperty().get();
        assertTrue(m.verdict().isOk(), () -> m.verdict().toString());
        assertEquals(nic, m.request().initiator());
        assertTrue(m.request().buffer() instanceof BufferSpec.Host h && h.node() == 0);
        assertEquals(TopologyItem.numa(0), d.canvas().getRoute().stops().get(d.canvas().getRoute().stops().size() - 1)
                .item(), "the route ends in the RAM pill of node 0, the frame the NIC's NUMA node line puts it in");
    }

    @Test
    void onAMachineWithoutNumaLinesTheRouteEndsInItsOneFrame(FxRobot robot) {
        MappingDriver d = new MappingDriver(robot, documents);
        robot.interact(() -> documents.open(List.of(Corpus.file(IMAC))));
        MappingDriver.waitUntil(() -> !documents.busyProperty().get()
                && d.model().sourcesProperty().stream().anyMatch(s -> s instanceof BufferSource.Ram r && r.assumed()));
        WaitForAsyncUtils.waitForFxEvents();
        Bdf nvme = Bdf.parse("04:00.0");
        robot.interact(() -> d.canvas().reveal(TopologyItem.device(nvme)));
        WaitForAsyncUtils.waitForFxEvents();
        d.drag(MappingDriver.chipOfRam(0), MappingDriver.device("04:00.0"));
        Mapping m = d.model().mappingProperty().get();
        assertTrue(m.verdict().isOk(), () -> m.verdict().toString());
        assertEquals(nvme, m.request().initiator());
        assertEquals(d.canvas().getRoute().stops().size(), d.canvas().routeStopsShownProperty().get(),
                "every stop is drawn, the RAM pill too");
    }

    @Test
    void theAssumedRamIsAPlatformRowThatCanBeChangedAndUndone(FxRobot robot) {
        MappingDriver d = new MappingDriver(robot, documents);
        robot.interact(() -> documents.open(List.of(Corpus.file(IMAC))));
        MappingDriver.waitUntil(() -> !documents.busyProperty().get()
                && d.model().sourcesProperty().stream().anyMatch(s -> s instanceof BufferSource.Ram r && r.assumed()));
        PlatformViewModel platform = new PlatformViewModel(app.session().rules(), app.session());
        PlatformViewModel.Row ram = platform.row(PlatformViewModel.RAM).orElseThrow();
        assertEquals("default", ram.source());
        assertTrue(ram.editable() && ram.shown().endsWith("(assumed)"), ram::toString);
        assertEquals(AssumptionSource.INFERRED.words(), platform.row(PlatformViewModel.CPU).orElseThrow().source());

        robot.interact(() -> platform.set(PlatformViewModel.RAM, "64GiB"));
        MappingDriver.waitUntil(() -> d.model().sourcesProperty().stream()
                .anyMatch(s -> s instanceof BufferSource.Ram r && r.bytes() == 64L << 30));
        robot.interact(() -> app.session().undoStack().undo());
        MappingDriver.waitUntil(() -> d.model().sourcesProperty().stream()
                .anyMatch(s -> s instanceof BufferSource.Ram r && r.bytes() == 16L << 30));
        robot.interact(platform::dispose);
    }
}
