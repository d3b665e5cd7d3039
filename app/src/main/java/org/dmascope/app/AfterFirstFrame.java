package org.dmascope.app;

import javafx.application.Platform;
import javafx.scene.Scene;

/**
 * Runs work the first frame does not show once that frame is laid out (start-up time): a task queued with
 * {@code Platform.runLater} while the window is built would run before the first pulse and hold it up, so the
 * tasks wait for the scene's first pulse and run right after it.
 */
final class AfterFirstFrame {
    private AfterFirstFrame() {
    }

    static void run(Scene scene, Runnable task) {
        Runnable[] listener = new Runnable[1];
        listener[0] = () -> {
            scene.removePostLayoutPulseListener(listener[0]);
            Platform.runLater(task);
        };
        scene.addPostLayoutPulseListener(listener[0]);
    }
}
