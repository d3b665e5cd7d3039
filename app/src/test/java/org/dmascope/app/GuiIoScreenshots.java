package org.dmascope.app;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javafx.stage.Stage;
import javafx.stage.Window;

import org.dmascope.model.io.SampleCatalog;
import org.dmascope.model.testing.Corpus;
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
 * Not a test: captures the import, IOMMU-group, matrix and platform states as PNG files for a person
 * to look at, at 1280×800 and 1920×1080, light and dark. Runs only with {@code -Ddmascope.screenshots=DIR}.
 */
@EnabledIfSystemProperty(named = "dmascope.screenshots", matches = ".+")
@ExtendWith(ApplicationExtension.class)
class GuiIoScreenshots {
    private final ScreenshotWindow window = new ScreenshotWindow();
    private DmascopeApplication app;
    private DocumentModel documents;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        documents = window.start(stage, 1280, 800);
        app = window.app();
    }

    @Stop
    void stop() throws Exception {
        window.stop();
    }

    /** The window at that size with the machine fitted to its canvas, as the groups shots compare machines. */
    private void fitted(FxRobot robot, double w, double h) {
        window.size(robot, w, h);
        robot.interact(() -> robot.lookup("#topology-canvas").queryAs(org.dmascope.views.topology.TopologyCanvas.class)
                .fit());
    }

    private void theme(FxRobot robot, Theme t) {
        robot.clickOn("View").clickOn("Theme").clickOn(t.title());
    }

    private void sample(FxRobot robot, String file) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !documents.samplesProperty().isEmpty());
        SampleCatalog.Sample s = documents.samplesProperty().stream().filter(x -> x.fileName().equals(file)).findFirst()
                .orElseThrow();
        robot.interact(() -> documents.openSample(s));
        waitRules();
    }

    private void waitRules() throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> app.session().rules().rulesFor(documents.getDocument().topology()).isPresent());
        WaitForAsyncUtils.waitForFxEvents();
    }

    private Stage toolWindow(String titleStart) {
        return Window.getWindows().stream().filter(w -> w instanceof Stage s && s.getTitle() != null && s.getTitle()
                .startsWith(titleStart))
                .map(Stage.class::cast).findFirst().orElseThrow();
    }

    private void closeTools(FxRobot robot) {
        robot.interact(() -> Window.getWindows().stream().filter(w -> w != stage && w instanceof Stage)
                .map(Stage.class::cast).toList()
                .forEach(Stage::close));
    }

    @Test
    void states(FxRobot robot) throws Exception {
        robot.clickOn("View").clickOn("Colour by IOMMU Group");
        waitRules();
        for (Theme t : Theme.values()) {
            theme(robot, t);
            for (int[] s : new int[][] {{1280, 800}, {1920, 1080}}) {
                fitted(robot, s[0], s[1]);
                sample(robot, "switch-p2p-server.json");
                robot.clickOn("#" + TopologyItem.nodeId(Bdf.parse("03:00.0")));
                window.shot(robot, stage, "groups-default-" + t.key() + "-" + s[0]);
                sample(robot, "dgx-like.json");
                window.shot(robot, stage, "groups-dgx-" + t.key() + "-" + s[0]);
                sample(robot, "supermicro-4028gr-tvrt-8xv100-pex9765.json");
                window.shot(robot, stage, "groups-supermicro-" + t.key() + "-" + s[0]);

                sample(robot, "switch-p2p-server.json");
                robot.clickOn("Tools").clickOn("P2P Matrix…");
                WaitForAsyncUtils.sleep(500, TimeUnit.MILLISECONDS);
                Stage matrix = toolWindow("P2P Matrix");
                robot.clickOn("#p2p-matrix-grid");
                robot.type(javafx.scene.input.KeyCode.RIGHT, javafx.scene.input.KeyCode.DOWN);
                window.shot(robot, matrix, "matrix-default-" + t.key() + "-" + s[0]);
                sample(robot, "supermicro-4028gr-tvrt-8xv100-pex9765.json");
                // The software renderer needs a while for the big machine behind the matrix window.
                WaitForAsyncUtils.sleep(2500, TimeUnit.MILLISECONDS);
                window.shot(robot, matrix, "matrix-supermicro-" + t.key() + "-" + s[0]);
                closeTools(robot);

                sample(robot, "switch-p2p-server.json");
                robot.clickOn("Tools").clickOn("Platform & Kernel…");
                WaitForAsyncUtils.sleep(500, TimeUnit.MILLISECONDS);
                Stage platform = toolWindow("Platform & Kernel");
                window.shot(robot, platform, "platform-" + t.key() + "-" + s[0]);
                robot.interact(() -> app.session().change(app.session().overrides().withIommuMode(
                        org.dmascope.model.kernel.platform.DefaultDomainChoice.IDENTITY).withAcsRequested(true),
                                "what-ifs"));
                waitRules();
                window.shot(robot, platform, "platform-chosen-" + t.key() + "-" + s[0]);
                closeTools(robot);

                // An import held at about 40 % so the progress bar can be seen.
                CountDownLatch release = new CountDownLatch(1);
                documents.setImportHook(step -> {
                    try {
                        // A slow disk: the relay publishes several steps before the import stops at 40 %.
                        Thread.sleep(15);
                        if (step.fraction() > 0.4) release.await(20, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                robot.interact(()
                        -> documents.open(List.of(Corpus.file("supermicro-4028gr-tvrt-8xv100-pex9765.verbose.txt"))));
                WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> documents.progressProperty().get() != null
                        && documents.progressProperty().get().fraction() > 0.3);
                window.shot(robot, stage, "import-progress-" + t.key() + "-" + s[0]);
                release.countDown();
                documents.setImportHook(null);
                WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !documents.busyProperty().get());

                robot.interact(() -> documents.open(List.of(Corpus.file("intel-icelake-sp-cx7-sriov.tree.txt"),
                        Corpus.file("intel-icelake-sp-cx7-sriov.verbose.txt"),
                                Corpus.file("intel-icelake-sp-cx7-sriov.iommu-groups.txt"))));
                WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> documents.getDocument().imported());
                waitRules();
                robot.clickOn("#" + TopologyItem.nodeId(Bdf.parse("0000:b1:00.1")));
                window.shot(robot, stage, "import-icelake-" + t.key() + "-" + s[0]);
                robot.clickOn("File").clickOn("Import Report…");
                WaitForAsyncUtils.sleep(500, TimeUnit.MILLISECONDS);
                Stage report = toolWindow("Import report");
                window.shot(robot, report, "import-report-" + t.key() + "-" + s[0]);
                closeTools(robot);
            }
        }
    }
}
