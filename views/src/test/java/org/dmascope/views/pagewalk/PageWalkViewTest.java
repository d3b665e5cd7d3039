package org.dmascope.views.pagewalk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;

import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;

import org.dmascope.model.kernel.pagetable.PageTableChanges;
import org.dmascope.model.mapping.DmaSegments;
import org.dmascope.model.mapping.DmaState;
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
class PageWalkViewTest {
    private static final Mapping VTD = Mappings.map(Mappings.SWITCH_SERVER, "0000:06:00.0",
            "host:node0:1MiB:scattered:seed=7");

    private final SimpleObjectProperty<Mapping> mapping = new SimpleObjectProperty<>();
    private final SimpleObjectProperty<Step> step = new SimpleObjectProperty<>();
    private final SimpleIntegerProperty segment = new SimpleIntegerProperty(-1);
    private PageWalkView view;

    @Start
    void start(Stage stage) {
        view = new PageWalkView(mapping, step, segment);
        Scene scene = new Scene(view, 1280, 560);
        Theme.DARK.applyTo(scene);
        stage.setScene(scene);
        stage.show();
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup("#" + id).queryAs(Label.class).getText();
    }

    private static IovaBits.Field field(FxRobot robot, String id) {
        return (IovaBits.Field) robot.lookup("#" + id).query().getProperties().get(PageWalkView.FIELD_KEY);
    }

    private static WalkLevels.Level level(FxRobot robot, int depth) {
        return (WalkLevels.Level) robot.lookup("#" + PageWalkView.levelId(depth)).query().getProperties()
                .get(PageWalkView.LEVEL_KEY);
    }

    private static boolean has(Node n, String pseudoClass) {
        return n.getPseudoClassStates().contains(PseudoClass.getPseudoClass(pseudoClass));
    }

    private void show(FxRobot robot, Mapping m, int seg) {
        robot.interact(() -> {
            mapping.set(m);
            segment.set(seg);
        });
    }

    /** The fields and level cards shown agree with the mapping's walk of {@code leaf}, field for field. */
    private static void assertWalkShown(FxRobot robot, Mapping m, int leaf, long iova) {
        PageTableChanges pt = m.pageTable();
        List<PageTableChanges.LevelIndex> walk = pt.walk(leaf);
        for (int d = 0; d < walk.size(); d++) {
            IovaBits.Field f = field(robot, PageWalkView.fieldId(d));
            assertEquals(walk.get(d).index(), f.value(), "index at depth " + d);
            assertEquals(walk.get(d).levelName(), f.name());
            assertEquals(pt.geometry().shift(d), f.lo());
            assertEquals(pt.geometry().shift(d) + pt.geometry().indexBits(d) - 1, f.hi());
            WalkLevels.Level l = level(robot, d);
            assertEquals(walk.get(d).index(), l.index());
            assertEquals(d == walk.size() - 1, l.leaf());
        }
        assertTrue(robot.lookup("#" + PageWalkView.levelId(walk.size())).tryQuery().isEmpty(),
                "the walk stops at the leaf");
        IovaBits.Field offset = field(robot, PageWalkView.OFFSET_FIELD_ID);
        assertEquals(pt.geometry().shift(walk.size() - 1) - 1, offset.hi());
        assertEquals(iova - pt.leafIova(leaf), offset.value());
        assertEquals(Hex.addr(pt.leafPhys(leaf) + offset.value()), text(robot, PageWalkView.WALK_RESULT_ID));
        assertEquals(Hex.addr(iova), text(robot, PageWalkView.DMA_VALUE_ID));
    }

    @Test
    void withNothingMappedItSaysSo(FxRobot robot) {
        Label empty = robot.lookup("#" + PageWalkView.EMPTY_ID).queryAs(Label.class);
        assertTrue(empty.isVisible());
        assertTrue(empty.getText().startsWith("Nothing mapped yet."));
        assertEquals("no segment", text(robot, PageWalkView.SEGMENT_LABEL_ID));
    }

