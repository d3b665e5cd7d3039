package org.dmascope.views.pagewalk;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.dmascope.model.kernel.pagetable.PageTableChanges;
import org.dmascope.model.mapping.Mapping;
import org.dmascope.model.util.ByteSize;
import org.dmascope.model.util.Hex;
import org.dmascope.views.export.Sheet;
import org.dmascope.views.export.Sheet.Box;
import org.dmascope.views.export.Sheet.Cell;
import org.dmascope.views.export.Sheet.Tone;

/**
 * The page walk of one DMA segment as a picture's sheet, from the same trail as the tab
 * ({@link SegmentTrail}, {@link WalkLevels}, {@link IovaBits}): the address spaces from the buffer
 * through the physical page to the address the device uses, then for an IOVA its bit fields and the
 * tables the IOMMU reads down to the leaf, or why there is no walk.
 */
public final class PageWalkSheet {
    private PageWalkSheet() {
    }

    /**
     * @param segment the DMA segment, 0-based
     * @param page    the page (or entry) of the segment, 0-based, clamped to the segment's
     * @throws IllegalArgumentException when the mapping has no such segment
     */
    public static Sheet of(Mapping m, int segment, int page) {
        SegmentTrail trail = SegmentTrail.of(m, segment);
        if (trail == null) {
            throw new IllegalArgumentException(m.segments().count() == 0
                    ? "the mapping has no DMA segment to walk" + (m.verdict().isOk() ? "" : " (" + m.verdict().code()
                            + ")")
                    : "segment " + segment + " does not exist: the mapping has " + m.segments().count()
                            + " (0 to " + (m.segments().count() - 1) + ")");
        }
        int k = Math.max(0, Math.min(page, trail.stopCount() - 1));
        SegmentTrail.Stop st = trail.stop(k);
        String what = m.request().buffer().spec() + " for " + m.request().initiator();
        Sheet.Builder b = Sheet.builder("Page walk of " + what).heading("Page walk · " + what);
        String flags = String.join(" ", m.segments().flagNames(segment));
        b.paragraph("Segment " + segment + " of " + m.segments().count() + ": " + Hex.addr(trail.dmaAddress())
                + " + " + ByteSize.format(trail.dmaLength()) + (flags.isEmpty() ? "" : " [" + flags + "]") + "; "
                + (trail.translated() ? "page " : "entry ") + (k + 1) + " of " + trail.stopCount() + ".");
        b.add(spaces(trail, st));
        PageTableChanges pt = m.pageTable();
        if (!trail.translated() || st.leaf() < 0 || pt.geometry() == null) {
            b.heading("No page walk for this segment").paragraph(WalkPane.noWalkReason(trail, st));
            return b.build();
        }
        List<WalkLevels.Level> levels = WalkLevels.of(pt, st.leaf());
        b.heading("How the IOMMU finds the page: the IOVA's bits index " + levels.size()
                + (levels.size() == 1 ? " table" : " tables") + ", the rest is the offset into the "
                + ByteSize.format(pt.leafSize(st.leaf())) + " page");
        b.note(pt.geometry().describe());
        b.add(bits(IovaBits.split(pt.geometry(), st.dma(), levels.size() - 1), st.dma()));
        b.add(walk(levels, st));
        return b.build();
    }

    private static Sheet.Chain spaces(SegmentTrail trail, SegmentTrail.Stop st) {
        Box virtual = new Box("CPU virtual", List.of(st.bufferOffset() < 0 ? Cell.of("(no buffer byte)")
                : Cell.mono(Hex.addr(trail.illustrativeVirtual(st.bufferOffset()))), Cell.of(st.bufferOffset() < 0
                ? "" : "buf + " + Hex.addr(st.bufferOffset())).in(Tone.HEADER)), Tone.PLAIN);
        Box physical = new Box("CPU physical", List.of(Cell.mono(Hex.addr(st.phys())), Cell.of(ByteSize.format(
                st.length()) + (st.input() >= 0 ? ", input entry " + st.input() : "")).in(Tone.HEADER)), Tone.PLAIN);
        List<Box> boxes = new ArrayList<>(List.of(virtual, physical));
        List<String> links = new ArrayList<>(List.of("pinned page"));
        if (st.bounce() != null) {
            boxes.add(new Box("bounce buffer", List.of(Cell.mono(Hex.addr(st.target())), Cell.of("swiotlb slot")
                    .in(Tone.HEADER)), Tone.BOUNCE));
            links.add("the CPU copies the data (swiotlb)");
        }
        Tone dmaTone = trail.translation() == SegmentTrail.Translation.BUS_OFFSET ? Tone.PEER : Tone.PLAIN;
        boxes.add(new Box(dmaTitle(trail.translation()), List.of(Cell.mono(Hex.addr(st.dma())), Cell.of(
                "the address the device uses").in(Tone.HEADER)), dmaTone));
        links.add(translationWords(trail.translation()));
        return new Sheet.Chain(boxes, links);
    }

