package org.dmascope.model.kernel.swiotlb;

/**
 * What a mapping call knows about bounce buffering for its device: the pool ({@code dev->dma_io_tlb_mem},
 * null when swiotlb is not active), whether every map must bounce ({@code is_swiotlb_force_bounce}),
 * the CPU doing the mapping (it picks the first area), and whether the architecture bounces unaligned
 * kmalloc buffers for non-coherent devices ({@code CONFIG_DMA_BOUNCE_UNALIGNED_KMALLOC}, arm64).
 */
public record SwiotlbContext(SwiotlbPool pool, boolean forceBounce, int cpu, boolean archBouncesUnalignedKmalloc) {
    /** No swiotlb at all. */
    public static final SwiotlbContext NONE = new SwiotlbContext(null, false, 0, false);

    /** {@code is_swiotlb_active(dev)}. */
    public boolean active() {
        return pool != null;
    }
}
