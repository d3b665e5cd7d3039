package org.dmascope.model.kernel.dma;

/**
 * Part of R-DIR-3: {@code dma_kmalloc_needs_bounce(dev, size, dir)} (include/linux/dma-map-ops.h).
 * Only architectures with {@code CONFIG_DMA_BOUNCE_UNALIGNED_KMALLOC} (arm64) bounce, and only for a
 * non-coherent device, a direction other than {@code DMA_TO_DEVICE}, and a size that a kmalloc bucket
 * might share with other data: below {@code 2 * ARCH_DMA_MINALIGN} (2 × 128) and not in a
 * cache-line-aligned bucket.
 */
public final class KmallocBounce {
    /** arm64 {@code ARCH_DMA_MINALIGN}. */
    static final int ARCH_DMA_MINALIGN = 128;
    private static final int[] KMALLOC_BUCKETS = {8, 16, 32, 64, 96, 128, 192, 256};

    private KmallocBounce() {
    }

    public static boolean needsBounce(boolean archBouncesUnalignedKmalloc, DeviceDma dev, long size, DmaDirection dir) {
        boolean safe = !archBouncesUnalignedKmalloc || dev.coherent() || dir == DmaDirection.TO_DEVICE;
        return !safe && !sizeAligned(size);
    }

    /** {@code dma_kmalloc_size_aligned(size)}. */
    static boolean sizeAligned(long size) {
        if (size >= 2L * ARCH_DMA_MINALIGN) return true;
        for (int b : KMALLOC_BUCKETS) if (b >= size) return b % ARCH_DMA_MINALIGN == 0;
        return true;
    }
}
