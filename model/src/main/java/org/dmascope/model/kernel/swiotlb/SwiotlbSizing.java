package org.dmascope.model.kernel.swiotlb;

import org.dmascope.model.kernel.dma.KernelArith;
import org.dmascope.model.kernel.rule.KernelRule;

/**
 * R-TLB-1 sizing of the default pool (kernel/dma/swiotlb.c {@code swiotlb_adjust_nareas},
 * {@code round_up_default_nslabs}, {@code limit_nareas}): {@code nslabs} rounded up to a multiple of
 * {@code IO_TLB_SEGSIZE}; the area count is the CPU count rounded up to a power of two; with more than
 * one area the slab count is raised to a power of two and to at least one segment per area; an area
 * never has fewer than 128 slots.
 *
 * @param start      CPU physical address of the pool
 * @param nslabs     slots of {@value SwiotlbPool#IO_TLB_SIZE} bytes
 * @param nareas     areas (one lock each)
 * @param forceBounce {@code swiotlb=force} or a confidential-computing guest: every streaming map bounces
 */
@KernelRule("R-TLB-1")
public record SwiotlbSizing(long start, int nslabs, int nareas, boolean forceBounce) {
    /** {@code IO_TLB_DEFAULT_SIZE}: 64 MiB. */
    public static final long IO_TLB_DEFAULT_SIZE = 64L << 20;

    public SwiotlbSizing {
        if (nslabs <= 0 || nareas <= 0 || nslabs % nareas != 0) {
            throw new IllegalArgumentException("swiotlb needs a positive slab count divisible by the area count");
        }
    }

    /** The area size in slots. */
    public int areaNslabs() {
        return nslabs / nareas;
    }

    /** Pool size in bytes. */
    public long bytes() {
        return (long) nslabs << SwiotlbPool.IO_TLB_SHIFT;
    }

    /**
     * Sizes a pool the way boot does for {@code bytes} of bounce buffer and {@code cpus} possible CPUs.
     */
    public static SwiotlbSizing of(long start, long bytes, int cpus, boolean forceBounce) {
        long nslabs = KernelArith.alignUp(bytes >>> SwiotlbPool.IO_TLB_SHIFT, SwiotlbPool.IO_TLB_SEGSIZE);
        int nareas = cpus <= 1 ? 1 : (int) KernelArith.roundupPowOfTwo(cpus);
        if (nareas > 1) {
            if (nslabs < (long) SwiotlbPool.IO_TLB_SEGSIZE * nareas) {
                nslabs = (long) SwiotlbPool.IO_TLB_SEGSIZE * nareas;
            }
            if (!KernelArith.isPowerOfTwo(nslabs)) nslabs = KernelArith.roundupPowOfTwo(nslabs);
        }
        // limit_nareas(): never an area smaller than one segment
        if (nslabs < (long) nareas * SwiotlbPool.IO_TLB_SEGSIZE) nareas = (int) (nslabs / SwiotlbPool.IO_TLB_SEGSIZE);
        if (nslabs > Integer.MAX_VALUE) throw new IllegalArgumentException("swiotlb pool too large to model");
        return new SwiotlbSizing(start, (int) nslabs, nareas, forceBounce);
    }
}
