package org.dmascope.views.pagewalk;

import java.util.List;

import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import org.dmascope.model.kernel.pagetable.PageTableChanges;
import org.dmascope.model.kernel.pagetable.PageTableGeometry;
import org.dmascope.model.util.ByteSize;
import org.dmascope.model.util.Hex;

/**
 * The page walk of one IOVA: its bits split into the fields the format reads (coloured per level,
 * the page offset grey), then one card per level with the table it reads, the entry and, at the
 * end, the leaf and its physical target. Without IOMMU translation it says why there is no walk.
 */
final class WalkPane extends VBox {
    static final String STYLE_CLASS = "walk-pane";
    static final String SECTION_TITLE = "section-title";
    static final String BIT_STRIP = "bit-strip";
    static final String BIT_FIELD = "bit-field";
    static final String FIELD_NAME = "field-name";
    static final String FIELD_BITS = "field-bits";
    static final String FIELD_VALUE = "field-value";
    static final String LEVEL_CARD = "level-card";
    static final String LEVEL_TITLE = "level-title";
    static final String LEVEL_ENTRY = "level-entry";
    static final String LEVEL_LINE = "level-line";
    static final String LEVEL_ARROW = "level-arrow";
    static final String RESULT_CARD = "result-card";
    static final String NO_WALK = "no-walk";
    static final String UPPER_FIELD = "upper-field";
    static final String OFFSET_FIELD = "offset-field";
    static final String INDEX_FIELD = "index-field";
    static final String NEW_TABLE = "new-table";
    static final String LEAF = "leaf";

    private final Label title = new Label();
    private final Label format = new Label();
    private final Label iova = Values.label(PageWalkView.WALK_IOVA_ID, Values.VALUE);
    private final HBox bits = new HBox();
    private final HBox levels = new HBox();
    private final Label noWalk = new Label();
    private final VBox walk;

    WalkPane() {
        getStyleClass().add(STYLE_CLASS);
        title.getStyleClass().add(SECTION_TITLE);
        title.setWrapText(true);
        format.getStyleClass().add(AddressSpacesPane.NOTE);
        format.setId("walk-format");
        format.setWrapText(true);
        bits.setId(PageWalkView.BITS_ID);
        bits.getStyleClass().add(BIT_STRIP);
        levels.setId(PageWalkView.LEVELS_ID);
        levels.getStyleClass().add("levels");
        levels.setAlignment(Pos.CENTER_LEFT);
        noWalk.setId(PageWalkView.NO_WALK_ID);
        noWalk.getStyleClass().add(NO_WALK);
        noWalk.setWrapText(true);
        noWalk.managedProperty().bind(noWalk.visibleProperty());
        HBox iovaLine = new HBox(8, iova, format);
        iovaLine.setAlignment(Pos.BASELINE_LEFT);
        Label legend = new Label("Each coloured group of bits is an index: it picks one entry of the table of the "
                + "same colour "
                + "below, and that entry points to the next table. The grey bits are the offset inside the page the "
                        + "last entry names.");
        legend.getStyleClass().add(AddressSpacesPane.NOTE);
        legend.setWrapText(true);
        walk = new VBox(8, iovaLine, bits, legend, levels);
        walk.managedProperty().bind(walk.visibleProperty());
        getChildren().addAll(title, walk, noWalk);
    }

    void show(SegmentTrail trail, SegmentTrail.Stop stop) {
        PageTableChanges pt = trail.mapping().pageTable();
        if (!trail.translated() || stop.leaf() < 0 || pt.geometry() == null) {
            title.setText("No page walk for this segment");
            walk.setVisible(false);
            noWalk.setVisible(true);
            noWalk.setText(noWalkReason(trail, stop));
            return;
        }
        noWalk.setVisible(false);
        walk.setVisible(true);
        PageTableGeometry g = pt.geometry();
        List<WalkLevels.Level> lv = WalkLevels.of(pt, stop.leaf());
        int leafDepth = lv.size() - 1;
        title.setText("How the IOMMU finds the page: the IOVA's bits index " + lv.size() + (lv.size() == 1 ? " table"
                : " tables")
                + ", the rest is the offset into the " + ByteSize.format(pt.leafSize(stop.leaf())) + " page");
        format.setText(g.describe());
        Values.address(iova, stop.dma(), "The IOVA walked");
        iova.setText("IOVA " + grouped(stop.dma()));
        showBits(IovaBits.split(g, stop.dma(), leafDepth));
        showLevels(lv, stop);
    }

