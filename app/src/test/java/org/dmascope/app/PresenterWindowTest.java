package org.dmascope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.prefs.BackingStoreException;

import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.MenuBar;
import javafx.scene.control.SplitPane;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

import org.dmascope.views.inspector.InspectorView;
import org.dmascope.views.topology.TopologyCanvas;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;

/** Presenter mode and the UI scale in the whole window. */
@ExtendWith(ApplicationExtension.class)
class PresenterWindowTest {
    private final RunningApp running = new RunningApp();
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        running.start(stage, 1280, 800);
    }

    @Stop
    void stop() {
        // The stage outlives the test: the next test's window must not open full screen.
        stage.setFullScreen(false);
        running.stop();
    }

    @AfterEach
    void tearDown() throws BackingStoreException {
        running.tearDown(false);
    }

    private ScaledPane scaled(FxRobot robot) {
        return robot.lookup("#" + Presenter.SCALED_ID).queryAs(ScaledPane.class);
    }

    @Test
    void ctrlEqualsAndCtrlMinusScaleTheWholeWindowAndTheScaleIsRemembered(FxRobot robot) {
        robot.clickOn(".topology-canvas");
        robot.press(KeyCode.CONTROL).type(KeyCode.EQUALS).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1.1, scaled(robot).scaleProperty().get(), 1e-9);
        assertEquals(1.1, running.preferences().uiScale(), 1e-9);
        Node canvas = robot.lookup(".topology-canvas").query();
        Bounds b = canvas.localToScene(canvas.getLayoutBounds());
        assertEquals(canvas.getLayoutBounds().getWidth() * 1.1, b.getWidth(), 0.5, "drawn 1.1 times larger");
        robot.press(KeyCode.CONTROL).type(KeyCode.MINUS).type(KeyCode.MINUS).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(0.9, running.preferences().uiScale(), 1e-9);
        robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT0).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1.0, scaled(robot).scaleProperty().get(), 1e-9);
    }

    @Test
    void theNewKeysAreInTheShortcutSheet(FxRobot robot) {
        MenuBar bar = robot.lookup("#" + MainMenu.MENU_BAR_ID).queryAs(MenuBar.class);
        List<Shortcuts.Shortcut> all = Shortcuts.of(bar);
        for (String what : List.of("Larger Text", "Smaller Text", "Actual Text Size", "Presenter Mode", "Laser Pointer",
                "Open Lesson File", "Zoom In")) {
            assertTrue(all.stream().anyMatch(s -> s.what().equals(what)), what + " has a key in the sheet");
        }
        assertEquals(1, all.stream().filter(s -> s.keys().equals(new javafx.scene.input.KeyCodeCombination(
                KeyCode.EQUALS, javafx.scene.input.KeyCombination.SHORTCUT_DOWN).getDisplayText())).count(),
                "Ctrl+= does one thing");
    }

    @Test
    void presenterModeGoesFullScreenLargerWithoutTheInspectorAndBack(FxRobot robot) {
        RunningApp.awaitPanels(robot);
        SplitPane split = robot.lookup("#" + MainWindow.SPLIT_ID).queryAs(SplitPane.class);
        Node inspector = ((VBox) robot.lookup("#" + MainWindow.SIDE_ID).query()).getChildren().stream()
                .filter(n -> n instanceof InspectorView).findFirst().orElseThrow();
        robot.clickOn(".topology-canvas");
        robot.type(KeyCode.F11);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(stage.isFullScreen());
        assertFalse(inspector.isVisible(), "the inspector is away");
        assertFalse(split.getItems().stream().anyMatch(n -> MainWindow.SIDE_ID.equals(n.getId())),
                "without a lesson the right-hand column is away too");
        assertTrue(scaled(robot).scaleProperty().get() >= 1.0);
        robot.type(KeyCode.F11);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(stage.isFullScreen());
        assertTrue(inspector.isVisible(), "the inspector is back");
        assertTrue(split.getItems().stream().anyMatch(n -> MainWindow.SIDE_ID.equals(n.getId())));
        assertEquals(1.0, scaled(robot).scaleProperty().get(), 1e-9);
    }

    @Test
    void theLaserPointerFollowsTheMouseOverTheMachineOnly(FxRobot robot) {
        robot.press(KeyCode.CONTROL).type(KeyCode.L).release(KeyCode.CONTROL);
        TopologyCanvas canvas = robot.lookup(".topology-canvas").queryAs(TopologyCanvas.class);
        robot.moveTo(canvas);
        WaitForAsyncUtils.waitForFxEvents();
        Node dot = robot.lookup("#" + Presenter.LASER_ID).query();
        assertTrue(dot.isVisible());
        Bounds d = dot.localToScreen(dot.getBoundsInLocal());
        Bounds c = canvas.localToScreen(canvas.getLayoutBounds());
        assertEquals(c.getCenterX(), d.getCenterX(), 3, "under the pointer");
        assertEquals(c.getCenterY(), d.getCenterY(), 3);
        robot.moveTo("#" + MainMenu.MENU_BAR_ID);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(dot.isVisible(), "not over the menus");
    }
}
