package org.dmascope.app;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;

import javafx.geometry.Rectangle2D;
import javafx.scene.image.Image;
import javafx.scene.image.PixelFormat;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;

import javax.imageio.ImageIO;

import org.dmascope.model.topology.Bdf;
import org.dmascope.views.common.Theme;
import org.dmascope.views.topology.TopologyItem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Not a test: captures the whole window in several states, sizes and themes as PNG files for a person
 * to look at. Runs only with {@code -Ddmascope.screenshots=DIR}.
 */
@EnabledIfSystemProperty(named = "dmascope.screenshots", matches = ".+")
@ExtendWith(ApplicationExtension.class)
class WindowScreenshots {
    private final Path dir = Path.of(System.getProperty("dmascope.screenshots", "target/screenshots"));
    private final String prefsNode = TestPreferences.newNodeName();
    private DmascopeApplication app;
    private DocumentModel documents;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        System.setProperty(DmascopeApplication.PREFERENCES_PROPERTY, prefsNode);
        app = new DmascopeApplication();
        documents = app.start(stage, 1600, 1000);
        stage.setX(0);
        stage.setY(0);
    }

    @Stop
    void stop() throws Exception {
        app.stop();
        TestPreferences.remove(Preferences.userRoot().node(prefsNode));
    }

    private void shot(FxRobot robot, String name) {
        WaitForAsyncUtils.waitForFxEvents();
        Image image = robot.capture(new Rectangle2D(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight())).getImage();
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        int[] argb = new int[w * h];
        image.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        out.setRGB(0, 0, w, h, argb, 0, w);
        try {
            Files.createDirectories(dir);
            ImageIO.write(out, "png", dir.resolve(name + ".png").toFile());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Resizes as a fresh start at that size would lay out: the inspector gets its share, the canvas stays fitted. */
    private void size(FxRobot robot, double w, double h) {
        robot.interact(() -> {
            stage.setWidth(w);
            stage.setHeight(h);
            robot.lookup("#main-split").queryAs(javafx.scene.control.SplitPane.class)
                    .setDividerPositions(1 - MainWindow.inspectorWidth(w) / w);
        });
        WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void theme(FxRobot robot, Theme t) {
        robot.interact(() -> t.applyTo(stage.getScene()));
    }

    @Test
    void states(FxRobot robot) throws Exception {
        for (Theme t : Theme.values()) {
            theme(robot, t);
            for (double[] s : new double[][] {{1280, 800}, {1600, 1000}, {1920, 1080}}) {
                size(robot, s[0], s[1]);
                shot(robot, "window-" + t.key() + "-" + (int) s[0] + "x" + (int) s[1]);
            }
        }
        theme(robot, Theme.LIGHT);
        size(robot, 1600, 1000);
        robot.clickOn("#" + TopologyItem.nodeId(Bdf.parse("02:00.0")));
        shot(robot, "window-selected-port");
        robot.clickOn("#" + TopologyItem.nodeId(Bdf.parse("05:00.0")));
        shot(robot, "window-selected-nvme");
        robot.clickOn("#search-field").write("nv");
        shot(robot, "window-search-popup");
        robot.type(KeyCode.DOWN, KeyCode.DOWN, KeyCode.ENTER);
        shot(robot, "window-search-result");
        robot.type(KeyCode.ESCAPE);
        Path bad = Files.createTempDirectory("shots").resolve("broken.json");
        Files.writeString(bad, "{\n  \"format\": \"dmascope-topology\",\n  \"version\": 1,\n  \"name\": \n}\n");
        robot.interact(() -> documents.open(List.of(bad)));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#report-context").tryQuery().isPresent());
        shot(robot, "window-error-dialog");
        robot.clickOn("Close");
        robot.clickOn("View");
        shot(robot, "window-view-menu");
        robot.type(KeyCode.ESCAPE);
        theme(robot, Theme.DARK);
        robot.clickOn("#" + TopologyItem.nodeId(Bdf.parse("06:00.0")));
        shot(robot, "window-dark-selected-nic");
        robot.clickOn("#search-field").write("nv");
        shot(robot, "window-dark-search-popup");
        robot.type(KeyCode.ESCAPE);
    }
}
