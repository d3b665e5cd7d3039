package org.dmascope.model.designs;

import java.util.List;

/**
 * Question 1, mainline: {@code struct phys_vec}, the phyr under another name. Since 6.17 the block DMA
 * iterator walks it (block/blk-mq-dma.c, u32 len); in 7.0 it moved to include/linux/types.h with a size_t
 * length and replaced dma_buf_phys_vec (vfio-v7.0 merge, kernel-timeline K9).
 */
public final class PhysVecCarrier extends RangeCarrier {
    static final String LAYOUT = """
            struct phys_vec {
            	phys_addr_t	paddr;
            	size_t		len;
            };""";
    static final int BYTES = 16;

    @Override
    int bytesPerEntry() {
        return BYTES;
    }

    @Override
    long maxLength() {
        return Long.MAX_VALUE;
    }

    @Override
    Design describe(List<Figure> figures, EntryTable entries) {
        return new Design(Question.CARRIER, "phys_vec", "phys_vec {paddr, size_t len}",
                "mainline since 6.17 (block/blk-mq-dma.c), include/linux/types.h since 7.0", true, LAYOUT,
                Layouts.X86_64,
                "Wilcox's phyr: one 16-byte entry per physically contiguous run, so a 1 GiB huge page is one "
                        + "entry, not 2^18 pages, and memory without struct page can be described at all.",
                "Merged as the input of the block DMA iterator (6.17) and of dma-buf/VFIO (6.19, 7.0); the "
                        + "P2P provider travels beside the list, not in it.",
                figures, entries);
    }
}
