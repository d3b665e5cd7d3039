package org.dmascope.app;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.prefs.BackingStoreException;

import javafx.geometry.Rectangle2D;
import javafx.scene.control.SplitPane;
import javafx.scene.image.Image;
import javafx.scene.image.PixelFormat;
import javafx.stage.Stage;
import javafx.stage.Window;

import javax.imageio.ImageIO;

import org.dmascope.views.common.Theme;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The window the screenshot harnesses capture: the whole application as window tests run it
 * ({@link RunningApp}), at the screen's top-left corner, resized as a fresh start at that size would
 * lay out, and written to PNG files in the directory named by {@code -Ddmascope.screenshots}.
 */
final class ScreenshotWindow {
    private final Path dir = Path.of(System.getProperty("dmascope.screenshots", "target/screenshots"));
    private final RunningApp running = new RunningApp();
    private Stage stage;

    DocumentModel start(Stage stage, double width, double height) {
        this.stage = stage;
        DocumentModel documents = running.start(stage, width, height);
        stage.setX(0);
        stage.setY(0);
        return documents;
    }

    void stop() throws BackingStoreException {
        running.stop();
        running.tearDown(false);
    }

    DmascopeApplication app() {
        return running.app();
    }

    /** The main window, as a PNG named {@code name}. */
    void shot(FxRobot robot, String name) {
        shot(robot, stage, name);
    }

    /** Any window of the application (a tool window, a dialog), once its animations and layout have settled. */
    void shot(FxRobot robot, Window w, String name) {
        WaitForAsyncUtils.sleep(250, TimeUnit.MILLISECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        Image image = robot.capture(new Rectangle2D(w.getX(), w.getY(), w.getWidth(), w.getHeight())).getImage();
        int iw = (int) image.getWidth();
        int ih = (int) image.getHeight();
        int[] argb = new int[iw * ih];
        image.getPixelReader().getPixels(0, 0, iw, ih, PixelFormat.getIntArgbInstance(), argb, 0, iw);
        BufferedImage out = new BufferedImage(iw, ih, BufferedImage.TYPE_INT_RGB);
        out.setRGB(0, 0, iw, ih, argb, 0, iw);
        try {
            Files.createDirectories(dir);
            ImageIO.write(out, "png", dir.resolve(name + ".png").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Resizes as a fresh start at that size lays out: the inspector gets its share of the width the window has now. */
    void size(FxRobot robot, double w, double h) {
        robot.interact(() -> {
            stage.setX(0);
            stage.setY(0);
            stage.setWidth(w);
            stage.setHeight(h);
        });
        WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);
        robot.interact(() -> robot.lookup("#main-split").queryAs(SplitPane.class)
                .setDividerPositions(1 - MainWindow.inspectorWidth(w) / w));
        WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);
        WaitForAsyncUtils.waitForFxEvents();
    }

    void theme(FxRobot robot, Theme t) {
        robot.interact(() -> t.applyTo(stage.getScene()));
    }
}
