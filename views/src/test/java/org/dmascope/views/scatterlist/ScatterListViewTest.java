package org.dmascope.views.scatterlist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;

import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.stage.Stage;

import org.dmascope.model.mapping.DmaSegments;
import org.dmascope.model.mapping.Mapping;
import org.dmascope.model.mapping.Step;
import org.dmascope.model.mapping.StepKind;
import org.dmascope.model.topology.DmaParameters;
import org.dmascope.model.util.Hex;
import org.dmascope.views.common.Theme;
import org.dmascope.views.testing.Mappings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class ScatterListViewTest {
    private static final Mapping MERGED = Mappings.map(Mappings.SWITCH_SERVER, "0000:06:00.0",
            "host:node0:1MiB:scattered:seed=7");
    private static final Mapping BOUNCED = Mappings.map(Mappings.LEGACY_PC, "0000:03:00.0",
            "host:node0:64KiB:scattered:seed=7");

    private final SimpleObjectProperty<Mapping> mapping = new SimpleObjectProperty<>();
    private final SimpleObjectProperty<Step> step = new SimpleObjectProperty<>();
    private final SimpleIntegerProperty segment = new SimpleIntegerProperty(-1);
    private ScatterListView view;

    @Start
    void start(Stage stage) {
        view = new ScatterListView(mapping, step, segment);
        Scene scene = new Scene(view, 1280, 600);
        Theme.LIGHT.applyTo(scene);
        stage.setScene(scene);
        stage.show();
    }

    private TableView<Integer> table(FxRobot robot) {
        return robot.lookup("#" + ScatterListView.TABLE_ID).queryTableView();
    }

    /** The cell the table shows for a row and column; fails if that row is not on screen. */
    @SuppressWarnings("unchecked")
    private static TableCell<Integer, Integer> cell(FxRobot robot, int row, ScatterColumn column) {
        return robot.lookup(".table-cell").queryAll().stream().map(n -> (TableCell<Integer, Integer>) n)
                .filter(c -> c.getTableColumn() != null && column.id().equals(c.getTableColumn().getId())
                        && c.getIndex() == row
                        && c.getTableRow() != null && c.getTableRow().isVisible())
                .findFirst().orElseThrow(() -> new AssertionError("row " + row + " column " + column
                        + " is not shown"));
    }

    private static Optional<TableRow<?>> row(FxRobot robot, int index) {
        return robot.lookup(".table-row-cell").queryAll().stream().<TableRow<?>>map(n -> (TableRow<?>) n)
                .filter(r -> r.getIndex() == index && r.isVisible() && r.getItem() != null).findFirst();
    }

    private static boolean has(Node n, String pseudoClass) {
        return n.getPseudoClassStates().contains(PseudoClass.getPseudoClass(pseudoClass));
    }

    private static Step firstStep(Mapping m, StepKind kind) {
        return m.steps().stream().filter(s -> s.kind() == kind).findFirst().orElseThrow();
    }

    @Test
    void withNothingMappedItSaysSo(FxRobot robot) {
        assertEquals(0, table(robot).getItems().size());
        Label empty = robot.lookup("#" + ScatterListView.EMPTY_ID).queryAs(Label.class);
        assertTrue(empty.isVisible());
        assertTrue(empty.getText().startsWith("Nothing mapped yet."));
        assertEquals("Nothing mapped yet", robot.lookup("#" + ScatterListView.SUMMARY_ID).queryAs(Label.class)
                .getText());
        assertFalse(robot.lookup("#" + ScatterListView.VERDICT_ID).query().isVisible());
    }

    @Test
    void rowsAreTheInputsGroupedUnderTheSegmentTheyFormed(FxRobot robot) {
        robot.interact(() -> mapping.set(MERGED));
        assertEquals(MERGED.inputs().count(), table(robot).getItems().size());
        assertEquals("0", cell(robot, 0, ScatterColumn.SEGMENT).getText());
        assertEquals(Hex.addr(MERGED.inputs().phys(3)), cell(robot, 3, ScatterColumn.PHYS).getText());
        assertEquals(Hex.addr(MERGED.segments().address(0)), cell(robot, 0, ScatterColumn.DMA_ADDRESS).getText());
        assertEquals("1MiB", cell(robot, 0, ScatterColumn.DMA_LENGTH).getText());
        int n = MERGED.inputs().count();
        assertEquals(n + " entries: 0–" + (n - 1), cell(robot, 0, ScatterColumn.FORMED_FROM).getText());
        assertEquals("", cell(robot, 1, ScatterColumn.DMA_ADDRESS).getText(),
                "a merged entry shows its segment only once");
        assertEquals("↳ merged into segment 0", cell(robot, 1, ScatterColumn.FORMED_FROM).getText());
        TableRow<?> first = row(robot, 0).orElseThrow();
        TableRow<?> second = row(robot, 1).orElseThrow();
        assertTrue(has(first, "merged") && has(first, "group-first") && !has(first, "group-last"));
        assertTrue(has(second, "merged") && !has(second, "group-first"));
        assertEquals("dma_map_sg: " + n + " scatterlist entries became 1 DMA segment",
                robot.lookup("#" + ScatterListView.SUMMARY_ID).queryAs(Label.class).getText());
        String totals = robot.lookup("#" + ScatterListView.TOTALS_ID).queryAs(Label.class).getText();
        assertTrue(totals.contains("Input: " + n + " struct scatterlist entries, 1 MiB"), totals);
        assertTrue(totals.contains("Merged: 1 segment formed from several entries (" + (n - 1)
                + " entries fewer to program)"), totals);
    }

    @Test
    void metadataCostComparesScatterlistAndRanges(FxRobot robot) {
        robot.interact(() -> mapping.set(MERGED));
        long sg = MERGED.cost().scatterlistBytes();
        assertEquals(32L * MERGED.cost().scatterlistEntries(), sg);
        assertEquals(org.dmascope.model.util.ByteSize.human(sg), robot.lookup("#scatter-cost-scatterlist")
                .queryAs(Label.class).getText());
        assertEquals("16 B", robot.lookup("#scatter-cost-dma-range").queryAs(Label.class).getText());
        assertEquals(org.dmascope.model.util.ByteSize.human(16L * MERGED.cost().phyrRanges()),
                robot.lookup("#scatter-cost-phyr").queryAs(Label.class).getText());
    }

    @Test
    void aPeerToPeerBusAddressIsFlaggedBus(FxRobot robot) {
        Mapping p2p = Mappings.map(Mappings.SWITCH_SERVER, "0000:06:00.0", "bar:0000:05:00.0:2:64KiB");
        assertTrue(p2p.segments().has(0, DmaSegments.BUS));
        robot.interact(() -> mapping.set(p2p));
        Node flags = cell(robot, 0, ScatterColumn.FLAGS).getGraphic();
        assertNotNull(flags);
        assertEquals(List.of("BUS"), robot.from(flags).lookup(".flag").queryAllAs(Label.class).stream()
                .map(Label::getText).toList());
        assertEquals("P2P", cell(robot, 0, ScatterColumn.MEMORY).getText());
        assertTrue(has(row(robot, 0).orElseThrow(), "bus"));
        assertTrue(robot.lookup("#" + ScatterListView.TOTALS_ID).queryAs(Label.class).getText()
                .contains("BUS: 1 segment carries a PCI bus address"));
    }

    @Test
    void aThirtyTwoBitDeviceBouncesThroughSwiotlbAndTheSwiotlbStepLightsThoseRows(FxRobot robot) {
        robot.interact(() -> {
            mapping.set(BOUNCED);
            step.set(firstStep(BOUNCED, StepKind.SWIOTLB));
        });
        assertTrue(has(view, "step-bounce"));
        int bounced = 0;
        for (int s = 0; s < BOUNCED.segments().count(); s++) {
            boolean b = BOUNCED.segments().has(s, DmaSegments.SWIOTLB);
            if (b) bounced++;
            assertEquals(b, has(row(robot, s).orElseThrow(), "bounced"), "row " + s);
            assertEquals(b ? "BOUNCED" : "", String.join(" ", robot.from(cell(robot, s,
                    ScatterColumn.FLAGS)).lookup(".flag")
                    .queryAllAs(Label.class).stream().map(Label::getText).toList()));
        }
        assertTrue(bounced > 0 && bounced < BOUNCED.segments().count(),
                "some pages lie above 4 GiB and bounce, some do not");
        assertTrue(robot.lookup("#" + ScatterListView.STEP_HINT_ID).queryAs(Label.class).getText()
                .contains("bounced segments"));
    }

    @Test
    void theSelectedStepLightsTheSideItTouched(FxRobot robot) {
        robot.interact(() -> {
            mapping.set(MERGED);
            step.set(firstStep(MERGED, StepKind.SCATTERLIST));
        });
        assertTrue(has(view, "step-input"));
        robot.interact(() -> step.set(firstStep(MERGED, StepKind.FINALISE)));
        assertTrue(has(view, "step-output") && !has(view, "step-input"));
        robot.interact(() -> step.set(firstStep(MERGED, StepKind.DEVICE)));
        assertFalse(has(view, "step-output"));
        assertFalse(robot.lookup("#" + ScatterListView.STEP_HINT_ID).query().isVisible());
    }

    @Test
    void aFailedMappingShowsTheVerdictAndItsUnmappedInputs(FxRobot robot) {
        Mapping failed = Mappings.map(Mappings.LEGACY_PC, "0000:03:00.0", "host:node0:128MiB:scattered:seed=3");
        robot.interact(() -> mapping.set(failed));
        Label verdict = robot.lookup("#" + ScatterListView.VERDICT_ID).queryAs(Label.class);
        assertTrue(verdict.isVisible());
        assertTrue(verdict.getText().startsWith("✖ SWIOTLB_FULL · dma_map_sgtable() = -EIO"), verdict.getText());
        assertEquals(failed.inputs().count(), table(robot).getItems().size());
        assertEquals("none", cell(robot, 0, ScatterColumn.SEGMENT).getText());
        assertTrue(has(row(robot, 0).orElseThrow(), "unassigned"));
        assertTrue(has(view, "failed"));

        Mapping refused = Mappings.map(Mappings.LEGACY_PC, "0000:03:00.0", "host:node0:64KiB",
                b -> b.dma(new DmaParameters(OptionalInt.of(20), OptionalLong.empty(), OptionalLong.empty(),
                        OptionalLong.empty())));
        robot.interact(() -> mapping.set(refused));
        assertEquals(0, table(robot).getItems().size());
        assertTrue(robot.lookup("#" + ScatterListView.EMPTY_ID).queryAs(Label.class).getText()
                .startsWith("The mapping failed before any entry"));
        robot.interact(() -> mapping.set(null));
        assertFalse(has(view, "failed"));
    }

    @Test
    void selectingARowSelectsItsSegmentAndTheSegmentSelectsItsRows(FxRobot robot) {
        robot.interact(() -> mapping.set(BOUNCED));
        robot.interact(() -> table(robot).getSelectionModel().clearAndSelect(4));
        assertEquals(4, segment.get());
        robot.interact(() -> segment.set(7));
        assertEquals(7, table(robot).getSelectionModel().getSelectedIndex());
        assertTrue(has(row(robot, 7).orElseThrow(), "segment-selected"));
        assertFalse(has(row(robot, 4).orElseThrow(), "segment-selected"));

        robot.interact(() -> {
            mapping.set(MERGED);
            segment.set(0);
        });
        robot.interact(() -> table(robot).getSelectionModel().clearAndSelect(5));
        assertEquals(0, segment.get(), "any entry of a merged group selects the group's segment");
        assertTrue(has(row(robot, 0).orElseThrow(), "segment-selected") && has(row(robot, 9).orElseThrow(),
                "segment-selected"));
    }

    @Test
    void copySelectionAsTextAndCsvFromKeysAndMenu(FxRobot robot) {
        robot.interact(() -> mapping.set(BOUNCED));
        robot.interact(() -> {
            table(robot).requestFocus();
            table(robot).getSelectionModel().clearSelection();
            table(robot).getSelectionModel().selectRange(2, 5);
        });
        robot.push(new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN));
        String text = clipboard(robot);
        assertEquals(ScatterListText.text(ScatterListRows.of(BOUNCED), 3, k -> 2 + k), text);
        assertEquals(5, text.split("\n").length, "a title line, the header and three rows");
        robot.push(new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN));
        String csv = clipboard(robot);
        assertTrue(csv.startsWith("segment,input,") && csv.split("\r\n").length == 4, csv);

        ContextMenu menu = table(robot).getContextMenu();
        MenuItem all = menu.getItems().stream().filter(i -> "Copy whole list as CSV".equals(i.getText())).findFirst()
                .orElseThrow();
        robot.interact(all::fire);
        assertEquals(ScatterListText.csv(ScatterListRows.of(BOUNCED)), clipboard(robot));
    }

    private static String clipboard(FxRobot robot) {
        AtomicReference<String> s = new AtomicReference<>();
        robot.interact(() -> s.set(Clipboard.getSystemClipboard().getString()));
        return s.get();
    }

    @Test
    void aQuarterMillionRowsLoadScrollToTheEndAndCopyARange(FxRobot robot) {
        Mapping big = Mappings.map(Mappings.SWITCH_SERVER, "0000:06:00.0", "host:node0:1GiB:scattered:seed=1",
                b -> b.dma(new DmaParameters(OptionalInt.empty(), OptionalLong.of(4096), OptionalLong.empty(),
                        OptionalLong.empty())));
        long t0 = System.nanoTime();
        robot.interact(() -> mapping.set(big));
        long t1 = System.nanoTime();
        assertEquals(262_144, table(robot).getItems().size());
        robot.interact(() -> table(robot).scrollTo(262_143));
        long t2 = System.nanoTime();
        assertEquals("262143", cell(robot, 262_143, ScatterColumn.INPUT).getText());
        assertEquals(Hex.addr(big.segments().address(262_143)), cell(robot, 262_143, ScatterColumn.DMA_ADDRESS)
                .getText());
        robot.interact(() -> table(robot).getSelectionModel().selectRange(200_000, 210_000));
        AtomicReference<String> csv = new AtomicReference<>();
        long t3 = System.nanoTime();
        robot.interact(() -> csv.set(view.copy(true, false)));
        long t4 = System.nanoTime();
        String[] lines = csv.get().split("\r\n");
        assertEquals(10_001, lines.length);
        assertTrue(lines[1].startsWith("200000,200000,"), lines[1]);
        AtomicReference<String> all = new AtomicReference<>();
        robot.interact(() -> all.set(view.copy(false, true)));
        long t5 = System.nanoTime();
        assertEquals(262_144 + 2, all.get().split("\n").length);
        // once more, warm, for the figures reported with the work (not asserted: speed is measured by JMH)
        robot.interact(() -> mapping.set(null));
        long t6 = System.nanoTime();
        robot.interact(() -> mapping.set(big));
        long t7 = System.nanoTime();
        robot.interact(() -> table(robot).scrollTo(131_072));
        long t8 = System.nanoTime();
        robot.interact(() -> table(robot).scrollTo(262_143));
        long t9 = System.nanoTime();
        System.out.printf("262,144 rows: load %.1f ms (warm %.1f), scroll to end %.1f ms (warm %.1f, %.1f), copy "
                + "10,000 rows as CSV"
                + " %.1f ms, copy all as text %.1f ms%n", (t1 - t0) / 1e6, (t7 - t6) / 1e6, (t2 - t1) / 1e6,
                        (t8 - t7) / 1e6,
                (t9 - t8) / 1e6, (t4 - t3) / 1e6, (t5 - t4) / 1e6);
    }

    @Test
    void aGigabyteOfScatteredPagesUnderTheIommuIsOneGroupOfEntries(FxRobot robot) {
        Mapping big = Mappings.map(Mappings.SWITCH_SERVER, "0000:06:00.0", "host:node0:1GiB:scattered:seed=1");
        assertEquals(1, big.segments().count());
        int n = big.inputs().count();
        assertTrue(n > 190_000, "neighbouring pages share an entry, the rest need one each: " + n);
        robot.interact(() -> mapping.set(big));
        assertEquals(n, table(robot).getItems().size());
        robot.interact(() -> table(robot).scrollTo(n - 1));
        TableRow<?> last = row(robot, n - 1).orElseThrow();
        assertTrue(has(last, "merged") && has(last, "group-last") && !has(last, "group-first"));
        assertEquals("↳ merged into segment 0", cell(robot, n - 1, ScatterColumn.FORMED_FROM).getText());
        assertEquals(Hex.addr(big.inputs().phys(n - 1)), cell(robot, n - 1, ScatterColumn.PHYS).getText());
    }

    @Test
    void disposeStopsFollowingTheMapping(FxRobot robot) {
        robot.interact(() -> {
            view.dispose();
            mapping.set(MERGED);
        });
        assertEquals(0, table(robot).getItems().size());
    }
}
