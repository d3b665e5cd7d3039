package org.dmascope.model.mapping;

import java.util.Locale;
import java.util.Optional;

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

    public static Optional<MapApi> parse(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        for (MapApi a : values()) if (a.cli.equals(t)) return Optional.of(a);
        return Optional.empty();
    }
}
