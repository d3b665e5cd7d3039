package org.dmascope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.prefs.BackingStoreException;

import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.stage.Stage;

import org.dmascope.model.mapping.Mapping;
import org.dmascope.model.mapping.Step;
import org.dmascope.model.session.KernelSession;
import org.dmascope.model.session.MapOutcome;
import org.dmascope.model.topology.Topology;
import org.dmascope.model.util.Hex;
import org.dmascope.views.mapping.MappingDetailsView;
import org.dmascope.views.mapping.VerdictText;
import org.dmascope.views.pagewalk.PageWalkView;
import org.dmascope.views.scatterlist.ScatterListView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Every view shows the current result or nothing: after a drop, each option is changed to each of
 * its values, and every value on screen (scatter-list cells, verdict, steps, page walk, live mappings)
 * is compared with what a kernel session of the test's own gives for the same calls. The session
 * replays what the window's running kernel does: a recomputation unmaps the mapping it replaces, and
 * another kernel boots with nothing mapped.
 */
@ExtendWith(ApplicationExtension.class)
class CurrentResultWindowTest {
    private static final String[] OPTIONS = {"#option-iommu", "#option-api", "#option-mask", "#option-max-seg",
        "#option-boundary", "#option-kernel"};

    private final RunningApp running = new RunningApp();
    private DocumentModel documents;
    private KernelSession replay;
    private Mapping replayed;

    @Start
    void start(Stage stage) {
        documents = running.start(stage, 1280, 800);
        // TestFX hands every test the same stage: an earlier test may have left it at another size.
        stage.setWidth(1280);
        stage.setHeight(800);
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
        running.tearDown(true);
    }

    @Test
    void switchingTheIommuOffAfterAnIommuMappingLeavesNoIovaOnScreen(FxRobot robot) {
        MappingDriver d = new MappingDriver(robot, documents);
        d.drag(MappingDriver.chipOfRam(0), MappingDriver.device("03:00.0"));
        assertTrue(d.model().mappingProperty().get().segments().has(0,
                org.dmascope.model.mapping.DmaSegments.IOVA), "the T4 maps RAM through its IOMMU");
        showScatterList(robot, d);
        choose(robot, d, "#option-iommu", "off");
        Mapping m = d.model().mappingProperty().get();
        assertFalse(m.segments().has(0, org.dmascope.model.mapping.DmaSegments.IOVA));
        TableView<?> table = robot.lookup("#" + ScatterListView.TABLE_ID).queryAs(TableView.class);
        String address = cellText(table, 0, "scatter-column-dma-address");
        assertEquals(Hex.addr(m.segments().address(0)), address, "row 0 shows the direct address, not the IOVA");
    }

    @Test
    void afterADropEveryOptionChangeShowsTheEnginesResultEverywhere(FxRobot robot) {
        MappingDriver d = new MappingDriver(robot, documents);
        d.drag(MappingDriver.chipOfRam(0), MappingDriver.device("03:00.0"));
        Topology t = d.model().topologyProperty().get();
        replay = KernelSession.boot(t, running.app().session().rules().getOverrides());
        MapOutcome last = d.model().outcomeProperty().get();
        MapOutcome expected = replay.map(last.call());
        replayed = expected.mapping();
        int checked = 0;
        for (String option : OPTIONS) {
            ComboBox<?> box = robot.lookup(option).queryAs(ComboBox.class);
            List<String> values = box.getItems().stream().map(Object::toString).toList();
            for (String value : values) {
                choose(robot, d, option, value);
                MapOutcome shown = d.model().outcomeProperty().get();
                if (!shown.hasMapping()) {
                    // the API chosen earlier (two-step IOVA) is not in an older kernel: refused in the model's words
                    assertEquals(d.model().options().notInKernel(shown.call().options().api()), shown.problem(),
                            option + " = " + value);
                    assertTrue(shown.problem().orElseThrow().contains(" is not in Linux "), shown.problem().get());
                    checked++;
                    continue;
                }
                if (shown != last) {
                    last = shown;
                    if (!replay.platform().equals(running.app().session().rules().getOverrides())) {
                        replay = KernelSession.boot(t, running.app().session().rules().getOverrides());
                        replayed = null;
                    }
                    if (replayed != null) replay.unmap(replayed);
                    expected = replay.map(shown.call());
                    replayed = expected.mapping();
                }
                final MapOutcome want = expected;
                for (String tab : List.of(MappingDetailsView.SCATTER_LIST_TAB_ID, MappingDetailsView.STEPS_TAB_ID,
                        MappingDetailsView.PAGE_WALK_TAB_ID)) {
                    robot.interact(() -> d.workspace().details().showTab(tab));
                    WaitForAsyncUtils.waitForFxEvents();
                    assertScreenShows(robot, want, t, option + " = " + value);
                }
                checked++;
            }
        }
        assertTrue(checked >= 25, "every value of every option: " + checked);
    }