    @Test
    void vtdFourLevelWalkMatchesThePageTableChanges(FxRobot robot) {
        show(robot, VTD, 0);
        int[] leaves = SegmentTrail.leavesCovering(VTD.pageTable(), VTD.segments().address(0),
                VTD.segments().length(0));
        assertEquals(256, leaves.length, "1 MiB of 4 KiB pages");
        assertEquals("segment 0 of 1", text(robot, PageWalkView.SEGMENT_LABEL_ID));
        assertEquals("page 1 of 256", text(robot, PageWalkView.STOP_LABEL_ID));
        assertWalkShown(robot, VTD, leaves[0], VTD.segments().address(0));
        assertEquals("level 4", field(robot, PageWalkView.fieldId(0)).name());
        assertEquals(47, field(robot, PageWalkView.fieldId(0)).hi());
        assertEquals(12, field(robot, PageWalkView.fieldId(3)).lo());
        assertEquals(11, field(robot, PageWalkView.OFFSET_FIELD_ID).hi());
        assertEquals(WalkLevels.Origin.ROOT, level(robot, 0).origin());
        for (int d = 1; d < 4; d++) assertEquals(WalkLevels.Origin.NEW, level(robot, d).origin(),
                "a fresh domain allocates every table");
        assertEquals(Hex.addr(VTD.inputs().phys(0)), text(robot, PageWalkView.PHYSICAL_VALUE_ID));
        assertEquals("buf + 0x0", text(robot, PageWalkView.VIRTUAL_VALUE_ID));
        assertTrue(text(robot, PageWalkView.TRANSLATION_CAPTION_ID).contains("I/O page table"));

        robot.interact(view::requestFocus);
        robot.type(KeyCode.DOWN, 3);
        assertEquals("page 4 of 256", text(robot, PageWalkView.STOP_LABEL_ID));
        assertEquals(leaves[3], view.shownLeaf());
        assertWalkShown(robot, VTD, leaves[3], VTD.pageTable().leafIova(leaves[3]));
        robot.type(KeyCode.PAGE_DOWN);
        assertEquals(13, view.stopIndex());
        robot.type(KeyCode.UP);
        assertEquals(12, view.stopIndex());
        assertTrue(text(robot, PageWalkView.VIRTUAL_VALUE_ID).startsWith("buf + 0x"),
                "every page of the buffer traces back to it");
    }

    @Test
    void everyPageOfTheSegmentTracesBackToItsBufferByte(FxRobot robot) {
        show(robot, VTD, 0);
        SegmentTrail trail = SegmentTrail.of(VTD, 0);
        long covered = 0;
        for (int k = 0; k < trail.stopCount(); k++) {
            SegmentTrail.Stop s = trail.stop(k);
            assertEquals(covered, s.bufferOffset(), "stop " + k);
            assertEquals(VTD.pinned().page((int) trail.virtualPage(s.bufferOffset())) + ((s.bufferOffset()
                    + VTD.pinned().offset()) & 4095),
                    s.phys(), "the CPU's virtual page and the IOMMU's leaf reach the same physical page");
            covered += s.length();
        }
        assertEquals(VTD.segments().length(0), covered);
    }

    @Test
    void armLpaeWalkNamesLevelsFromL0AndStopsAtTwoMegabyteBlocks(FxRobot robot) {
        Mapping pages = Mappings.map(Mappings.GRACE, "0006:01:00.0", "host:node0:256KiB:scattered:seed=7");
        show(robot, pages, 0);
        int[] leaves = SegmentTrail.leavesCovering(pages.pageTable(), pages.segments().address(0),
                pages.segments().length(0));
        assertWalkShown(robot, pages, leaves[0], pages.segments().address(0));
        assertEquals(List.of("L0", "L1", "L2", "L3"), List.of(field(robot, PageWalkView.fieldId(0)).name(),
                field(robot, PageWalkView.fieldId(1)).name(), field(robot, PageWalkView.fieldId(2)).name(),
                field(robot, PageWalkView.fieldId(3)).name()));
        assertTrue(robot.lookup("#walk-format").queryAs(Label.class).getText()
                .startsWith("ARM LPAE stage 1, 4KiB granule"));

        Mapping huge = Mappings.map(Mappings.GRACE, "0006:01:00.0", "host:node0:4MiB:huge2m");
        show(robot, huge, 0);
        int[] blocks = SegmentTrail.leavesCovering(huge.pageTable(), huge.segments().address(0),
                huge.segments().length(0));
        assertEquals(2, blocks.length);
        assertEquals("page 1 of 2", text(robot, PageWalkView.STOP_LABEL_ID));
        assertWalkShown(robot, huge, blocks[0], huge.segments().address(0));
        assertEquals("L2", level(robot, 2).name());
        assertEquals(2L << 20, level(robot, 2).leafSize());
        assertEquals(20, field(robot, PageWalkView.OFFSET_FIELD_ID).hi());
    }

    @Test
    void aSecondMappingWalksTablesTheFirstAllocated(FxRobot robot) {
        DmaState state = new DmaState();
        Mapping first = Mappings.map(Mappings.SWITCH_SERVER, "0000:06:00.0", "host:node0:64KiB:scattered:seed=7",
                b -> b, state);
        Mapping second = Mappings.map(Mappings.SWITCH_SERVER, "0000:06:00.0", "host:node0:64KiB:scattered:seed=8",
                b -> b, state);
        show(robot, first, 0);
        assertEquals(WalkLevels.Origin.NEW, level(robot, 1).origin());
        show(robot, second, 0);
        assertEquals(WalkLevels.Origin.ROOT, level(robot, 0).origin());
        assertEquals(WalkLevels.Origin.EXISTING, level(robot, 1).origin(),
                "the level 3 table was allocated by the first mapping");
        assertEquals(WalkLevels.Origin.EXISTING, level(robot, 3).origin(),
                "both 64 KiB IOVA ranges lie in one 2 MiB stretch");
        assertEquals(0, second.pageTable().newTableCount());
    }

