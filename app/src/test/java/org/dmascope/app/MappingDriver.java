package org.dmascope.app;

import java.lang.reflect.Field;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

import org.dmascope.model.io.SampleCatalog;
import org.dmascope.model.mapping.Step;
import org.dmascope.model.mapping.StepKind;
import org.dmascope.model.topology.Bdf;
import org.dmascope.views.mapping.MappingViewModel;
import org.dmascope.views.mapping.MappingWorkspace;
import org.dmascope.views.topology.CanvasRoute;
import org.dmascope.views.topology.TopologyCanvas;
import org.dmascope.views.topology.TopologyItem;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** What the mapping tests and the screenshot harness do to the window: drag chips, wait for results, open samples. */
final class MappingDriver {
    private final FxRobot robot;
    private final DocumentModel documents;
    /** Looked up once: polling lookups from the test thread would race the FX thread's changes to the scene graph. */
    private final MappingWorkspace workspace;

    MappingDriver(FxRobot robot, DocumentModel documents) {
        this.robot = robot;
        this.documents = documents;
        this.workspace = robot.lookup(".mapping-workspace").queryAs(MappingWorkspace.class);
        RunningApp.awaitPanels(robot);
    }

    MappingWorkspace workspace() {
        return workspace;
    }

    MappingViewModel model() {
        return workspace().model();
    }

    TopologyCanvas canvas() {
        return workspace().topologyView().canvas();
    }

    static String chipOfP2p(String provider, int bar) {
        return "#buffer-chip-p2p-" + TopologyItem.sanitise(Bdf.parse(provider).toString()) + "-bar" + bar;
    }

    static String chipOfRam(int node) {
        return "#buffer-chip-ram-node" + node;
    }

    static String device(String address) {
        return "#" + TopologyItem.nodeId(Bdf.parse(address));
    }

    /** A real drag with the mouse: press on the chip, move onto the device, release. */
    void drag(String chip, String target) {
        robot.drag(chip).dropTo(target);
        waitForResult();
    }

    /** Waits until the engine's result is on screen and the route animation has drawn every stop. */
    void waitForResult() {
        waitUntil(() -> !model().runningProperty().get() && model().verdictProperty().get() != null);
        waitUntil(() -> {
            CanvasRoute r = canvas().getRoute();
            return r == null || canvas().routeStopsShownProperty().get() >= r.stops().size();
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    void selectStep(StepKind kind) {
        robot.interact(() -> {
            for (Step s : model().player().stepsProperty()) {
                if (s.kind() == kind) {
                    model().player().selectedStepProperty().set(s);
                    return;
                }
            }
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    void openSample(String fileName) {
        waitUntil(() -> !documents.samplesProperty().isEmpty());
        SampleCatalog.Sample s = documents.samplesProperty().stream().filter(x -> x.fileName().equals(fileName))
                .findFirst()
                .orElseThrow();
        robot.interact(() -> documents.openSample(s));
        WaitForAsyncUtils.waitForFxEvents();
    }

    static void waitUntil(BooleanSupplier condition) {
        try {
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, condition::getAsBoolean);
        } catch (TimeoutException e) {
            throw new AssertionError("timed out waiting for the window", e);
        }
    }

    /**
     * Monocle keeps the view of an earlier mouse drag in {@code MouseInput.dragView}; a later drag and
     * drop then fails in {@code View.notifyDragLeave}. Clearing the stale field avoids that (toolchain.md).
     */
    static void clearMonocleDragView() throws ReflectiveOperationException {
        Class<?> glass = Class.forName("com.sun.glass.ui.Application").getMethod("GetApplication").invoke(null)
                .getClass();
        if (!glass.getName().contains("monocle")) return;
        Class<?> mouseInput = Class.forName("com.sun.glass.ui.monocle.MouseInput");
        var getInstance = mouseInput.getDeclaredMethod("getInstance");
        getInstance.setAccessible(true);
        Object instance = getInstance.invoke(null);
        Field dragView = mouseInput.getDeclaredField("dragView");
        dragView.setAccessible(true);
        dragView.set(instance, null);
    }
}
