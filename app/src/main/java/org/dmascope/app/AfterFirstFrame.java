package org.dmascope.app;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.layout.Region;

/**
 * Runs work the first frame does not show once that frame is on screen (start-up time). A task queued with
 * {@code Platform.runLater} while the window is built would run before the first pulse and hold it up; one run
 * right after the pulse lays the frame out still holds it back: the render thread paints the frame into the
 * window meanwhile, but with GTK the window system only gets it when the application thread is back in its event
 * loop, so a first frame painted in 0.2 s showed when the work after it ended, 0.9 s later (first-frame.c under
 * Xvfb). So the task waits for the pulse, then for the render thread to finish the frame, then for one turn of the
 * event loop.
 */
final class AfterFirstFrame {
    /** Queues a task on the application thread 5 ms later, from another thread. */
    private static final Executor LOOP_TURN = CompletableFuture.delayedExecutor(5, TimeUnit.MILLISECONDS,
            Platform::runLater);

    private AfterFirstFrame() {
    }

    /** Runs {@code task} on the application thread once the scene's next frame is drawn and handed over. */
    static void run(Scene scene, Runnable task) {
        Runnable[] listener = new Runnable[1];
        listener[0] = () -> {
            scene.removePostLayoutPulseListener(listener[0]);
            Platform.runLater(() -> {
                awaitRenderThread();
                // Queued a moment later from another thread, so the event loop goes idle in between, which is when
                // it hands the window system what it was sent (a task queued from here could run first).
                LOOP_TURN.execute(task);
            });
        };
        scene.addPostLayoutPulseListener(listener[0]);
    }

    /**
     * Returns once the render thread has finished what it was given before (the pulse's frame): a snapshot is
     * rendered on that thread, after the jobs queued on it, while this thread waits. One pixel of an empty region:
     * a few milliseconds.
     */
    private static void awaitRenderThread() {
        new Region().snapshot(null, null);
    }
}
