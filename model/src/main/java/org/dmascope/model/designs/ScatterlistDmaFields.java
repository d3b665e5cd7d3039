package org.dmascope.model.designs;

import java.util.List;

/**
 * Question 2, mainline: the DMA side is written into the input scatterlist itself
 * ({@code sg_dma_address}, {@code sg_dma_len}, {@code sg_dma_is_bus_address} in dma_flags;
 * include/linux/scatterlist.h), the first {@code nents} entries holding the segments, the rest left
 * unused, chained like the input.
 */
public final class ScatterlistDmaFields extends DmaOutput {
    /** dma_address (8) + dma_length (4) + dma_flags (4) of each 32-byte entry. */
    static final int DMA_BYTES_PER_ENTRY = 16;

    @Override
    public Design evaluate(DesignInput in) {
        List<Figure> f = figures();
        common(in, f);
        long entries = in.kernelSgEntries();
        f.add(Figure.of("bytes", "bytes of DMA fields", entries * DMA_BYTES_PER_ENTRY));
        f.add(Figure.of("chains", "chain entries", in.kernelSgChains()));
        f.add(Figure.of("unusedFields", "unused fields", 2 * Math.max(0, entries - in.dmaSegments())));
        return new Design(Question.OUTPUT, "sg-dma-fields", "the scatterlist's dma_address/dma_length",
                "mainline since 2.6 (CONFIG_NEED_SG_DMA_LENGTH); SG_DMA_BUS_ADDRESS since 6.2", true,
                "dma_addr_t dma_address; unsigned int dma_length; unsigned int dma_flags;  /* in each entry */",
                Layouts.X86_64,
                "Input and output share one allocation, so a driver needs nothing new and the list's chaining "
                        + "serves both.",
                "Still how dma_map_sg() answers; the 6.17 block iterator and dma_iova_link() hand out "
                        + "(dma_addr, len) pairs without it.",
                f, segments(in));
    }
}
