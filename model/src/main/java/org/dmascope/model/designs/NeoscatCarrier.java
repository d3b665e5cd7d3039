package org.dmascope.model.designs;

import java.util.List;

/**
 * Question 1, proposal: the "neoscat" entry of the Phyr Starter discussion, a scatterlist without the
 * page. Matthew Wilcox, "Re: Phyr Starter", 11 Jan 2022, Message-ID
 * {@code <Yd311C45gpQ3LqaW@casper.infradead.org>}, as Logan Gunthorpe's reply
 * {@code <ef01ce7d-f1d3-0bbb-38ba-2de4d3f7e31a@deltatee.com>} quotes it: "struct neoscat { dma_addr_t
 * dma_addr; phys_addr_t phys_addr; size_t dma_len; size_t phys_len; };" and "the dma_addr and dma_len are
 * unused by all-but-the-first entry when you have a competent IOMMU". Wilcox spelled it to argue against
 * it. size_t lengths: 8 + 8 + 8 + 8 = 32 bytes an entry on 64-bit, and no entry is split for its length.
 */
public final class NeoscatCarrier extends RangeCarrier {
    static final String LAYOUT = "struct neoscat { dma_addr_t dma_addr; phys_addr_t phys_addr; size_t dma_len; "
            + "size_t phys_len; }";
    static final int BYTES = 32;

    @Override
    int bytesPerEntry() {
        return BYTES;
    }

    @Override
    long maxLength() {
        return Long.MAX_VALUE;
    }

    @Override
    boolean holdsDmaFields() {
        return true;
    }

    @Override
    Design describe(List<Figure> figures, EntryTable entries) {
        return new Design(Question.CARRIER, "neoscat", "neoscat {dma_addr, phys_addr, dma_len, phys_len}",
                "proposal, Phyr Starter thread, 2022 (Matthew Wilcox, "
                        + "<Yd311C45gpQ3LqaW@casper.infradead.org>)", false,
                LAYOUT, Layouts.X86_64,
                "Drop the page pointer but keep the scatterlist's shape, input and output in one entry, so "
                        + "existing dma_map_sg() users convert line by line.",
                "Not merged: with an IOMMU that merges the list every dma_addr/dma_len after the first segment "
                        + "is dead weight, the argument for separate input and output lists.",
                figures, entries);
    }
}
