package org.dmascope.model.kernel.block;

import org.dmascope.model.kernel.rule.KernelRule;

/**
 * R-BLK-2 {@code get_max_segment_size(lim, paddr, len)} (block/blk-merge.c): a segment ends at the
 * next segment boundary and is no longer than the max segment size:
 * {@code min(len, min(mask - (mask & paddr), max_segment_size - 1) + 1)}.
 */
@KernelRule("R-BLK-2")
public final class MaxSegmentSize {
    private MaxSegmentSize() {
    }

    public static long of(QueueLimits lim, long paddr, long len) {
        long mask = lim.segBoundaryMask();
        long toBoundary = mask - (mask & paddr);
        long m = Long.compareUnsigned(toBoundary, lim.maxSegmentSize() - 1) < 0 ? toBoundary : lim.maxSegmentSize() - 1;
        return Long.compareUnsigned(len, m + 1) < 0 ? len : m + 1;
    }
}