    /** Selects a value in an option's combo box as a click would, and waits for the recomputed result. */
    private static void choose(FxRobot robot, MappingDriver d, String option, String value) {
        @SuppressWarnings("unchecked")
        ComboBox<Object> box = robot.lookup(option).queryAs(ComboBox.class);
        Object item = box.getItems().stream().filter(i -> i.toString().equals(value)).findFirst().orElseThrow();
        robot.interact(() -> box.setValue(item));
        MappingDriver.waitUntil(() -> !d.model().runningProperty().get() && d.model().outcomeProperty().get() != null
                && d.model().outcomeProperty().get().call().options().equals(d.model().options().optionsProperty()
                        .get())
                && (d.model().outcomeProperty().get().hasMapping()
                && d.model().outcomeProperty().get().mapping().request().profile() == d.model().options()
                        .kernelProperty().getValue()
                        || d.model().outcomeProperty().get().problem().equals(d.model().options().notInKernel(
                                d.model().outcomeProperty().get().call().options().api()))
                                && d.model().options().notInKernel(d.model().outcomeProperty().get().call().options()
                                        .api()).isPresent()));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static void showScatterList(FxRobot robot, MappingDriver d) {
        robot.interact(() -> d.workspace().details().showTab(MappingDetailsView.SCATTER_LIST_TAB_ID));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void assertScreenShows(FxRobot robot, MapOutcome expected, Topology t, String when) {
        Mapping m = expected.mapping();
        VerdictText v = VerdictText.of(expected, t);
        assertEquals(v.code(), label(robot, "#verdict-code"), when);
        assertEquals((expected.iommuOverruled() ? "What if (your choice): " : "") + v.headline(),
                label(robot, "#verdict-headline"), when);
        assertEquals(v.detail(), label(robot, "#verdict-detail"), when);
        assertEquals(replay.liveMappings().size(), liveCount(robot), when + ": live mappings");
        ScatterLines lines = new ScatterLines(ScatterListView.text(m));
        TableView<?> table = robot.lookup("#" + ScatterListView.TABLE_ID).queryAs(TableView.class);
        if (table.isVisible() && table.getScene() != null && table.isManaged()) {
            assertEquals(lines.rows(), table.getItems().size(), when + ": scatter rows");
            for (Node n : table.lookupAll(".table-cell")) {
                if (!(n instanceof TableCell<?, ?> c) || !c.isVisible() || c.isEmpty() || c.getIndex() < 0
                        || c.getIndex() >= lines.rows() || !isShowing(c)) {
                    continue;
                }
                int col = table.getVisibleLeafColumns().indexOf(c.getTableColumn());
                String want = lines.cell(c.getIndex(), col);
                String got = shown(c);
                if (got.startsWith("↳ merged into segment ")) {
                    assertEquals("", want, when + ": row " + c.getIndex());
                    got = "";
                }
                assertEquals(want, got, when + ": scatter row " + c.getIndex() + ", column " + c.getTableColumn()
                        .getId());
            }
        }
        Node walk = robot.lookup("#" + PageWalkView.DMA_VALUE_ID).tryQuery().orElse(null);
        if (walk != null && isShowing(walk) && m.verdict().isOk() && m.segments().count() > 0) {
            assertEquals(Hex.addr(m.segments().address(0)), ((Label) walk).getText(), when + ": page walk");
        }
        for (Node n : robot.lookup(".step-list .list-cell").queryAll()) {
            if (!(n instanceof ListCell<?> c) || c.isEmpty() || !isShowing(c)) continue;
            Step s = m.steps().get(c.getIndex());
            Label title = (Label) ((javafx.scene.layout.HBox) c.getGraphic()).getChildren().get(2);
            assertEquals(s.title(), title.getText(), when + ": step " + c.getIndex());
        }
    }

    private int liveCount(FxRobot robot) {
        return robot.lookup(".mapping-workspace").queryAs(org.dmascope.views.mapping.MappingWorkspace.class).model()
                .live().snapshotProperty().get().liveCount();
    }

    private static boolean isShowing(Node n) {
        for (Node p = n; p != null; p = p.getParent()) if (!p.isVisible()) return false;
        return n.getScene() != null && n.getScene().getWindow() != null;
    }

    private static String label(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    /** A cell's words: its text, or the flag chips it shows. */
    private static String shown(TableCell<?, ?> c) {
        if (c.getText() != null && !c.getText().isEmpty()) return c.getText();
        if (c.getGraphic() instanceof javafx.scene.layout.HBox h) {
            List<String> chips = new ArrayList<>();
            for (Node n : h.getChildren()) if (n instanceof Label l) chips.add(l.getText());
            return String.join(" ", chips);
        }
        return "";
    }

    private static String cellText(TableView<?> table, int row, String columnId) {
        for (Node n : table.lookupAll(".table-cell")) {
            if (n instanceof TableCell<?, ?> c && c.getIndex() == row && !c.isEmpty() && c.isVisible()
                    && columnId.equals(c.getTableColumn().getId())) {
                return shown(c);
            }
        }
        throw new AssertionError("no cell for row " + row + " in " + columnId);
    }

    /** The copy-as-text of a scatter list cut back into cells, by where its header puts each column. */
    private static final class ScatterLines {
        private final List<String> lines;
        private final int[] starts;

        ScatterLines(String text) {
            List<String> all = new ArrayList<>(List.of(text.split("\n")));
            if (!all.isEmpty() && all.get(0).startsWith("# ")) all.remove(0);
            String header = all.remove(0);
            List<Integer> s = new ArrayList<>();
            for (int i = 0; i < header.length(); i++) {
                boolean start = header.charAt(i) != ' ' && (i == 0 || i >= 2 && header.startsWith("  ", i - 2));
                if (start) s.add(i);
            }
            starts = s.stream().mapToInt(Integer::intValue).toArray();
            lines = all;
        }

        int rows() {
            return lines.size();
        }

        String cell(int row, int column) {
            String line = lines.get(row);
            int from = starts[column];
            int to = column + 1 < starts.length ? starts[column + 1] : line.length();
            if (from >= line.length()) return "";
            return line.substring(from, Math.min(to, line.length())).strip();
        }
    }
}
