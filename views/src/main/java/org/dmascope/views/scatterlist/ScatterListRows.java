package org.dmascope.views.scatterlist;

import java.util.Arrays;

import org.dmascope.model.mapping.DmaSegments;
import org.dmascope.model.mapping.InputEntries;
import org.dmascope.model.mapping.Mapping;

/**
 * The table's rows as indices, never as objects: one row per input entry, grouped under the output
 * segment the entries formed ({@link DmaSegments#firstInput}/{@link DmaSegments#inputCount}). A group
 * is a run of rows; inputs no segment claims (a failed mapping has no segments) form runs of their
 * own with segment -1. A quarter of a million rows cost a few int arrays sized by the segment count.
 */
final class ScatterListRows {
    static final ScatterListRows EMPTY = new ScatterListRows(null, new int[0], new int[0], new int[0], new int[0],
            new int[1], new int[0]);

    private final Mapping mapping;
    /** Per run: its segment (-1 = inputs no segment claims), first input, inputs, rows (at least one), first row. */
    private final int[] runSegment;
    private final int[] runFirstInput;
    private final int[] runInputs;
    private final int[] runRows;
    private final int[] runRowStart;
    /** Per segment: its run. */
    private final int[] segmentRun;
    /** The run found last; a single int, so a racing reader sees some valid run index and checks its bounds. */
    private int lastRun;

    private ScatterListRows(Mapping mapping, int[] runSegment, int[] runFirstInput, int[] runInputs, int[] runRows,
            int[] runRowStart,
                            int[] segmentRun) {
        this.mapping = mapping;
        this.runSegment = runSegment;
        this.runFirstInput = runFirstInput;
        this.runInputs = runInputs;
        this.runRows = runRows;
        this.runRowStart = runRowStart;
        this.segmentRun = segmentRun;
    }

    static ScatterListRows of(Mapping m) {
        if (m == null) return EMPTY;
        InputEntries in = m.inputs();
        DmaSegments seg = m.segments();
        int n = seg.count();
        int cap = 2 * n + 1;
        int[] rs = new int[cap];
        int[] rf = new int[cap];
        int[] ri = new int[cap];
        int[] rr = new int[cap];
        int[] segRun = new int[n];
        int runs = 0;
        int nextInput = 0;
        for (int s = 0; s < n; s++) {
            int first = seg.firstInput(s);
            if (first > nextInput && nextInput < in.count()) {
                rs[runs] = -1;
                rf[runs] = nextInput;
                ri[runs] = Math.min(first, in.count()) - nextInput;
                rr[runs] = ri[runs];
                runs++;
            }
            segRun[s] = runs;
            rs[runs] = s;
            rf[runs] = first;
            ri[runs] = Math.max(0, Math.min(seg.inputCount(s), in.count() - first));
            rr[runs] = Math.max(1, ri[runs]);
            runs++;
            nextInput = Math.max(nextInput, first + seg.inputCount(s));
        }
        if (nextInput < in.count()) {
            rs[runs] = -1;
            rf[runs] = nextInput;
            ri[runs] = in.count() - nextInput;
            rr[runs] = ri[runs];
            runs++;
        }
        int[] start = new int[runs + 1];
        for (int r = 0; r < runs; r++) start[r + 1] = start[r] + rr[r];
        return new ScatterListRows(m, Arrays.copyOf(rs, runs), Arrays.copyOf(rf, runs), Arrays.copyOf(ri, runs),
                Arrays.copyOf(rr, runs),
                start, segRun);
    }

    /** The mapping shown; null for none. */
    Mapping mapping() {
        return mapping;
    }

    int rowCount() {
        return runRowStart[runSegment.length];
    }

    int segmentCount() {
        return segmentRun.length;
    }

    /** The run holding {@code row}. */
    int runOf(int row) {
        // cells and copies ask about the same row, or the next one, many times in a row
        int last = lastRun;
        if (last >= 0 && last < runSegment.length && row >= runRowStart[last] && row < runRowStart[last
                + 1]) return last;
        if (last >= 0 && last + 1 < runSegment.length && row >= runRowStart[last + 1] && row < runRowStart[last
                + 2]) return lastRun = last + 1;
        int i = Arrays.binarySearch(runRowStart, 0, runSegment.length, row);
        return lastRun = i >= 0 ? i : -i - 2;
    }

    /** The output segment the row's input went into; -1 for none. */
    int segmentOf(int row) {
        return runSegment[runOf(row)];
    }

    /** The row's input entry; -1 when a segment names no input the list has. */
    int inputOf(int row) {
        int run = runOf(row);
        int k = row - runRowStart[run];
        return k < runInputs[run] && runFirstInput[run] >= 0 ? runFirstInput[run] + k : -1;
    }

    boolean firstOfGroup(int row) {
        return runRowStart[runOf(row)] == row;
    }

    boolean lastOfGroup(int row) {
        int run = runOf(row);
        return runRowStart[run + 1] - 1 == row;
    }

    /** Rows in the row's group. */
    int groupSize(int row) {
        return runRows[runOf(row)];
    }

    /** Alternating band of the row's group, so neighbouring groups differ. */
    boolean oddBand(int row) {
        int s = segmentOf(row);
        return s >= 0 && (s & 1) == 1;
    }

    /** First row of {@code segment}'s group, or -1. */
    int firstRowOf(int segment) {
        return segment < 0 || segment >= segmentRun.length ? -1 : runRowStart[segmentRun[segment]];
    }

    /** Last row of {@code segment}'s group, or -1. */
    int lastRowOf(int segment) {
        return segment < 0 || segment >= segmentRun.length ? -1 : runRowStart[segmentRun[segment] + 1] - 1;
    }

    /** Segments formed from more than one input. */
    int mergedSegments() {
        int n = 0;
        DmaSegments seg = mapping == null ? null : mapping.segments();
        for (int s = 0; s < segmentRun.length; s++) if (seg.inputCount(s) > 1) n++;
        return n;
    }
}
