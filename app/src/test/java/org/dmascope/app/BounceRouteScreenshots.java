package org.dmascope.app;

import java.util.concurrent.TimeUnit;

import javafx.scene.control.SplitPane;
import javafx.scene.control.ToggleButton;
import javafx.stage.Stage;

import org.dmascope.views.common.Theme;
import org.dmascope.views.mapping.MappingDetailsView;
import org.dmascope.views.mapping.MappingWorkspace;
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
 * Not a test: the bounce route of the design lab's question 4 on the canvas at 1280×800, light and dark: on 5.4
 * the CMB of 05:00.0 dropped on the NVMe 07:00.0 (NOT_SUPPORTED), the Designs tab, "bounce through host
 * memory" selected. Runs only with {@code -Ddmascope.screenshots=DIR}, best in a real window under Xvfb
 * with a window manager: {@code mvn -B -pl app -am verify -Dgui -Dtest=BounceRouteScreenshots
 * -Dsurefire.failIfNoSpecifiedTests=false -Ddmascope.screenshots=$PWD/target/shots}.
 */
@EnabledIfSystemProperty(named = "dmascope.screenshots", matches = ".+")
@ExtendWith(ApplicationExtension.class)
class BounceRouteScreenshots {
    static {
        System.setProperty("prism.lcdtext", "false");
    }

    private final ScreenshotWindow window = new ScreenshotWindow();
    private DocumentModel documents;

    @Start
    void start(Stage stage) {
        documents = window.start(stage, 1280, 800);
    }

    @Stop
    void stop() throws Exception {
        window.stop();
    }

    @BeforeEach
    void clearDragView() throws ReflectiveOperationException {
        MappingDriver.clearMonocleDragView();
    }

    @Test
    void screenshots(FxRobot robot) {
        MappingDriver d = new MappingDriver(robot, documents);
        WaitForAsyncUtils.sleep(2, TimeUnit.SECONDS);
        robot.clickOn("#option-kernel").clickOn("5.4 LTS");
        d.drag(MappingDriver.chipOfP2p("05:00.0", 2), MappingDriver.device("07:00.0"));
        robot.interact(() -> d.workspace().details().showTab(MappingDetailsView.DESIGNS_TAB_ID));
        robot.interact(() -> robot.lookup("#design-bounce").queryAs(ToggleButton.class).fire());
        // the canvas large enough to follow the route, the designs' question 4 below it
        robot.interact(() -> ((SplitPane) d.workspace().lookup("#" + MappingWorkspace.SPLIT_ID))
                .setDividerPositions(0.72));
        WaitForAsyncUtils.sleep(1, TimeUnit.SECONDS);
        robot.interact(() -> d.canvas().fit());
        WaitForAsyncUtils.sleep(3, TimeUnit.SECONDS);
        for (Theme t : Theme.values()) {
            window.theme(robot, t);
            WaitForAsyncUtils.sleep(1, TimeUnit.SECONDS);
            window.shot(robot, "bounce-route-" + t.key() + "-1280x800");
        }
    }
}
