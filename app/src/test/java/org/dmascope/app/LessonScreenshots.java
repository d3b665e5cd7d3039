package org.dmascope.app;

import java.util.concurrent.TimeUnit;

import javafx.scene.input.KeyCode;
import javafx.stage.Screen;
import javafx.stage.Stage;

import org.dmascope.views.common.Theme;
import org.dmascope.views.mapping.LessonPanel;
import org.dmascope.views.mapping.LessonPlayer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Not a test: a lesson half-way for a person to look at, light and dark, in the window and in presenter
 * mode (full screen, so on the screen's size: run it on a 1280x800 and on a 1920x1080 screen). Runs only
 * with {@code -Ddmascope.screenshots=DIR}, in a real window:
 * {@code xvfb-run -a -s "-screen 0 1920x1080x24" mvn -B -pl app -am test -Dgui -Dtest=LessonScreenshots
 * -Dsurefire.failIfNoSpecifiedTests=false -Ddmascope.screenshots=$PWD/target/shots}.
 */
@EnabledIfSystemProperty(named = "dmascope.screenshots", matches = ".+")
@ExtendWith(ApplicationExtension.class)
class LessonScreenshots {
    static {
        System.setProperty("prism.lcdtext", "false");
    }

    private final ScreenshotWindow window = new ScreenshotWindow();

    @Start
    void start(Stage stage) {
        window.start(stage, 1280, 800);
    }

    @Stop
    void stop() throws Exception {
        window.stop();
    }

    @BeforeEach
    void clearDragView() throws ReflectiveOperationException {
        MappingDriver.clearMonocleDragView();
    }

    private LessonPlayer player() {
        return window.app().window().lessons().player();
    }

    private void next(FxRobot robot) {
        int before = player().pageProperty().get();
        robot.clickOn("#" + LessonPanel.NEXT_ID);
        RunningApp.waitUntil(() -> player().pageProperty().get() == before + 1 && !player().busyProperty().get(), 30);
        // The route is drawn hop by hop.
        WaitForAsyncUtils.sleep(4, TimeUnit.SECONDS);
    }

    @Test
    void screenshots(FxRobot robot) {
        String name = System.getProperty("dmascope.lesson", "successive-mappings.json");
        int pages = Integer.getInteger("dmascope.lessonPages", 3);
        LessonLibrary.Lesson l = LessonLibrary.bundled().stream().filter(x -> x.fileName().equals(name)).findFirst()
                .orElseThrow();
        robot.interact(() -> window.app().window().lessons().open(l.read(), l.fileName()));
        RunningApp.waitUntil(() -> player().scenarioProperty().get() != null && !player().busyProperty().get(), 30);
        window.shot(robot, "lesson-title-light-1280x800");
        for (int i = 0; i < pages; i++) next(robot);
        String screen = (int) Screen.getPrimary().getBounds().getWidth() + "x"
                + (int) Screen.getPrimary().getBounds().getHeight();
        for (Theme t : Theme.values()) {
            window.theme(robot, t);
            for (double[] s : new double[][] {{1280, 800}, {1920, 1080}}) {
                window.size(robot, s[0], s[1]);
                window.shot(robot, "lesson-" + t.key() + "-" + (int) s[0] + "x" + (int) s[1]);
            }
            robot.type(KeyCode.F11);
            WaitForAsyncUtils.sleep(1500, TimeUnit.MILLISECONDS);
            window.shot(robot, "lesson-presenter-" + t.key() + "-" + screen);
            robot.press(KeyCode.CONTROL).type(KeyCode.L).release(KeyCode.CONTROL);
            robot.moveTo(".topology-canvas");
            window.shot(robot, "lesson-presenter-laser-" + t.key() + "-" + screen);
            robot.press(KeyCode.CONTROL).type(KeyCode.L).release(KeyCode.CONTROL);
            robot.type(KeyCode.F11);
            WaitForAsyncUtils.sleep(800, TimeUnit.MILLISECONDS);
        }
    }
}
