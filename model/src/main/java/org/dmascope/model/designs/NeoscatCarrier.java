package org.dmascope.model.designs;

import java.util.List;

/**
 * Question 1, proposal: the "neoscat" entry of the Phyr Starter discussion (linux-kernel, 2022), a
 * scatterlist without the page: (dma_addr, phys_addr, dma_len, phys_len). The fields are as issue 15
 * lists them (the message was not among the stored thread texts); the lengths are taken as u32 like the
 * scatterlist's, so an entry is 8 + 8 + 4 + 4 = 24 bytes.
 */
public final class NeoscatCarrier extends RangeCarrier {
    static final String LAYOUT = "struct neoscat { dma_addr_t dma_addr; phys_addr_t phys_addr; u32 dma_len; "
            + "u32 phys_len; }  /* field types assumed */";
    static final int BYTES = 24;

    @Override
    int bytesPerEntry() {
        return BYTES;
    }

    @Override
    long maxLength() {
        return DesignInput.U32_CHUNK;
    }

    @Override
    boolean holdsDmaFields() {
        return true;
    }

    @Override
    Design describe(List<Figure> figures, EntryTable entries) {
        return new Design(Question.CARRIER, "neoscat", "neoscat {dma_addr, phys_addr, dma_len, phys_len}",
                "proposal, Phyr Starter thread, 2022", false, LAYOUT, Layouts.X86_64 + "; u32 lengths assumed",
                "Drop the page pointer but keep the scatterlist's shape, input and output in one entry, so "
                        + "existing dma_map_sg() users convert line by line.",
                "Not merged: with an IOMMU that merges the list every dma_addr/dma_len after the first segment "
                        + "is dead weight, the argument for separate input and output lists.",
                figures, entries);
    }
}
