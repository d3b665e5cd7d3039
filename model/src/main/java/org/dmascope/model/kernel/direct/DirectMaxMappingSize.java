package org.dmascope.model.kernel.direct;

import org.dmascope.model.kernel.dma.DeviceDma;
import org.dmascope.model.kernel.dma.KernelArith;
import org.dmascope.model.kernel.rule.KernelRule;
import org.dmascope.model.kernel.swiotlb.SwiotlbContext;
import org.dmascope.model.kernel.swiotlb.SwiotlbMaxMappingSize;

/**
 * R-DIR-5 {@code dma_direct_max_mapping_size(dev)} (kernel/dma/direct.c): the swiotlb limit (R-TLB-3)
 * when swiotlb is active and the device is addressing-limited or always bounces, else no limit
 * ({@code SIZE_MAX}, here -1). {@code DmaApi.maxMappingSize} ({@code dma_max_mapping_size}) dispatches
 * to it for dma-direct.
 */
@KernelRule("R-DIR-5")
public final class DirectMaxMappingSize {
    private DirectMaxMappingSize() {
    }

    public static long of(DeviceDma dev, SwiotlbContext tlb, long topOfRam) {
        if (tlb.active() && (addressingLimited(dev,
                topOfRam) || tlb.forceBounce())) return SwiotlbMaxMappingSize.of(dev);
        return -1L;
    }

    /** {@code dma_addressing_limited(dev)}: the mask cannot reach all of RAM. */
    public static boolean addressingLimited(DeviceDma dev, long topOfRam) {
        return Long.compareUnsigned(KernelArith.minNotZero(dev.dmaMask(), dev.busDmaLimit()), topOfRam - 1) < 0;
    }
}
