package org.dmascope.app;

import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.beans.InvalidationListener;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import javafx.util.Duration;

/**
 * Holds a new window at the place and size it was opened with while the window manager maps it. Some window
 * managers (openbox, with GTK) apply the toolkit's initial 200×200 — or the minimum size — after JavaFX has sized
 * the window, so every window came up at its minimum whatever it asked for. For a short time after showing, a
 * change the user did not make is undone, a few times at most.
 */
final class PlacementGuard {
    /** How long after showing a size or place change is taken for the window manager's. */
    private static final Duration HOLD = Duration.seconds(2);
    private static final int MAX_CORRECTIONS = 3;
    /** Pixels of difference that count as a change (rounding, decorations). */
    private static final double SLACK = 4;

    private final Stage stage;
    private final Scene scene;
    private final WindowPlacement wanted;
    private int corrections;
    private boolean holding = true;
    private boolean pending;

    private PlacementGuard(Stage stage, Scene scene, WindowPlacement wanted) {
        this.stage = stage;
        this.scene = scene;
        this.wanted = wanted;
    }

    /** Starts holding {@code stage} at {@code wanted} once it is shown; call before showing it. */
    static void hold(Stage stage, Scene scene, WindowPlacement wanted) {
        PlacementGuard g = new PlacementGuard(stage, scene, wanted);
        InvalidationListener check = o -> g.check();
        stage.addEventHandler(WindowEvent.WINDOW_SHOWN, e -> {
            g.check();
            stage.xProperty().addListener(check);
            stage.yProperty().addListener(check);
            scene.widthProperty().addListener(check);
            scene.heightProperty().addListener(check);
            // The user's own moves and resizes after that are theirs.
            PauseTransition until = new PauseTransition(HOLD);
            until.setOnFinished(f -> {
                g.holding = false;
                stage.xProperty().removeListener(check);
                stage.yProperty().removeListener(check);
                scene.widthProperty().removeListener(check);
                scene.heightProperty().removeListener(check);
            });
            until.play();
        });
    }

    private void check() {
        if (!holding || pending || corrections >= MAX_CORRECTIONS || !stage.isShowing()) return;
        if (wanted.maximized()) {
            if (!stage.isMaximized()) correct();
            return;
        }
        if (stage.isMaximized() || stage.isIconified()) return;
        if (off(scene.getWidth(), wanted.width()) || off(scene.getHeight(), wanted.height())
                || off(stage.getX(), wanted.x()) || off(stage.getY(), wanted.y())) {
            correct();
        }
    }

    private static boolean off(double actual, double wanted) {
        return Math.abs(actual - wanted) > SLACK;
    }

    /** Puts the window back, after the window manager's event has been handled. */
    private void correct() {
        pending = true;
        corrections++;
        Platform.runLater(() -> {
            pending = false;
            if (wanted.maximized()) {
                stage.setMaximized(true);
                return;
            }
            double frameW = Math.max(0, stage.getWidth() - scene.getWidth());
            double frameH = Math.max(0, stage.getHeight() - scene.getHeight());
            stage.setWidth(wanted.width() + frameW);
            stage.setHeight(wanted.height() + frameH);
            stage.setX(wanted.x());
            stage.setY(wanted.y());
        });
    }
}
