package org.dmascope.model.mapping;

/**
 * What describing the buffer costs in each representation (kernel-dma-rules.md section 5): an array
 * of page pointers, a scatterlist (32-byte entries including chain entries, SG-5), physical ranges
 * ("phyr", 16 bytes each) and the DMA side as {@code dma_range} entries (16 bytes each).
 */
public record MetadataCost(int pages, long pageArrayBytes, int scatterlistEntries, int scatterlistChainEntries,
                           long scatterlistBytes, int phyrRanges, long phyrBytes, int dmaRanges, long dmaRangeBytes) {
}
