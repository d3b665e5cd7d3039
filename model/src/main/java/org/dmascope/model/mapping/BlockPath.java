package org.dmascope.model.mapping;

/** How a block request reaches the DMA API. */
public enum BlockPath {
    /** The DMA iterator for NVMe on v6.17+, else {@code blk_rq_map_sg}. */
    AUTO,
    /** {@code blk_rq_dma_map_iter_start/next} (R-BLK-7, v6.17+). */
    DMA_ITER,
    /** {@code blk_rq_map_sg} then {@code dma_map_sg} (R-BLK-6). */
    MAP_SG
}