    /** {@code 0x0000_00ff_f030_0000}: the full 64 bits in groups of four digits. */
    static String grouped(long v) {
        String h = Hex.hex(v, 16);
        return "0x" + h.substring(0, 4) + "_" + h.substring(4, 8) + "_" + h.substring(8, 12) + "_" + h.substring(12);
    }

    private void showBits(List<IovaBits.Field> fields) {
        bits.getChildren().clear();
        for (IovaBits.Field f : fields) {
            Label name = new Label(f.name());
            name.getStyleClass().add(FIELD_NAME);
            Label range = new Label(f.width() == 1 ? "bit " + f.lo() : "bits " + f.hi() + "–" + f.lo());
            range.getStyleClass().add(FIELD_NAME);
            Label binary = Values.label(null, FIELD_BITS);
            Values.set(binary, f.binary(), f.binary(), f.width() + " bits");
            Label value = Values.label(null, FIELD_VALUE);
            switch (f.kind()) {
                case INDEX:
                    Values.set(value, "[" + f.value() + "]", String.valueOf(f.value()), "index " + f.value() + " = "
                            + Hex.addr(f.value())
                            + " of " + (1L << f.width()) + " entries");
                    break;
                case OFFSET:
                    Values.set(value, "+" + Hex.addr(f.value()), Hex.addr(f.value()),
                            f.value() + " bytes into the page");
                    break;
                default:
                    Values.set(value, f.value() == 0 ? "0" : Hex.addr(f.value()), Hex.addr(f.value()),
                            "Bits above the root table's index: no level reads them; the IOVA must lie below the "
                                    + "aperture");
                    break;
            }
            VBox box = new VBox(1, name, binary, value, range);
            box.setAlignment(Pos.CENTER);
            box.getStyleClass().addAll(BIT_FIELD, fieldClass(f));
            box.setId(f.kind() == IovaBits.Kind.INDEX ? PageWalkView.fieldId(f.depth())
                    : f.kind() == IovaBits.Kind.OFFSET ? PageWalkView.OFFSET_FIELD_ID : PageWalkView.UPPER_FIELD_ID);
            box.getProperties().put(PageWalkView.FIELD_KEY, f);
            if (f.kind() == IovaBits.Kind.INDEX) box.getStyleClass().add(INDEX_FIELD);
            box.setMinWidth(Region.USE_PREF_SIZE);
            bits.getChildren().add(box);
        }
    }

    static String fieldClass(IovaBits.Field f) {
        switch (f.kind()) {
            case INDEX:
                return "level-" + f.depth();
            case OFFSET:
                return OFFSET_FIELD;
            default:
                return UPPER_FIELD;
        }
    }

    private void showLevels(List<WalkLevels.Level> lv, SegmentTrail.Stop stop) {
        levels.getChildren().clear();
        for (WalkLevels.Level l : lv) {
            if (!levels.getChildren().isEmpty()) levels.getChildren().add(arrow());
            levels.getChildren().add(levelCard(l, lv));
        }
        levels.getChildren().add(arrow());
        levels.getChildren().add(resultCard(lv.get(lv.size() - 1), stop));
    }

    private static Label arrow() {
        Label a = new Label("→");
        a.getStyleClass().add(LEVEL_ARROW);
        a.setMinWidth(Label.USE_PREF_SIZE);
        return a;
    }

