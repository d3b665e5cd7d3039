package org.dmascope.model.designs;

import java.util.List;

/**
 * Question 1, proposal: lists of {@code struct phy_range}, the phyr with a u32 length and a flags word.
 * Logan Gunthorpe, "Re: Phyr Starter", 11 Jan 2022, Message-ID
 * {@code <ef01ce7d-f1d3-0bbb-38ba-2de4d3f7e31a@deltatee.com>}: "struct phy_range { phys_addr_t phyr_addr;
 * u32 phyr_len; u32 phyr_flags; };" ... "Each element in the list could represent a segment up to 4GB, so
 * any range longer than that would need multiple items in the list."
 */
public final class PhyRangeCarrier extends RangeCarrier {
    static final String LAYOUT = "struct phy_range { phys_addr_t phyr_addr; u32 phyr_len; u32 phyr_flags; }";
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
                "proposal, Phyr Starter thread, 2022 (Logan Gunthorpe, "
                        + "<ef01ce7d-f1d3-0bbb-38ba-2de4d3f7e31a@deltatee.com>)",
                false, LAYOUT, Layouts.X86_64,
                "The same 16 bytes as a size_t phyr, but a flags word in every entry marks how it was pinned and a "
                        + "P2P bus address, and lets lists chain; paid for by a split every 4 GiB.",
                "Not merged: mainline's phys_vec kept a plain length and carries the provider beside the list.",
                figures, entries);
    }
}
