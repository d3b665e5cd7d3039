package org.dmascope.model.kernel.direct;

import org.dmascope.model.kernel.dma.DeviceDma;
import org.dmascope.model.kernel.dma.KernelArith;
import org.dmascope.model.kernel.dma.PhysToDma;
import org.dmascope.model.kernel.rule.KernelRule;

/**
 * R-DIR-7 {@code dma_direct_supported(dev, mask)} (kernel/dma/direct.c): a mask of 32 bits or more is
 * always accepted (swiotlb or ZONE_DMA32 can serve it); a smaller mask must reach the lowest zone
 * limit, {@code min(top of RAM, zone_dma_limit)} (24 bits on x86, {@code DMA_BIT_MASK(24)}).
 */
@KernelRule("R-DIR-7")
public final class DirectSupported {
    /** x86 {@code zone_dma_limit}: 16 MiB. */
    public static final long X86_ZONE_DMA_LIMIT = KernelArith.dmaBitMask(24);

    private DirectSupported() {
    }

    /**
     * @param lastRamByte highest CPU physical address of RAM ({@code memblock_end_of_DRAM() - 1})
     */
    public static boolean supported(DeviceDma dev, long mask, long lastRamByte, long zoneDmaLimit) {
        if (Long.compareUnsigned(mask, KernelArith.dmaBitMask(32)) >= 0) return true;
        long minMask = KernelArith.minU(lastRamByte, zoneDmaLimit);
        return Long.compareUnsigned(mask, PhysToDma.translate(dev.rangeMap(), minMask)) >= 0;
    }
}
