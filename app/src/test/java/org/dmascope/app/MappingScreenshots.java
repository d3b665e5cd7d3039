package org.dmascope.app;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;

import javafx.geometry.Rectangle2D;
import javafx.scene.control.SplitPane;
import javafx.scene.image.Image;
import javafx.scene.image.PixelFormat;
import javafx.stage.Stage;

import javax.imageio.ImageIO;

import org.dmascope.model.kernel.KernelProfile;
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

    @BeforeEach
    void clearDragView() throws ReflectiveOperationException {
        MappingDriver.clearMonocleDragView();
    }

    private void shot(FxRobot robot, String name) {
        WaitForAsyncUtils.sleep(250, TimeUnit.MILLISECONDS);
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
            throw new UncheckedIOException(e);
        }
    }

    private void size(FxRobot robot, double w, double h) {
        robot.interact(() -> {
            stage.setWidth(w);
            stage.setHeight(h);
        });
        WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);
        // As a fresh start at that size lays out: the split applies a position to the width it has now.
        robot.interact(() -> robot.lookup("#main-split").queryAs(SplitPane.class)
                .setDividerPositions(1 - MainWindow.inspectorWidth(w) / w));
        WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void theme(FxRobot robot, Theme t) {
        robot.interact(() -> t.applyTo(stage.getScene()));
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
        shot(robot, "mapping-ready");

        // (a) the default sample: the NoLoad's CMB to a T4 behind the same switch.
        robot.drag(P2P_CHIP).moveTo(MappingDriver.device("03:00.0"));
        shot(robot, "mapping-dragging");
        robot.drop();
        d.waitForResult();
        d.selectStep(StepKind.ROUTE);
        shot(robot, "screenshot-p2p");
        for (Theme t : Theme.values()) {
            theme(robot, t);
            for (double[] s : new double[][] {{1280, 800}, {1600, 1000}, {1920, 1080}}) {
                size(robot, s[0], s[1]);
                shot(robot, "p2p-" + t.key() + "-" + (int) s[0] + "x" + (int) s[1]);
            }
        }
        theme(robot, Theme.LIGHT);
        size(robot, 1600, 1000);

        // (d) host memory through the IOMMU: 1 MiB of scattered pages for the same GPU, the page-table step selected.
        robot.interact(() -> {
            BufferSource ram = d.model().sourcesProperty().get(0);
            d.model().setSettings(ram, BufferSettings.HOST_DEFAULT.withSize(BufferSettings.MIB));
        });
        MappingDriver.clearMonocleDragView();
        d.drag(MappingDriver.chipOfRam(0), MappingDriver.device("03:00.0"));
        d.selectStep(StepKind.PAGE_TABLE);
        shot(robot, "iommu-steps-1600x1000");
        // (d) shows the page walk itself: the Page walk tab, with the details given room as a user would drag it.
        robot.interact(() -> {
            d.workspace().details().showTab(org.dmascope.views.mapping.MappingDetailsView.PAGE_WALK_TAB_ID);
            ((javafx.scene.control.SplitPane) d.workspace().lookup("#" + org.dmascope.views.mapping.MappingWorkspace.SPLIT_ID))
                    .setDividerPositions(0.40);
        });
        shot(robot, "screenshot-iommu");
        theme(robot, Theme.DARK);
        shot(robot, "iommu-dark-1600x1000");
        theme(robot, Theme.LIGHT);
        robot.interact(() -> {
            d.workspace().details().showTab(org.dmascope.views.mapping.MappingDetailsView.STEPS_TAB_ID);
            ((javafx.scene.control.SplitPane) d.workspace().lookup("#" + org.dmascope.views.mapping.MappingWorkspace.SPLIT_ID))
                    .setDividerPositions(0.55);
        });

        // (b) the ACS twin: the same drag goes up through the host bridge; with Linux 5.4 it is refused.
        d.openSample("acs-redirect-server.json");
        MappingDriver.clearMonocleDragView();
        d.drag(P2P_CHIP, MappingDriver.device("03:00.0"));
        d.selectStep(StepKind.ROUTE);
        shot(robot, "screenshot-acs");
        kernel(robot, KernelProfile.V5_4);
        d.waitForResult();
        d.selectStep(StepKind.ROUTE);
        shot(robot, "acs-refused-5.4");
        kernel(robot, KernelProfile.MAINLINE);
        d.waitForResult();

        // (c) the 32-bit Audigy on the legacy desktop: its buffer above 4 GiB bounces through swiotlb.
        d.openSample("legacy-pci-no-iommu.json");
        robot.interact(() -> {
            BufferSource ram = d.model().sourcesProperty().get(0);
            d.model().setSettings(ram, BufferSettings.HOST_DEFAULT.withLayout(org.dmascope.model.mapping.PageLayout.Kind.CONTIGUOUS));
        });
        MappingDriver.clearMonocleDragView();
        d.drag(MappingDriver.chipOfRam(0), MappingDriver.device("03:00.0"));
        d.selectStep(StepKind.SWIOTLB);
        shot(robot, "screenshot-swiotlb");
        theme(robot, Theme.DARK);
        size(robot, 1280, 800);
        shot(robot, "swiotlb-dark-1280x800");
        theme(robot, Theme.LIGHT);
        size(robot, 1600, 1000);

        // The settings popover, the keyboard path, and the live mappings after a second drop.
        robot.clickOn(MappingDriver.chipOfRam(0) + "-settings");
        shot(robot, "buffer-settings");
        robot.type(javafx.scene.input.KeyCode.ESCAPE);
        d.openSample("switch-p2p-server.json");
        robot.press(javafx.scene.input.KeyCode.CONTROL).type(javafx.scene.input.KeyCode.B).release(javafx.scene.input.KeyCode.CONTROL);
        robot.type(javafx.scene.input.KeyCode.ENTER);
        shot(robot, "keyboard-armed");
        robot.type(javafx.scene.input.KeyCode.ENTER);
        d.waitForResult();
        robot.interact(() -> d.model().mapAgain());
        d.waitForResult();
        robot.interact(() -> d.workspace().details().showTab(org.dmascope.views.mapping.MappingDetailsView.LIVE_TAB_ID));
        shot(robot, "live-mappings");
    }
}
