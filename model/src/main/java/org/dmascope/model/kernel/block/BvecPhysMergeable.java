package org.dmascope.model.kernel.block;

import org.dmascope.model.kernel.rule.KernelRule;

/**
 * R-BLK-5 {@code biovec_phys_mergeable(q, vec1, vec2)} (block/blk.h): the second vector starts where
 * the first ends and both lie inside one {@code seg_boundary_mask + 1} window.
 */
@KernelRule("R-BLK-5")
public final class BvecPhysMergeable {
    private BvecPhysMergeable() {
    }

    public static boolean mergeable(QueueLimits lim, long addr1, long len1, long addr2, long len2) {
        long mask = lim.segBoundaryMask();
        if (addr1 + len1 != addr2) return false;
        return (addr1 | mask) == ((addr2 + len2 - 1) | mask);
    }
}
