package org.dmascope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

import javafx.scene.control.TableView;
import javafx.stage.Stage;

import org.dmascope.model.kernel.p2p.P2pMapType;
import org.dmascope.model.mapping.BufferSpec;
import org.dmascope.model.mapping.Mapping;
import org.dmascope.model.testing.Corpus;
import org.dmascope.model.topology.Bdf;
import org.dmascope.views.mapping.BufferSource;
import org.dmascope.views.mapping.MappingDetailsView;
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
 * Issue 14, item 3, in the window: a GPU BAR offered as a dma-buf chip is dragged with the mouse onto a device
 * like any buffer, on the default sample and on an imported machine, and the cost tab shows the premapped row.
 */
@ExtendWith(ApplicationExtension.class)
class DmaBufDragTest {
    private static final String IMAC = "apple-imac20-cometlake-titanridge.verbose.txt";
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

    private static String chipOfDmaBuf(String exporter, int bar) {
        return "#buffer-chip-dmabuf-" + TopologyItem.sanitise(Bdf.parse(exporter).toString()) + "-bar" + bar;
    }

    @Test
    void theGpuBarOfTheDefaultSampleIsDraggedOntoTheNic(FxRobot robot) {
        MappingDriver d = new MappingDriver(robot, documents);
        d.openSample("switch-p2p-server.json");
        MappingDriver.waitUntil(() -> d.model().sourcesProperty().stream()
                .anyMatch(s -> s instanceof BufferSource.DmaBufBar));
        WaitForAsyncUtils.waitForFxEvents();
        String chip = chipOfDmaBuf("03:00.0", 1);
        assertTrue(robot.lookup(chip).tryQuery().isPresent(), "the GPU's BAR 1 is offered as a dma-buf");
        robot.interact(() -> d.canvas().reveal(TopologyItem.device(Bdf.parse("06:00.0"))));
        WaitForAsyncUtils.waitForFxEvents();
        d.drag(chip, MappingDriver.device("06:00.0"));

        Mapping m = d.model().mappingProperty().get();
        assertTrue(m.verdict().isOk(), () -> m.verdict().toString());
        assertTrue(m.request().buffer() instanceof BufferSpec.DmaBuf b && b.exporter().equals(Bdf.parse("03:00.0")));
        assertEquals(P2pMapType.BUS_ADDR, m.mapType());

        robot.interact(() -> robot.lookup("#" + MappingDetailsView.ID).queryAs(MappingDetailsView.class)
                .showTab(MappingDetailsView.COST_TAB_ID));
        MappingDriver.waitUntil(() -> !robot.lookup("#cost-per-io-table").queryAs(TableView.class).getItems()
                .isEmpty());
        List<?> rows = robot.lookup("#cost-per-io-table").queryAs(TableView.class).getItems();
        assertEquals(1, rows.size(), "a dma-buf is premapped: one row");
    }

    @Test
    void theGpuOfAnImportedMachineIsOfferedAndDragged(FxRobot robot) {
        MappingDriver d = new MappingDriver(robot, documents);
        robot.interact(() -> documents.open(List.of(Corpus.file(IMAC))));
        MappingDriver.waitUntil(() -> !documents.busyProperty().get() && d.model().sourcesProperty().stream()
                .anyMatch(s -> s instanceof BufferSource.DmaBufBar));
        WaitForAsyncUtils.waitForFxEvents();
        BufferSource.DmaBufBar gpu = d.model().sourcesProperty().stream()
                .filter(s -> s instanceof BufferSource.DmaBufBar).map(s -> (BufferSource.DmaBufBar) s).findFirst()
                .orElseThrow();
        assertEquals(Bdf.parse("03:00.0"), gpu.exporter());
        Bdf nvme = Bdf.parse("04:00.0");
        robot.interact(() -> d.canvas().reveal(TopologyItem.device(nvme)));
        WaitForAsyncUtils.waitForFxEvents();
        d.drag(chipOfDmaBuf("03:00.0", gpu.bar()), MappingDriver.device("04:00.0"));

        Mapping m = d.model().mappingProperty().get();
        assertEquals(nvme, m.request().initiator());
        assertTrue(m.request().buffer() instanceof BufferSpec.DmaBuf);
        assertTrue(m.steps().stream().anyMatch(s -> s.ruleId().equals("R-DMABUF-1")), "the export step is shown");
    }
}
