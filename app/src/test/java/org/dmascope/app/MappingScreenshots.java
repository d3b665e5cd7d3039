package org.dmascope.app;

import java.util.concurrent.TimeUnit;

import javafx.scene.control.SplitPane;
import javafx.stage.Stage;

import org.dmascope.model.kernel.profile.KernelProfile;
import org.dmascope.model.mapping.StepKind;
import org.dmascope.views.common.Theme;
import org.dmascope.views.mapping.BufferSettings;
import org.dmascope.views.mapping.BufferSource;
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
 * Not a test: regenerates the "Drag a buffer, watch the kernel" screenshots of the README
 * (docs/screenshot-{p2p,acs,swiotlb,iommu}.png at 1600×1000) and extra states for a person to look at
 * (other sizes, the dark theme, a drag in progress, the ACS drag refused by Linux 5.4). Runs only with
 * {@code -Ddmascope.screenshots=DIR}, best in a real window:
 * {@code xvfb-run -a -s "-screen 0 1920x1200x24" mvn -B -pl app -am verify -Dgui -Dtest=MappingScreenshots
 * -Dsurefire.failIfNoSpecifiedTests=false -Ddmascope.screenshots=$PWD/target/shots}.
 */
@EnabledIfSystemProperty(named = "dmascope.screenshots", matches = ".+")
@ExtendWith(ApplicationExtension.class)
class MappingScreenshots {
    static {
        // Grey anti-aliased text instead of LCD sub-pixel colour fringes keeps the committed PNGs under 300 KB. Prism
        // reads this when the toolkit starts, which is after this class loads when the harness runs on its own.
        System.setProperty("prism.lcdtext", "false");
    }

    private static final String P2P_CHIP = MappingDriver.chipOfP2p("05:00.0", 2);
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

    @BeforeEach
    void clearDragView() throws ReflectiveOperationException {
        MappingDriver.clearMonocleDragView();
    }

    /** Picks the kernel in the options bar, as a person does. */
    private void kernel(FxRobot robot, KernelProfile p) {
        robot.clickOn("#option-kernel").clickOn(p.label().replace("Linux ", "").replace("(", "").replace(")", ""));
    }

    @Test
    void screenshots(FxRobot robot) throws Exception {
        MappingDriver d = new MappingDriver(robot, documents);
        // A person takes a moment before the first drag; the engine warms up meanwhile.
        WaitForAsyncUtils.sleep(2, TimeUnit.SECONDS);
        window.shot(robot, "mapping-ready");

        // (a) the default sample: the NoLoad's CMB to a T4 behind the same switch.
        robot.drag(P2P_CHIP).moveTo(MappingDriver.device("03:00.0"));
        window.shot(robot, "mapping-dragging");
        robot.drop();
        d.waitForResult();
        d.selectStep(StepKind.ROUTE);
        window.shot(robot, "screenshot-p2p");
        for (Theme t : Theme.values()) {
            window.theme(robot, t);
            for (double[] s : new double[][] {{1280, 800}, {1600, 1000}, {1920, 1080}}) {
                window.size(robot, s[0], s[1]);
                window.shot(robot, "p2p-" + t.key() + "-" + (int) s[0] + "x" + (int) s[1]);
            }
        }
        window.theme(robot, Theme.LIGHT);
        window.size(robot, 1600, 1000);

        // (d) host memory through the IOMMU: 1 MiB of scattered pages for the same GPU, the page-table step selected.
        robot.interact(() -> {
            BufferSource ram = d.model().sourcesProperty().get(0);
            d.model().setSettings(ram, BufferSettings.HOST_DEFAULT.withSize(BufferSettings.MIB));
        });
        MappingDriver.clearMonocleDragView();
        d.drag(MappingDriver.chipOfRam(0), MappingDriver.device("03:00.0"));
        d.selectStep(StepKind.PAGE_TABLE);
        window.shot(robot, "iommu-steps-1600x1000");
        // (d) shows the page walk itself: the Page walk tab, with the details given room as a user would drag it.
        robot.interact(() -> {
            d.workspace().details().showTab(org.dmascope.views.mapping.MappingDetailsView.PAGE_WALK_TAB_ID);
            ((SplitPane) d.workspace().lookup("#" + org.dmascope.views.mapping.MappingWorkspace.SPLIT_ID))
                    .setDividerPositions(0.40);
        });
        window.shot(robot, "screenshot-iommu");
        window.theme(robot, Theme.DARK);
        window.shot(robot, "iommu-dark-1600x1000");
        window.theme(robot, Theme.LIGHT);
        robot.interact(() -> {
            d.workspace().details().showTab(org.dmascope.views.mapping.MappingDetailsView.STEPS_TAB_ID);
            ((SplitPane) d.workspace().lookup("#" + org.dmascope.views.mapping.MappingWorkspace.SPLIT_ID))
                    .setDividerPositions(0.55);
        });

        // (b) the ACS twin: the same drag goes up through the host bridge; with Linux 5.4 it is refused.
        d.openSample("acs-redirect-server.json");
        MappingDriver.clearMonocleDragView();
        d.drag(P2P_CHIP, MappingDriver.device("03:00.0"));
        d.selectStep(StepKind.ROUTE);
        window.shot(robot, "screenshot-acs");
        kernel(robot, KernelProfile.V5_4);
        d.waitForResult();
        d.selectStep(StepKind.ROUTE);
        window.shot(robot, "acs-refused-5.4");
        kernel(robot, KernelProfile.MAINLINE);
        d.waitForResult();

        // (c) the 32-bit Audigy on the legacy desktop: its buffer above 4 GiB bounces through swiotlb.
        d.openSample("legacy-pci-no-iommu.json");
        robot.interact(() -> {
            BufferSource ram = d.model().sourcesProperty().get(0);
            d.model().setSettings(ram,
                    BufferSettings.HOST_DEFAULT.withLayout(org.dmascope.model.mapping.PageLayout.Kind.CONTIGUOUS));
        });
        MappingDriver.clearMonocleDragView();
        d.drag(MappingDriver.chipOfRam(0), MappingDriver.device("03:00.0"));
        d.selectStep(StepKind.SWIOTLB);
        window.shot(robot, "screenshot-swiotlb");
        window.theme(robot, Theme.DARK);
        window.size(robot, 1280, 800);
        window.shot(robot, "swiotlb-dark-1280x800");
        window.theme(robot, Theme.LIGHT);
        window.size(robot, 1600, 1000);

        // The settings popover, the keyboard path, and the live mappings after a second drop.
        robot.clickOn(MappingDriver.chipOfRam(0) + "-settings");
        window.shot(robot, "buffer-settings");
        robot.type(javafx.scene.input.KeyCode.ESCAPE);
        d.openSample("switch-p2p-server.json");
        robot.press(javafx.scene.input.KeyCode.CONTROL).type(javafx.scene.input.KeyCode.B)
                .release(javafx.scene.input.KeyCode.CONTROL);
        robot.type(javafx.scene.input.KeyCode.ENTER);
        window.shot(robot, "keyboard-armed");
        robot.type(javafx.scene.input.KeyCode.ENTER);
        d.waitForResult();
        robot.interact(() -> d.model().mapAgain());
        d.waitForResult();
        robot.interact(() -> d.workspace().details()
                .showTab(org.dmascope.views.mapping.MappingDetailsView.LIVE_TAB_ID));
        window.shot(robot, "live-mappings");
    }
}
