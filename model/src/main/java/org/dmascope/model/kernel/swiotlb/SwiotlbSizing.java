package org.dmascope.model.kernel.swiotlb;

import java.util.OptionalInt;

import org.dmascope.model.kernel.dma.KernelArith;
import org.dmascope.model.kernel.rule.KernelRule;

/**
 * R-TLB-1 sizing of the default pool (kernel/dma/swiotlb.c {@code swiotlb_adjust_nareas},
 * {@code round_up_default_nslabs}, {@code limit_nareas}; v6.19): {@code nslabs} rounded up to a multiple of
 * {@code IO_TLB_SEGSIZE}; the area count is {@code swiotlb=N,A}'s or the CPU count, rounded up to a power
 * of two; whenever areas exist (v6.0+, even a single one: {@code default_nareas} is then 1, not 0) the slab
 * count is raised to at least one segment per area and to a power of two (research notes TLB-3 … TLB-7);
 * an area never has fewer than 128 slots. A pool size the topology reports is the kernel's result and is
 * not rounded again ({@link #of}).
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
     * Sizes the pool boot sets up from {@code nslabs} asked for (the default 32768 or {@code swiotlb=N}),
     * the areas asked for ({@code swiotlb=N,A}, else one per possible CPU) on a kernel with areas (v6.0+),
     * or one pool-wide index before.
     */
    public static SwiotlbSizing atBoot(long start, long nslabs, OptionalInt nareasAsked, int cpus,
            boolean areas, boolean forceBounce) {
        long slabs = KernelArith.alignUp(Math.max(nslabs, 1), SwiotlbPool.IO_TLB_SEGSIZE);
        int nareas = 1;
        if (areas) {
            nareas = nareasAsked.orElse(cpus <= 1 ? 1 : (int) KernelArith.roundupPowOfTwo(cpus));
            if (slabs < (long) SwiotlbPool.IO_TLB_SEGSIZE * nareas) {
                slabs = KernelArith.roundupPowOfTwo((long) SwiotlbPool.IO_TLB_SEGSIZE * nareas);
            } else if (!KernelArith.isPowerOfTwo(slabs)) {
                slabs = KernelArith.roundupPowOfTwo(slabs);
            }
            if (slabs < (long) nareas * SwiotlbPool.IO_TLB_SEGSIZE) nareas = (int) (slabs / SwiotlbPool.IO_TLB_SEGSIZE);
        }
        if (slabs > Integer.MAX_VALUE) throw new IllegalArgumentException("swiotlb pool too large to model");
        return new SwiotlbSizing(start, (int) slabs, nareas, forceBounce);
    }

    /**
     * Sizes a pool of {@code bytes} (one the topology reports) for {@code cpus} possible CPUs.
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
