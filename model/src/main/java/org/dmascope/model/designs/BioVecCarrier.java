package org.dmascope.model.designs;

import java.util.List;

/**
 * Question 1, proposal: a {@code bio_vec} of a physical address and a u32 length, with a P2P flag in the
 * padding hole after the length. Christoph Hellwig, "Re: Phyr Starter", linux-kernel, 20 Jan 2022 (a u32
 * len "to allow for flags space on 64-bit which we might need to support things like P2P without
 * dev_pagemap structures"); the packed form is his reply to David Howells, "How to handle P2P DMA with only
 * {physaddr,len} in bio_vec?", linux-block, 23 Jun 2025.
 *
 * <p>The flag in the hole, optional by config, is older: Christoph Hellwig, "Re: [RFC PATCH 00/28] Removing
 * struct page from P2PDMA", 26 Jun 2019, Message-ID {@code <20190626065708.GB24531@lst.de>} (a base64 body in
 * the archive), of a {@code bio_vec} of {@code phys_addr_t paddr} and {@code unsigned long len}: "we have a hole
 * behind len where we could store flag.  Preferably optionally based on a P2P or other magic memory types
 * config option so that 32-bit systems with 32-bit phys_addr_t actually benefit from the smaller and better
 * packing structure."
 */
public final class BioVecCarrier extends RangeCarrier {
    static final String LAYOUT = """
            struct bio_vec {
            	phys_addr_t	bv_phys;
            	u32		bv_len;
            } __packed;
            /* with the P2P flag in the hole after bv_len: 16 bytes, not 12 */""";
    /** 8-byte address + 4-byte length + the 4-byte hole that holds the flag. */
    static final int BYTES = 16;
    /** Hellwig's packed form without the flag (the option off): 8 + 4. */
    static final int PACKED_BYTES = 12;

    @Override
    int bytesPerEntry() {
        return BYTES;
    }

    @Override
    long maxLength() {
        return DesignInput.U32_CHUNK;
    }

    @Override
    void extraFigures(SplitRanges s, List<Figure> f) {
        f.add(Figure.of("packedBytes", "bytes packed (flag option off)", s.entries() * PACKED_BYTES));
        f.add(Figure.of("p2pFlagged", "entries with the P2P flag", s.p2pEntries()));
    }

    @Override
    Design describe(List<Figure> figures, EntryTable entries) {
        return new Design(Question.CARRIER, "bio_vec", "bio_vec {paddr, u32 len} + P2P flag",
                "proposal, \"Removing struct page from P2PDMA\" thread, 2019 (Hellwig, "
                        + "<20190626065708.GB24531@lst.de>) and Phyr Starter thread, 2022 (Hellwig); packing: bio_vec "
                        + "thread, 2025 (Hellwig to Howells)",
                false, LAYOUT, Layouts.X86_64 + "; the flag is optional so 32-bit kernels keep 8-byte packing",
                "A u32 length frees the padding on 64-bit for a P2P flag, so the block layer can tell P2P memory "
                        + "without a dev_pagemap while bio_vec stays 16 bytes.",
                "Not merged: bio_vec is still (page, len, offset); a flag grows the packed 12-byte form to 16, and "
                        + "mainline instead requires each bio to be all host or all one provider.",
                figures, entries);
    }
}
