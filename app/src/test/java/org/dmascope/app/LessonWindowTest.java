package org.dmascope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.prefs.BackingStoreException;

import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;

import org.dmascope.model.io.scenario.ScenarioReader;
import org.dmascope.model.mapping.Mapping;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.util.Hex;
import org.dmascope.views.mapping.LessonPanel;
import org.dmascope.views.mapping.LessonPlayer;
import org.dmascope.views.mapping.MappingViewModel;
import org.dmascope.views.scatterlist.ScatterListView;
import org.dmascope.views.topology.TopologyItem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;

/** A lesson played in the window: Next performs its steps visibly on the running kernel, Back replays. */
@ExtendWith(ApplicationExtension.class)
class LessonWindowTest {
    private static final String LESSON = "successive-mappings.json";
    private final RunningApp running = new RunningApp();
    private DocumentModel documents;

    @TempDir
    Path dir;

    @Start
    void start(Stage stage) {
        documents = running.start(stage, 1280, 800);
    }

    @Stop
    void stop() {
        running.stop();
    }

    @BeforeEach
    void clearDragView() throws ReflectiveOperationException {
        MappingDriver.clearMonocleDragView();
    }

    @AfterEach
    void tearDown() throws BackingStoreException {
        running.tearDown(false);
    }

    private LessonsController lessons() {
        return running.app().window().lessons();
    }

    private LessonPlayer player() {
        return lessons().player();
    }

    private MappingViewModel model() {
        return running.app().window().mapping().model();
    }

    private void openBundled(FxRobot robot, String fileName) {
        LessonLibrary.Lesson l = LessonLibrary.bundled().stream().filter(x -> x.fileName().equals(fileName))
                .findFirst().orElseThrow(() -> new AssertionError(fileName + " is bundled"));
        robot.interact(() -> lessons().open(l.read(), l.fileName()));
        waitIdle();
    }

    private void waitIdle() {
        RunningApp.waitUntil(() -> player().scenarioProperty().get() != null && !player().busyProperty().get(), 30);
    }

    private void next(FxRobot robot) {
        int before = player().pageProperty().get();
        robot.clickOn("#" + LessonPanel.NEXT_ID);
        RunningApp.waitUntil(() -> player().pageProperty().get() == before + 1 && !player().busyProperty().get(), 30);
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup("#" + id).queryAs(Label.class).getText();
    }

    private static String firstAddress(Mapping m) {
        return Hex.addr(m.segments().address(0));
    }

    @Test
    void theBundledLessonsAreFoundAndEachReads() {
        List<LessonLibrary.Lesson> all = LessonLibrary.bundled();
        assertTrue(all.stream().anyMatch(l -> l.fileName().equals(LESSON)), "the lessons folder ships with the app");
        for (LessonLibrary.Lesson l : all) {
            assertTrue(l.read().scenario().isPresent(), l.fileName() + ": " + l.read().report().diagnostics());
        }
    }

    @Test
    void nextPerformsTheMapStepAndTheDetailsShowItsSegments(FxRobot robot) {
        openBundled(robot, LESSON);
        assertEquals("Successive mappings in one IOMMU domain", text(robot, LessonPanel.TITLE_ID));
        assertEquals(0, player().pageProperty().get());
        assertTrue(robot.lookup("#" + LessonPanel.ID).query().isVisible());
        next(robot);
        Mapping m = model().mappingProperty().get();
        assertEquals(1, m.segments().count());
        assertEquals("0xffff0000", firstAddress(m));
        assertTrue(text(robot, ScatterListView.TOTALS_ID).contains("Output: 1 DMA segment,"),
                text(robot, ScatterListView.TOTALS_ID));
        assertTrue(text(robot, LessonPanel.POSITION_ID).startsWith("step 1 of "), text(robot, LessonPanel.POSITION_ID));
        assertTrue(player().failures().isEmpty(), player().failures().toString());
        assertEquals(TopologyItem.device(Bdf.parse("0000:03:00.0")), running.app().window().mapping().topologyView()
                .canvas().getSelectedItem(), "the drop's target is selected on the canvas, as after a drag");
    }

    @Test
    void backReplaysFromAFreshKernelSoTheNextStepLandsWhereItDidTheFirstTime(FxRobot robot) {
        openBundled(robot, LESSON);
        next(robot);
        next(robot);
        assertEquals("0xfffe0000", firstAddress(model().mappingProperty().get()), "the second mapping lands below");
        assertEquals(2, model().live().snapshotProperty().get().liveCount());
        robot.clickOn("#" + LessonPanel.BACK_ID);
        RunningApp.waitUntil(() -> player().pageProperty().get() == 1 && !player().busyProperty().get(), 30);
        assertEquals(1, model().live().snapshotProperty().get().liveCount(), "the kernel started over");
        assertEquals("0xffff0000", firstAddress(model().mappingProperty().get()));
        next(robot);
        assertEquals("0xfffe0000", firstAddress(model().mappingProperty().get()),
                "one kernel: the step after Back lands where it did before");
        assertTrue(player().failures().isEmpty(), player().failures().toString());
    }

    @Test
    void theWholeLessonPlaysInTheWindowAsDmascopeRunChecksIt(FxRobot robot) {
        openBundled(robot, LESSON);
        robot.interact(() -> model().player().speedProperty().set(4));
        int pages = player().pageCountProperty().get();
        assertTrue(pages >= 5, "pages: " + pages);
        for (int p = 1; p <= pages; p++) {
            // The keyboard: Page Down from anywhere in the window.
            int before = player().pageProperty().get();
            robot.type(KeyCode.PAGE_DOWN);
            RunningApp.waitUntil(() -> player().pageProperty().get() == before + 1 && !player().busyProperty().get(),
                    30);
            assertTrue(player().failures().isEmpty(), "page " + p + ": " + player().failures());
        }
        assertEquals("End", robot.lookup("#" + LessonPanel.NEXT_ID).queryButton().getText());
    }

    @Test
    void anUnmetExpectationIsShownInThePanel(FxRobot robot) throws IOException {
        Path f = dir.resolve("wrong.json");
        Files.writeString(f, """
                {"format": "dmascope-scenario", "version": 1, "title": "A wrong expectation",
                 "machine": {"sample": "switch-p2p-server.json"},
                 "steps": [
                   {"narration": "Map 64 KiB for the T4."},
                   {"map": {"initiator": "0000:03:00.0", "buffer": "host:node0:64KiB:scattered"},
                    "expect": {"segments": 5}}
                 ]}
                """, StandardCharsets.UTF_8);
        robot.interact(() -> lessons().open(ScenarioReader.read(f), f.getFileName().toString()));
        waitIdle();
        next(robot);
        assertEquals(List.of("expected 5 segments, got 1"), player().failures());
        Node failures = robot.lookup("#" + LessonPanel.FAILURES_ID).query();
        assertTrue(robot.from(failures).lookup(".lesson-failure").queryAll().stream()
                .anyMatch(n -> ((Label) n).getText().contains("expected 5 segments, got 1")));
        assertFalse(model().mappingProperty().get() == null, "the step was performed all the same");
    }

    @Test
    void escClosesTheLessonAndAnotherMachineEndsIt(FxRobot robot) {
        openBundled(robot, LESSON);
        robot.clickOn("#" + LessonPanel.NEXT_ID);
        waitIdle();
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(null, player().scenarioProperty().get());
        assertFalse(robot.lookup("#" + LessonPanel.ID).query().isVisible());
        openBundled(robot, LESSON);
        robot.interact(() -> documents.showDefaultSample());
        assertEquals(null, player().scenarioProperty().get(), "opening another machine ends the lesson");
    }
}