    @Test
    void aBusAddressHasNoPageWalkAndSaysWhy(FxRobot robot) {
        Mapping p2p = Mappings.map(Mappings.SWITCH_SERVER, "0000:06:00.0", "bar:0000:05:00.0:2:64KiB");
        show(robot, p2p, 0);
        assertEquals("0x3840000000", text(robot, PageWalkView.DMA_VALUE_ID));
        assertEquals(Hex.addr(p2p.segments().address(0)), text(robot, PageWalkView.DMA_VALUE_ID));
        assertTrue(text(robot, PageWalkView.NO_WALK_ID).contains("BUS_ADDR"));
        assertTrue(robot.lookup("#" + PageWalkView.NO_WALK_ID).query().isVisible());
        assertFalse(robot.lookup("#" + PageWalkView.BITS_ID).query().getParent().isVisible());
        assertTrue(text(robot, PageWalkView.TRANSLATION_CAPTION_ID).contains("bus offset " + Hex.addr(p2p.pinned()
                .provider().busOffset())));
        assertEquals("p2pmem + 0x0", text(robot, PageWalkView.VIRTUAL_VALUE_ID));
    }

    @Test
    void aBouncedSegmentShowsItsBounceBufferAndNoWalk(FxRobot robot) {
        Mapping m = Mappings.map(Mappings.LEGACY_PC, "0000:03:00.0", "host:node0:64KiB:scattered:seed=7");
        int s = 0;
        while (!m.segments().has(s, DmaSegments.SWIOTLB)) s++;
        show(robot, m, s);
        assertEquals(Hex.addr(m.segments().address(s)), text(robot, PageWalkView.DMA_VALUE_ID));
        assertEquals(Hex.addr(m.inputs().phys(m.segments().firstInput(s))), text(robot,
                PageWalkView.PHYSICAL_VALUE_ID));
        assertTrue(text(robot, "walk-dma-detail").startsWith("bounce buffer " + Hex.addr(m.segments().address(s))));
        assertTrue(text(robot, PageWalkView.NO_WALK_ID).contains("above the device's 32-bit DMA mask (0xffffffff)"),
                text(robot, PageWalkView.NO_WALK_ID));
        int direct = 0;
        while (m.segments().has(direct, DmaSegments.SWIOTLB)) direct++;
        final int d = direct;
        robot.interact(() -> segment.set(d));
        assertEquals(text(robot, PageWalkView.PHYSICAL_VALUE_ID), text(robot, PageWalkView.DMA_VALUE_ID),
                "dma-direct: DMA = physical");
        assertTrue(text(robot, PageWalkView.TRANSLATION_CAPTION_ID).startsWith("identity"));
    }

    @Test
    void aFailedMappingShowsTheVerdict(FxRobot robot) {
        Mapping failed = Mappings.map(Mappings.LEGACY_PC, "0000:03:00.0", "host:node0:64KiB",
                b -> b.dma(new DmaParameters(OptionalInt.of(20), OptionalLong.empty(), OptionalLong.empty(),
                        OptionalLong.empty())));
        show(robot, failed, 0);
        Label verdict = robot.lookup("#" + PageWalkView.VERDICT_ID).queryAs(Label.class);
        assertTrue(verdict.isVisible());
        assertTrue(verdict.getText().startsWith("✖ EIO · dma_set_mask() = -EIO"), verdict.getText());
        assertTrue(text(robot, PageWalkView.EMPTY_ID).contains("the mapping failed"));
        assertTrue(has(view, "failed"));
        robot.interact(() -> mapping.set(VTD));
        assertFalse(robot.lookup("#" + PageWalkView.VERDICT_ID).query().isVisible());
    }

    @Test
    void arrowsMoveBetweenSegmentsAndWriteTheSelection(FxRobot robot) {
        Mapping m = Mappings.map(Mappings.LEGACY_PC, "0000:03:00.0", "host:node0:64KiB:scattered:seed=7");
        show(robot, m, 2);
        robot.interact(view::requestFocus);
        robot.type(KeyCode.RIGHT);
        assertEquals(3, segment.get());
        assertEquals("segment 3 of 13", text(robot, PageWalkView.SEGMENT_LABEL_ID));
        robot.type(KeyCode.LEFT, 2);
        assertEquals(1, segment.get());
        robot.type(KeyCode.END);
        assertEquals(12, segment.get());
        robot.type(KeyCode.RIGHT);
        assertEquals(12, segment.get(), "the last segment stays selected");
        robot.type(KeyCode.HOME);
        assertEquals(0, segment.get());
        robot.clickOn("#" + PageWalkView.NEXT_SEGMENT_ID);
        assertEquals(1, segment.get());
    }

