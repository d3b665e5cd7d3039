package org.dmascope.model.designs;

import java.util.ArrayList;
import java.util.List;

import org.dmascope.model.mapping.DmaSegments;

/**
 * Question 1, the carriers that describe the buffer by physical ranges instead of pages: one entry per
 * physically contiguous run, cut where the length field is too small ({@link DesignInput#U32_CHUNK} for a
 * u32). Subclasses name the structure and its source.
 */
abstract class RangeCarrier implements DesignModel {
    @Override
    public final Question question() {
        return Question.CARRIER;
    }

    /** Bytes of one entry in the 64-bit layout. */
    abstract int bytesPerEntry();

    /** The largest length one entry holds; {@link Long#MAX_VALUE} for a size_t length. */
    abstract long maxLength();

    /** Whether the entry also holds the DMA side (dma_addr, dma_len), written in place like the scatterlist's. */
    boolean holdsDmaFields() {
        return false;
    }

    /** Figures only this design has. */
    void extraFigures(SplitRanges s, List<Figure> f) {
    }

    abstract Design describe(List<Figure> figures, EntryTable entries);

    @Override
    public final Design evaluate(DesignInput in) {
        SplitRanges s = in.split(maxLength());
        long segments = in.dmaSegments();
        List<Figure> f = new ArrayList<>();
        f.add(Figure.of("entries", "entries", s.entries()));
        f.add(Figure.of("chains", "chain entries", 0));
        f.add(Figure.of("bytesPerEntry", "bytes per entry", bytesPerEntry()));
        f.add(Figure.of("bytes", "bytes", s.entries() * bytesPerEntry()));
        f.add(Figure.of("pageArrayBytes", "page pointers filled first", 0));
        f.add(Figure.of("lengthSplits", "splits by the length limit", s.splits()));
        f.add(Figure.of("unusedFields", "unused fields", holdsDmaFields() ? 2 * Math.max(0, s.entries() - segments)
                : 0));
        extraFigures(s, f);
        return describe(f, table(s, in));
    }

    private EntryTable table(SplitRanges s, DesignInput in) {
        List<int[]> seg = holdsDmaFields() ? in.segmentIndex() : List.of();
        List<String> cols = new ArrayList<>(List.of("#", "kind", "phys", "len"));
        if (holdsDmaFields()) cols.addAll(List.of("dma_addr", "dma_len"));
        return EntryTable.of(cols, s.rows(), (row, col) -> switch (col) {
            case 0 -> Integer.toString(row);
            case 1 -> Layouts.kind(s.p2p(row));
            case 2 -> Layouts.hex(s.addr(row));
            case 3 -> Layouts.hex(s.len(row));
            case 4 -> row < seg.size() ? Layouts.hex(segment(in, seg.get(row)).address(seg.get(row)[1]))
                    : Layouts.UNUSED;
            default -> row < seg.size() ? Layouts.hex(segment(in, seg.get(row)).length(seg.get(row)[1]))
                    : Layouts.UNUSED;
        });
    }

    private static DmaSegments segment(DesignInput in, int[] partAndIndex) {
        return in.parts().get(partAndIndex[0]).segments();
    }
}
