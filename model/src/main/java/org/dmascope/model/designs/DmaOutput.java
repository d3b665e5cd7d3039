package org.dmascope.model.designs;

import java.util.ArrayList;
import java.util.List;

import org.dmascope.model.mapping.DmaSegments;
import org.dmascope.model.mapping.Mapping;

/**
 * Question 2, what the device is handed, common part: the engine's DMA segments (address, length,
 * flags) of every mapped part, read as entries of the design's output list.
 */
abstract class DmaOutput implements DesignModel {
    @Override
    public final Question question() {
        return Question.OUTPUT;
    }

    /** Figures every output design has: ranges, how many are bus addresses and IOVAs, whether they mix. */
    static void common(DesignInput in, List<Figure> f) {
        long bus = in.segmentsWith(DmaSegments.BUS);
        long iova = in.segmentsWith(DmaSegments.IOVA);
        f.add(Figure.of("dmaRanges", "DMA ranges", in.dmaSegments()));
        f.add(Figure.of("busAddressRanges", "with the bus-address flag", bus));
        f.add(Figure.of("iovaRanges", "IOVAs", iova));
        f.add(Figure.of("mixed", "IOVAs and bus addresses mixed", bus > 0 && bus < in.dmaSegments()));
    }

    static EntryTable segments(DesignInput in) {
        List<int[]> seg = in.segmentIndex();
        return EntryTable.of(List.of("#", "addr", "len", "flags"), seg.size(), (row, col) -> {
            Mapping m = in.parts().get(seg.get(row)[0]);
            int i = seg.get(row)[1];
            return switch (col) {
                case 0 -> Integer.toString(row);
                case 1 -> Layouts.hex(m.segments().address(i));
                case 2 -> Layouts.hex(m.segments().length(i));
                default -> String.join(" ", m.segments().flagNames(i));
            };
        });
    }

    static List<Figure> figures() {
        return new ArrayList<>();
    }
}