    @Test
    void theSelectedStepLightsWhatItTouched(FxRobot robot) {
        show(robot, VTD, 0);
        robot.interact(() -> step.set(VTD.steps().stream().filter(s -> s.kind() == StepKind.PAGE_TABLE).findFirst()
                .orElseThrow()));
        assertTrue(has(view, "step-levels"));
        assertTrue(text(robot, PageWalkView.STEP_HINT_ID).endsWith("the page-table levels"));
        robot.interact(() -> step.set(VTD.steps().stream().filter(s -> s.kind() == StepKind.IOVA_ALLOC).findFirst()
                .orElseThrow()));
        assertTrue(has(view, "step-iova") && !has(view, "step-levels"));
        robot.interact(() -> step.set(null));
        assertFalse(has(view, "step-iova"));
    }

    @Test
    void copyGivesTheTrailAndTheWalkAsText(FxRobot robot) {
        show(robot, VTD, 0);
        String text = view.asText();
        PageTableChanges.LevelIndex root = VTD.pageTable().walk(0).get(0);
        assertTrue(text.contains("segment 0 of 1: " + Hex.addr(VTD.segments().address(0)) + " + 1MiB [IOVA]"), text);
        assertTrue(text.contains("level 4 [" + root.index() + "] root table"), text);
        assertTrue(text.contains("level 1 [" + VTD.pageTable().walk(0).get(3).index() + "] new table, leaf 4KiB -> "
                + Hex.addr(VTD.pageTable().leafPhys(0))), text);
    }

    @Test
    void aGigabyteSegmentIsSteppedThroughLeafByLeaf(FxRobot robot) {
        Mapping big = Mappings.map(Mappings.SWITCH_SERVER, "0000:06:00.0", "host:node0:1GiB:scattered:seed=1");
        long t0 = System.nanoTime();
        show(robot, big, 0);
        long t1 = System.nanoTime();
        assertEquals("page 1 of 262144", text(robot, PageWalkView.STOP_LABEL_ID));
        robot.interact(view::requestFocus);
        long t2 = System.nanoTime();
        robot.type(KeyCode.PAGE_DOWN);
        long t3 = System.nanoTime();
        int[] leaves = SegmentTrail.leavesCovering(big.pageTable(), big.segments().address(0),
                big.segments().length(0));
        assertEquals(262_144, leaves.length);
        assertWalkShown(robot, big, leaves[10], big.pageTable().leafIova(leaves[10]));
        SegmentTrail trail = SegmentTrail.of(big, 0);
        SegmentTrail.Stop last = trail.stop(262_143);
        assertEquals((1L << 30) - 4096, last.bufferOffset(),
                "the last page of the IOVA range holds the buffer's last page");
        System.out.printf("1 GiB segment: shown in %.1f ms, ten pages on in %.1f ms%n", (t1 - t0) / 1e6,
                (t3 - t2) / 1e6);
    }

    @Test
    void amdV1RepeatsTheEntryOfAPageBetweenTwoLevelSizes(FxRobot robot) {
        Mapping amd = Mappings.map("dgx-like.json", "0000:25:00.0", "host:node0:8MiB:scattered:seed=3",
                b -> b.iommuMode(org.dmascope.model.mapping.IommuMode.DMA));
        show(robot, amd, 0);
        PageTableChanges pt = amd.pageTable();
        int[] leaves = SegmentTrail.leavesCovering(pt, amd.segments().address(0), amd.segments().length(0));
        int k = 0;
        while (pt.leafSize(leaves[k]) == 4096) k++;
        final int stop = k;
        robot.interact(() -> view.goToStop(stop));
        int leaf = leaves[k];
        assertWalkShown(robot, amd, leaf, pt.leafIova(leaf));
        assertEquals("PM level 0", level(robot, 3).name());
        long copies = pt.leafSize(leaf) / 4096;
        assertTrue(robot.lookup("#" + PageWalkView.levelId(3)).queryAs(javafx.scene.layout.VBox.class).getChildren()
                .stream()
                .anyMatch(n -> n instanceof Label l && l.getText().startsWith("stored as " + copies
                        + " identical entries")));
    }

    @Test
    void disposeStopsFollowingTheMapping(FxRobot robot) {
        robot.interact(() -> {
            view.dispose();
            mapping.set(VTD);
        });
        assertEquals("no segment", text(robot, PageWalkView.SEGMENT_LABEL_ID));
    }
}
