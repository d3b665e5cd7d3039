package org.dmascope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.prefs.BackingStoreException;

import javafx.scene.control.ToggleButton;
import javafx.stage.Stage;

import org.dmascope.model.topology.Bdf;
import org.dmascope.views.mapping.MappingDetailsView;
import org.dmascope.views.topology.CanvasRoute;
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
 * Issue 15 question 4 in the window: on 5.4 the NVMe 07:00.0 cannot reach the NoLoad's CMB peer to peer;
 * selecting "bounce through host memory" in the Designs tab draws the proposal's bounce route on the
 * canvas, and selecting mainline's refusal (or leaving the tab) brings back the kernel's own route.
 */
@ExtendWith(ApplicationExtension.class)
class DesignRouteWindowTest {
    private static final String CMB = MappingDriver.chipOfP2p("05:00.0", 2);
    private final RunningApp running = new RunningApp();
    private DocumentModel documents;

    @Start
    void start(Stage stage) {
        documents = running.start(stage, 1280, 800);
    }

    @Stop
    void stop() {
        running.stop();
    }

    @BeforeEach
    void clearDragView() throws ReflectiveOperationException {
        MappingDriver.clearMonocleDragView();
    }

    @AfterEach
    void tearDown() throws BackingStoreException {
        running.tearDown(true);
    }

    private static TopologyItem dev(String bdf) {
        return TopologyItem.device(Bdf.parse(bdf));
    }

    @Test
    void selectingTheBounceDesignDrawsTheBounceRouteOnTheCanvas(FxRobot robot) {
        RunningApp.awaitPanels(robot);
        MappingDriver d = new MappingDriver(robot, documents);
        robot.clickOn("#option-kernel").clickOn("5.4 LTS");
        d.drag(CMB, MappingDriver.device("07:00.0"));
        MappingDriver.waitUntil(() -> "NOT_SUPPORTED".equals(d.model().verdictProperty().get().code()));
        CanvasRoute kernels = d.model().routeProperty().get();
        assertSame(kernels, d.canvas().getRoute(), "the refused route first");
        robot.interact(() -> d.workspace().details().showTab(MappingDetailsView.DESIGNS_TAB_ID));
        RunningApp.waitUntil(() -> robot.lookup("#design-bounce").tryQuery().isPresent(), 10);
        robot.interact(() -> robot.lookup("#design-bounce").queryAs(ToggleButton.class).fire());
        WaitForAsyncUtils.waitForFxEvents();

        CanvasRoute shown = d.canvas().getRoute();
        // the NVMe up to RAM through its root port and host bridge, then the CPU's copy from the host bridge
        // down the NoLoad's chain to its BAR
        assertEquals(List.of(dev("0000:07:00.0"), dev("0000:00:03.0"), TopologyItem.host("pci0000:00"),
                TopologyItem.numa(0), TopologyItem.host("pci0000:00"), dev("0000:00:01.0"), dev("0000:01:00.0"),
                dev("0000:02:02.0"), dev("0000:05:00.0")), shown.stops().stream().map(CanvasRoute.Stop::item).toList());
        assertEquals(CanvasRoute.Tone.HOST, shown.tone());
        CanvasRoute.Stop ram = shown.stops().get(3);
        assertEquals("RAM · bounce", ram.label(), "short enough for the RAM pill");
        assertTrue(ram.explanation().contains("bounce buffer in the RAM of NUMA node 0"), ram.explanation());
        assertTrue(ram.explanation().contains("a CPU on NUMA node 0") && ram.explanation().contains("128KiB"),
                ram.explanation());
        assertEquals(CanvasRoute.Mark.TARGET, shown.stops().get(8).mark());

        robot.interact(() -> robot.lookup("#design-refuse").queryAs(ToggleButton.class).fire());
        WaitForAsyncUtils.waitForFxEvents();
        assertSame(kernels, d.canvas().getRoute(), "mainline's refusal: the kernel's route again");

        robot.interact(() -> robot.lookup("#design-bounce").queryAs(ToggleButton.class).fire());
        robot.interact(() -> d.workspace().details().showTab(MappingDetailsView.STEPS_TAB_ID));
        WaitForAsyncUtils.waitForFxEvents();
        assertSame(kernels, d.canvas().getRoute(), "leaving the Designs tab gives the canvas back the kernel's route");
    }
}
