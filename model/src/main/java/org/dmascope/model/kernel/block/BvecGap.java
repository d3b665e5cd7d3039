package org.dmascope.model.kernel.block;

import org.dmascope.model.kernel.rule.KernelRule;

/**
 * R-BLK-3 {@code bvec_gap_to_prev(lim, bprv, offset)} (block/blk.h): with a virt boundary, a vector
 * that starts off the boundary, or follows one that does not end on it, leaves a gap the device
 * cannot describe; the bio must be split there.
 */
@KernelRule("R-BLK-3")
public final class BvecGap {
    private BvecGap() {
    }

    public static boolean gapToPrev(QueueLimits lim, long prevOffset, long prevLen, long offset) {
        long vb = lim.virtBoundaryMask();
        if (vb == 0) return false;
        return (offset & vb) != 0 || ((prevOffset + prevLen) & vb) != 0;
    }
}
