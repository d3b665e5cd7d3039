package org.dmascope.model.designs;

import org.dmascope.model.util.Hex;

/** What the byte figures assume, and small helpers the designs share. */
final class Layouts {
    /** The configuration every byte figure assumes. */
    static final String X86_64 = "x86-64: 8-byte phys_addr_t and dma_addr_t, 4 KiB pages, CONFIG_NEED_SG_DMA_LENGTH "
            + "and CONFIG_NEED_SG_DMA_FLAGS (a 32-byte struct scatterlist)";
    /** Bytes of a {@code struct page} in the memmap (x86-64). */
    static final int STRUCT_PAGE_BYTES = 64;
    /** Bytes of a page pointer in the array {@code pin_user_pages()} fills. */
    static final int PAGE_POINTER_BYTES = 8;
    static final String UNUSED = "unused";

    private Layouts() {
    }

    static String hex(long v) {
        return Hex.addr(v);
    }

    static String kind(boolean p2p) {
        return p2p ? "P2P" : "host";
    }
}
