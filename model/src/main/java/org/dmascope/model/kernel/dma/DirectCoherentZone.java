package org.dmascope.model.kernel.dma;

/**
 * R-DIR-8 which zone {@code dma_direct_alloc()} takes coherent memory from
 * ({@code dma_direct_optimal_gfp_mask} in kernel/dma/direct.c): from
 * {@code min_not_zero(coherent_dma_mask, bus_dma_limit)} translated to a physical limit, at or below
 * {@code zone_dma_limit} → {@code GFP_DMA}, at or below 4 GiB → {@code GFP_DMA32}, else any zone.
 */
public final class DirectCoherentZone {
    public enum Zone { ZONE_DMA, ZONE_DMA32, ZONE_NORMAL }

    private DirectCoherentZone() {
    }

    public static Zone of(DeviceDma dev, long zoneDmaLimit) {
        long limit = PhysToDma.reverse(dev.rangeMap(), KernelArith.minNotZero(dev.coherentDmaMask(), dev.busDmaLimit()));
        if (Long.compareUnsigned(limit, zoneDmaLimit) <= 0) return Zone.ZONE_DMA;
        if (Long.compareUnsigned(limit, KernelArith.dmaBitMask(32)) <= 0) return Zone.ZONE_DMA32;
        return Zone.ZONE_NORMAL;
    }
}
