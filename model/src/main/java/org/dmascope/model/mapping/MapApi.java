package org.dmascope.model.mapping;

import java.util.Locale;
import java.util.Optional;

import org.dmascope.model.kernel.profile.KernelFeature;

/** Which DMA API a driver uses to map the buffer. */
public enum MapApi {
    /** {@code dma_map_sgtable()} on a scatterlist built from the pinned pages. */
    SG("sg", "dma_map_sg"),
    /** {@code dma_map_phys()} once per physical range. */
    PHYS("phys", "dma_map_phys"),
    /** A block request: {@code blk_rq_dma_map_iter} (v6.17+) or {@code blk_rq_map_sg} + {@code dma_map_sg}. */
    BLOCK("block", "block request"),
    /** The two-step IOVA API: {@code dma_iova_try_alloc} + {@code dma_iova_link} + {@code dma_iova_sync}. */
    IOVA("iova", "dma_iova_link");

    private final String cli;
    private final String kernelName;

    MapApi(String cli, String kernelName) {
        this.cli = cli;
        this.kernelName = kernelName;
    }

    public String cli() {
        return cli;
    }

    public String kernelName() {
        return kernelName;
    }

    /**
     * The kernel feature this API needs with that block path, if it is one that arrived within the profiles: the
     * two-step IOVA API (6.16), {@code dma_map_phys} (6.18), the block DMA iterator (6.17). A block request under
     * {@link BlockPath#AUTO} or {@link BlockPath#MAP_SG} needs nothing: {@code blk_rq_map_sg} is in every profile.
     */
    public Optional<KernelFeature> requiredFeature(BlockPath blockPath) {
        return switch (this) {
            case IOVA -> Optional.of(KernelFeature.IOVA_API);
            case PHYS -> Optional.of(KernelFeature.MAP_PHYS);
            case BLOCK -> blockPath == BlockPath.DMA_ITER ? Optional.of(KernelFeature.BLOCK_DMA_ITER)
                    : Optional.empty();
            default -> Optional.empty();
        };
    }

    public static Optional<MapApi> parse(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        for (MapApi a : values()) if (a.cli.equals(t)) return Optional.of(a);
        return Optional.empty();
    }
}
