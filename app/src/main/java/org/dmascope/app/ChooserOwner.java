package org.dmascope.app;

import java.util.function.Function;

import javafx.scene.Group;
import javafx.scene.Scene;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import javafx.stage.StageStyle;
import javafx.stage.Window;

/**
 * The owner the file choosers get. A native file chooser is always modal to its owner, and on Linux a
 * modal window makes GTK freeze the owner's size, which window managers answer by taking a maximised
 * window out of its maximised state (JDK-8332222, fixed in JavaFX 23). So while the main window is
 * maximised or full screen, the chooser is owned by a stand-in instead: a one-pixel window of its own
 * (a window owned by the main window would block the main window with it) at the main window's centre,
 * which the chooser is placed over. The main window keeps its state; otherwise it owns the chooser itself.
 */
final class ChooserOwner {
    private final Stage main;

    ChooserOwner(Stage main) {
        this.main = main;
    }

    /** Runs {@code dialog} (a file chooser's show method) with the right owner and returns its answer. */
    <T> T show(Function<Window, T> dialog) {
        if (!main.isShowing() || !main.isMaximized() && !main.isFullScreen()) return dialog.apply(main);
        // Not owned by the main window: a modal chooser blocks its owner's owners too.
        Stage standIn = new Stage(StageStyle.TRANSPARENT);
        Scene scene = new Scene(new Group(), 1, 1);
        scene.setFill(Color.TRANSPARENT);
        standIn.setScene(scene);
        standIn.setWidth(1);
        standIn.setHeight(1);
        standIn.setX(main.getX() + main.getWidth() / 2);
        standIn.setY(main.getY() + main.getHeight() / 3);
        standIn.show();
        try {
            return dialog.apply(standIn);
        } finally {
            standIn.hide();
            main.requestFocus();
        }
    }
}
