package org.dmascope.app;

import java.util.concurrent.TimeUnit;

import javafx.scene.control.ScrollPane;
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
 * Not a test: the Designs tab at 1280×800, light and dark, after the CMB of 05:00.0 is dropped on the
 * NIC 06:00.0 behind the same switch (BUS_ADDR). Runs only with {@code -Ddmascope.screenshots=DIR}, best in a
 * real window under Xvfb with a window manager: {@code mvn -B -pl app -am verify -Dgui -Dtest=DesignsScreenshots
 * -Dsurefire.failIfNoSpecifiedTests=false -Ddmascope.screenshots=$PWD/target/shots}.
 */
@EnabledIfSystemProperty(named = "dmascope.screenshots", matches = ".+")
@ExtendWith(ApplicationExtension.class)
class DesignsScreenshots {
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
        d.drag(MappingDriver.chipOfP2p("05:00.0", 2), MappingDriver.device("06:00.0"));
        robot.interact(() -> {
            d.workspace().details().showTab(MappingDetailsView.DESIGNS_TAB_ID);
            ((SplitPane) d.workspace().lookup("#" + MappingWorkspace.SPLIT_ID)).setDividerPositions(0.12);
        });
        robot.interact(() -> robot.lookup("#design-phys_vec").queryAs(ToggleButton.class).fire());
        for (Theme t : Theme.values()) {
            window.theme(robot, t);
            window.shot(robot, "designs-" + t.key() + "-1280x800");
            robot.interact(() -> robot.lookup(".designs-scroll").queryAs(ScrollPane.class).setVvalue(0.5));
            window.shot(robot, "designs-" + t.key() + "-1280x800-middle");
            robot.interact(() -> robot.lookup(".designs-scroll").queryAs(ScrollPane.class).setVvalue(0));
        }
    }
}
