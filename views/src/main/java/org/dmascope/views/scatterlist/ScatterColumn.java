package org.dmascope.views.scatterlist;

import org.dmascope.model.mapping.DmaSegments;
import org.dmascope.model.mapping.InputEntries;
import org.dmascope.model.util.ByteSize;
import org.dmascope.model.util.Hex;

/**
 * The columns of the scatter list, shared by the table and by copy as text or CSV so that both say
 * the same. Output columns are filled on the first row of a group only: the rows below it are the
 * inputs merged into the same segment.
 */
enum ScatterColumn {
    SEGMENT(Side.GROUP, "segment", "segment", "segment") {
        @Override
        String text(ScatterListRows rows, int row) {
            int s = rows.segmentOf(row);
            if (!rows.firstOfGroup(row)) return "";
            return s < 0 ? "none" : String.valueOf(s);
        }

        @Override
        String csv(ScatterListRows rows, int row) {
            int s = rows.segmentOf(row);
            return s < 0 ? "" : String.valueOf(s);
        }
    },
    INPUT(Side.INPUT, "#", "entry", "input") {
        @Override
        String text(ScatterListRows rows, int row) {
            int i = rows.inputOf(row);
            return i < 0 ? "" : String.valueOf(i);
        }
    },
    PHYS(Side.INPUT, "phys address", "phys address", "phys_address") {
        @Override
        String text(ScatterListRows rows, int row) {
            int i = rows.inputOf(row);
            return i < 0 ? "" : Hex.addr(inputs(rows).phys(i));
        }
    },
    OFFSET(Side.INPUT, "offset", "offset", "offset") {
        @Override
        String text(ScatterListRows rows, int row) {
            int i = rows.inputOf(row);
            return i < 0 ? "" : Hex.addr(inputs(rows).phys(i) & (PAGE_SIZE - 1));
        }
    },
    LENGTH(Side.INPUT, "length", "length", "length") {
        @Override
        String text(ScatterListRows rows, int row) {
            int i = rows.inputOf(row);
            return i < 0 ? "" : ByteSize.format(inputs(rows).length(i));
        }

        @Override
        String csv(ScatterListRows rows, int row) {
            int i = rows.inputOf(row);
            return i < 0 ? "" : Long.toUnsignedString(inputs(rows).length(i));
        }
    },
    MEMORY(Side.INPUT, "memory", "memory", "memory") {
        @Override
        String text(ScatterListRows rows, int row) {
            int i = rows.inputOf(row);
            return i < 0 ? "" : inputs(rows).p2p(i) ? "P2P" : "RAM";
        }
    },
    DMA_ADDRESS(Side.OUTPUT, "DMA address", "dma address", "dma_address") {
        @Override
        String text(ScatterListRows rows, int row) {
            int s = outputSegment(rows, row);
            if (s < 0) return "";
            return segments(rows).has(s, DmaSegments.UNSET) ? "unset" : Hex.addr(segments(rows).address(s));
        }
    },
    DMA_LENGTH(Side.OUTPUT, "DMA length", "dma length", "dma_length") {
        @Override
        String text(ScatterListRows rows, int row) {
            int s = outputSegment(rows, row);
            return s < 0 ? "" : ByteSize.format(segments(rows).length(s));
        }

        @Override
        String csv(ScatterListRows rows, int row) {
            int s = outputSegment(rows, row);
            return s < 0 ? "" : Long.toUnsignedString(segments(rows).length(s));
        }
    },
    FLAGS(Side.OUTPUT, "flags", "flags", "flags") {
        @Override
        String text(ScatterListRows rows, int row) {
            int s = outputSegment(rows, row);
            return s < 0 ? "" : String.join(" ", segments(rows).flagNames(s));
        }
    },
    FORMED_FROM(Side.OUTPUT, "formed from", "formed from", "inputs") {
        @Override
        String text(ScatterListRows rows, int row) {
            int s = outputSegment(rows, row);
            if (s < 0) return "";
            DmaSegments seg = segments(rows);
            int first = seg.firstInput(s);
            int n = seg.inputCount(s);
            return n == 1 ? "entry " + first : n + " entries: " + first + "–" + (first + n - 1);
        }

        @Override
        String csv(ScatterListRows rows, int row) {
            int s = outputSegment(rows, row);
            return s < 0 ? "" : String.valueOf(segments(rows).inputCount(s));
        }
    };

    /** Which half of the table a column belongs to. */
    enum Side {
        GROUP, INPUT, OUTPUT
    }

    static final long PAGE_SIZE = 4096;

    private final Side side;
    private final String header;
    private final String textHeader;
    private final String csvHeader;

    ScatterColumn(Side side, String header, String textHeader, String csvHeader) {
        this.side = side;
        this.header = header;
        this.textHeader = textHeader;
        this.csvHeader = csvHeader;
    }

    Side side() {
        return side;
    }

    String header() {
        return header;
    }

    String textHeader() {
        return textHeader;
    }

    String csvHeader() {
        return csvHeader;
    }

    /** The node id of the column, e.g. {@code scatter-column-dma-address}. */
    String id() {
        return "scatter-column-" + name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** What the table shows in this column for {@code row}. */
    abstract String text(ScatterListRows rows, int row);

    /** The CSV field: plain numbers for lengths, the segment on every row. */
    String csv(ScatterListRows rows, int row) {
        return text(rows, row);
    }

    /** The segment whose output fields the row shows: only the first row of a group shows them. */
    static int outputSegment(ScatterListRows rows, int row) {
        return rows.firstOfGroup(row) ? rows.segmentOf(row) : -1;
    }

    static InputEntries inputs(ScatterListRows rows) {
        return rows.mapping().inputs();
    }

    static DmaSegments segments(ScatterListRows rows) {
        return rows.mapping().segments();
    }
}