    private static String dmaTitle(SegmentTrail.Translation t) {
        return switch (t) {
            case IOMMU, IOMMU_BOUNCE -> "IOVA";
            case BUS_OFFSET -> "PCI bus address (P2P)";
            default -> "DMA address";
        };
    }

    private static String translationWords(SegmentTrail.Translation t) {
        return switch (t) {
            case IOMMU -> "the IOMMU translates through the I/O page table";
            case IOMMU_BOUNCE -> "the IOMMU translates to the bounce buffer";
            case BUS_OFFSET -> "CPU physical + the provider's bus offset (R-P2P-12)";
            case SWIOTLB -> "dma-direct: the bounce buffer's address";
            case RANGE_MAP -> "dma-direct through the host bridge's dma_range_map";
            case UNSET -> "left unassigned";
            default -> "identity: DMA address = CPU physical";
        };
    }

    private static Sheet.Table bits(List<IovaBits.Field> fields, long iova) {
        List<Cell> headers = new ArrayList<>();
        List<Cell> binary = new ArrayList<>();
        List<Cell> values = new ArrayList<>();
        for (IovaBits.Field f : fields) {
            headers.add(Cell.of(f.name() + " · " + (f.width() == 1 ? "bit " + f.lo() : "bits " + f.hi() + "–"
                    + f.lo())));
            Tone tone = f.kind() == IovaBits.Kind.INDEX ? Tone.PEER : f.kind() == IovaBits.Kind.OFFSET ? Tone.HOST
                    : Tone.SELF;
            binary.add(new Cell(f.binary(), tone, true));
            values.add(new Cell(switch (f.kind()) {
                case INDEX -> "[" + f.value() + "]";
                case OFFSET -> "+" + Hex.addr(f.value());
                default -> f.value() == 0 ? "0" : Hex.addr(f.value());
            }, tone, true));
        }
        headers.add(0, Cell.of("IOVA"));
        binary.add(0, Cell.mono(WalkPane.grouped(iova)));
        values.add(0, Cell.of("value"));
        return new Sheet.Table(headers, List.of(binary, values), true);
    }

    private static Sheet.Chain walk(List<WalkLevels.Level> levels, SegmentTrail.Stop st) {
        List<Box> boxes = new ArrayList<>();
        List<String> links = new ArrayList<>();
        for (WalkLevels.Level l : levels) {
            List<Cell> lines = new ArrayList<>();
            lines.add(Cell.mono("entry [" + l.index() + "]"));
            lines.add(Cell.of(l.leaf() ? (l.leafSize() > 4096 ? "superpage " : "leaf ") + ByteSize.format(
                    l.leafSize()) + " at " + Hex.addr(l.leafPhys()) : "points to the next table"));
            lines.add(Cell.of(switch (l.origin()) {
                case ROOT -> "root table";
                case NEW -> "new table (this mapping)";
                default -> "existing table";
            }).in(Tone.HEADER));
            if (!boxes.isEmpty()) links.add("");
            boxes.add(new Box(l.name() + (l.depth() == 0 ? " · root" : ""), lines,
                    l.origin() == WalkLevels.Origin.NEW ? Tone.NEW : Tone.PLAIN));
        }
        WalkLevels.Level leaf = levels.get(levels.size() - 1);
        links.add("+ offset");
        boxes.add(new Box("physical address", List.of(Cell.mono(Hex.addr(st.target())), Cell.of(Hex.addr(
                leaf.leafPhys()) + " + " + Hex.addr(st.target() - leaf.leafPhys())), Cell.of(WalkLevels.protWords(
                leaf.prot()).toLowerCase(Locale.ROOT)).in(Tone.HEADER)), Tone.PLAIN));
        return new Sheet.Chain(boxes, links);
    }
}
