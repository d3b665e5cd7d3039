package org.dmascope.model.designs;

import java.util.List;

/**
 * Question 1, proposal: lists of {@code struct phy_range { phys_addr_t; u32 len; u32 flags; }}, the phyr
 * with a u32 length and a flags word, from the Phyr Starter discussion (linux-kernel, 2022). The layout
 * is quoted as issue 15 gives it; the message that spells it was not among the stored thread texts.
 */
public final class PhyRangeCarrier extends RangeCarrier {
    static final String LAYOUT = "struct phy_range { phys_addr_t; u32 len; u32 flags; }";
    static final int BYTES = 16;

    @Override
    int bytesPerEntry() {
        return BYTES;
    }

    @Override
    long maxLength() {
        return DesignInput.U32_CHUNK;
    }

    @Override
    Design describe(List<Figure> figures, EntryTable entries) {
        return new Design(Question.CARRIER, "phy_range", "phy_range {phys_addr_t, u32 len, u32 flags}",
                "proposal, Phyr Starter thread, 2022", false, LAYOUT, Layouts.X86_64,
                "The same 16 bytes as a size_t phyr, but the flags word carries P2P (or a provider id) in every "
                        + "entry, paid for by a split every 4 GiB.",
                "Not merged: mainline's phys_vec kept a plain length and carries the provider beside the list.",
                figures, entries);
    }
}