    private VBox levelCard(WalkLevels.Level l, List<WalkLevels.Level> all) {
        Label name = new Label(l.name() + (l.depth() == 0 ? " · root" : ""));
        name.getStyleClass().add(LEVEL_TITLE);
        Label origin = new Label(originWords(l));
        origin.getStyleClass().add(LEVEL_LINE);
        origin.setWrapText(true);
        Label entry = Values.label(null, LEVEL_ENTRY);
        Values.set(entry, "entry [" + l.index() + "]", String.valueOf(l.index()),
                "Each entry covers " + ByteSize.format(l.entrySpan())
                + (l.depth() == 0 ? "" : "; the table covers IOVA " + Hex.addr(l.tableBase()) + " + "
                        + ByteSize.format(l.tableSpan())));
        Label what = Values.label(null, LEVEL_LINE);
        what.setWrapText(true);
        if (l.leaf()) {
            Values.set(what, (l.leafSize() > 4096 ? "superpage: " : "leaf: ") + ByteSize.format(l.leafSize())
                    + " page at "
                    + Hex.addr(l.leafPhys()), Hex.addr(l.leafPhys()), "The leaf PTE: physical address, size and "
                    + WalkLevels.protWords(l.prot()));
        } else {
            WalkLevels.Level next = all.get(l.depth() + 1);
            Values.set(what, "points to the " + next.name() + " table", null, "A table entry: the next level's table");
        }
        VBox card = new VBox(2, name, entry, what, origin);
        if (l.leaf() && l.leafSize() > l.entrySpan()) {
            // AMD v1 stores a size between two levels as repeated PTEs (PAGE_SIZE_PTE_COUNT)
            long copies = l.leafSize() / l.entrySpan();
            long first = l.index() & -copies;
            Label repeated = new Label("stored as " + copies + " identical entries [" + first + "–" + (first
                    + copies - 1)
                    + "]: the low index bits pick a copy and are also part of the offset");
            repeated.getStyleClass().add(LEVEL_LINE);
            repeated.setWrapText(true);
            card.getChildren().add(repeated);
        }
        card.setId(PageWalkView.levelId(l.depth()));
        card.getStyleClass().addAll(LEVEL_CARD, "level-" + l.depth());
        if (l.origin() == WalkLevels.Origin.NEW) card.getStyleClass().add(NEW_TABLE);
        if (l.leaf()) card.getStyleClass().add(LEAF);
        card.getProperties().put(PageWalkView.LEVEL_KEY, l);
        card.setMinWidth(120);
        card.setPrefWidth(200);
        card.setMaxWidth(260);
        HBox.setHgrow(card, Priority.SOMETIMES);
        return card;
    }

    static String originWords(WalkLevels.Level l) {
        switch (l.origin()) {
            case ROOT:
                return "the domain's root table, there since the domain was created";
            case NEW:
                return "new table: this mapping allocated it";
            default:
                return "existing table: an earlier mapping allocated it";
        }
    }

    private VBox resultCard(WalkLevels.Level leaf, SegmentTrail.Stop stop) {
        Label t = new Label("physical address");
        t.getStyleClass().add(LEVEL_TITLE);
        Label v = Values.label(PageWalkView.WALK_RESULT_ID, LEVEL_ENTRY);
        Values.address(v, stop.target(), "leaf page + page offset");
        Label how = new Label(Hex.addr(leaf.leafPhys()) + " + " + Hex.addr(stop.target() - leaf.leafPhys()));
        how.getStyleClass().add(LEVEL_LINE);
        Label prot = new Label(WalkLevels.protWords(leaf.prot()));
        prot.getStyleClass().add(LEVEL_LINE);
        VBox card = new VBox(2, t, v, how, prot);
        card.getStyleClass().addAll(LEVEL_CARD, RESULT_CARD);
        card.setMinWidth(140);
        return card;
    }

    static String noWalkReason(SegmentTrail trail, SegmentTrail.Stop stop) {
        String mode = trail.mapping().request().iommuMode().words();
        long mask = trail.mapping().device().dmaMask();
        switch (trail.translation()) {
            case BUS_OFFSET:
                return "This segment is a PCI bus address (BUS_ADDR, SG_DMA_BUS_ADDRESS). The device's TLPs reach "
                        + "the provider's BAR "
                        + "without going through the IOMMU, so no I/O page table is read: the kernel only adds the "
                                + "bus offset (R-P2P-12).";
            case SWIOTLB: {
                boolean beyond = stop.input() >= 0 && Long.compareUnsigned(stop.phys() + stop.length() - 1, mask) > 0;
                return "No IOMMU translates for this device (" + mode
                        + "), so there is no I/O page table. swiotlb bounced this entry"
                        + (beyond ? ": it lies above the device's " + trail.mapping().device().maskBits()
                                + "-bit DMA mask ("
                        + Hex.addr(mask) + ")" : "") + ". The device uses the bounce buffer's address as it is.";
            }
            case RANGE_MAP:
                return "No IOMMU translates for this device (" + mode
                        + "), so there is no I/O page table. The host bridge's "
                        + "dma_range_map shifts the physical address by a fixed offset.";
            case UNSET:
                return "The kernel left this segment's DMA address unassigned, so there is nothing to walk.";
            case IOMMU:
            case IOMMU_BOUNCE:
                return "The mapping recorded no page-table entry for this segment.";
            default:
                return "No IOMMU translates for this device (" + mode
                        + "), so there is no I/O page table: the DMA address is the "
                        + "physical address itself.";
        }
    }
}
