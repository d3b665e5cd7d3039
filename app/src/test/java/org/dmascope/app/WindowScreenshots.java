package org.dmascope.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javafx.scene.input.KeyCode;
import javafx.stage.Stage;

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
    private final ScreenshotWindow window = new ScreenshotWindow();
    private DocumentModel documents;

    @Start
    void start(Stage stage) {
        documents = window.start(stage, 1600, 1000);
    }

    @Stop
    void stop() throws Exception {
        window.stop();
    }

    @Test
    void states(FxRobot robot) throws Exception {
        for (Theme t : Theme.values()) {
            window.theme(robot, t);
            for (double[] s : new double[][] {{1280, 800}, {1600, 1000}, {1920, 1080}}) {
                window.size(robot, s[0], s[1]);
                window.shot(robot, "window-" + t.key() + "-" + (int) s[0] + "x" + (int) s[1]);
            }
        }
        window.theme(robot, Theme.LIGHT);
        window.size(robot, 1600, 1000);
        robot.clickOn("#" + TopologyItem.nodeId(Bdf.parse("02:00.0")));
        window.shot(robot, "window-selected-port");
        robot.clickOn("#" + TopologyItem.nodeId(Bdf.parse("05:00.0")));
        window.shot(robot, "window-selected-nvme");
        robot.clickOn("#search-field").write("nv");
        window.shot(robot, "window-search-popup");
        robot.type(KeyCode.DOWN, KeyCode.DOWN, KeyCode.ENTER);
        window.shot(robot, "window-search-result");
        robot.type(KeyCode.ESCAPE);
        Path bad = Files.createTempDirectory("shots").resolve("broken.json");
        Files.writeString(bad, "{\n  \"format\": \"dmascope-topology\",\n  \"version\": 1,\n  \"name\": \n}\n");
        robot.interact(() -> documents.open(List.of(bad)));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#report-context").tryQuery().isPresent());
        window.shot(robot, "window-error-dialog");
        robot.clickOn("Close");
        robot.clickOn("View");
        window.shot(robot, "window-view-menu");
        robot.type(KeyCode.ESCAPE);
        window.theme(robot, Theme.DARK);
        robot.clickOn("#" + TopologyItem.nodeId(Bdf.parse("06:00.0")));
        window.shot(robot, "window-dark-selected-nic");
        robot.clickOn("#search-field").write("nv");
        window.shot(robot, "window-dark-search-popup");
        robot.type(KeyCode.ESCAPE);
    }
}
