package org.dmascope.app;

import javafx.scene.Scene;
import javafx.stage.Screen;
import javafx.stage.Stage;

/**
 * Follows the main window's normal (not maximised, not iconified) place and size, so that what is remembered
 * at close is what the user had before maximising. The size is the scene's, the place the stage's: the same
 * two the window is restored with, whatever the window manager's decorations add.
 */
final class PlacementTracker {
    private final Stage stage;
    private final Scene scene;
    private WindowPlacement normal;
    /** The normal bounds before the last change: a maximise may report its new bounds before its state. */
    private WindowPlacement previous;

    PlacementTracker(Stage stage, Scene scene, WindowPlacement initial) {
        this.stage = stage;
        this.scene = scene;
        this.normal = initial.maximized() ? new WindowPlacement(initial.x(), initial.y(), initial.width(),
                initial.height(), false) : initial;
        this.previous = normal;
        stage.xProperty().addListener((obs, o, n) -> record());
        stage.yProperty().addListener((obs, o, n) -> record());
        scene.widthProperty().addListener((obs, o, n) -> record());
        scene.heightProperty().addListener((obs, o, n) -> record());
        stage.maximizedProperty().addListener((obs, o, max) -> {
            // Bounds that arrived just before the maximised state are the maximised ones: drop them.
            if (max && sameBounds(normal, current()) && fillsAScreen()) normal = previous;
        });
    }

    private void record() {
        if (stage.isMaximized() || stage.isIconified() || stage.isFullScreen() || !stage.isShowing()) return;
        WindowPlacement now = current();
        if (sameBounds(now, normal)) return;
        previous = normal;
        normal = now;
    }

    /** Whether the window covers a whole screen's visual bounds: it is the maximised size, not a normal one. */
    private boolean fillsAScreen() {
        return Screen.getScreens().stream().map(Screen::getVisualBounds)
                .anyMatch(s -> stage.getWidth() >= s.getWidth() - 1 && stage.getHeight() >= s.getHeight() - 1);
    }

    private WindowPlacement current() {
        return new WindowPlacement(stage.getX(), stage.getY(), scene.getWidth(), scene.getHeight(), false);
    }

    /** What to remember: the normal bounds and whether the window is maximised now. */
    WindowPlacement placement() {
        return new WindowPlacement(normal.x(), normal.y(), normal.width(), normal.height(), stage.isMaximized());
    }

    private static boolean sameBounds(WindowPlacement a, WindowPlacement b) {
        return a.x() == b.x() && a.y() == b.y() && a.width() == b.width() && a.height() == b.height();
    }
}
