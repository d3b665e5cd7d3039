package org.dmascope.model.designs;

import java.util.List;

import org.dmascope.model.kernel.dma.P2pProvider;

/**
 * Question 3: a 4-bit provider id in each entry's flags, resolved through a perfect hash (a table indexed by
 * the id): one read per look-up, at most 16 providers.
 *
 * <p>No message proposes this as such; it is dmascope's reading, and says so in {@link #SOURCE}. The threads
 * read for it (the 2019 "Removing struct page from P2PDMA" thread and the 2022 "Phyr Starter" thread, each
 * message named in {@link FlagBitIntervalTree}, {@link PhyRangeCarrier} and {@link BounceThroughHost}) hold a
 * hash, but of the address, not an id: Jason Gunthorpe, 26 Jun 2019, {@code <20190626202107.GA5850@ziepe.ca>}:
 * "For instance we could use a small hash table of the upper phys addr bits, or an interval tree, to do the
 * lookup." The flags word an id could live in is Logan Gunthorpe's {@code phy_range}/{@code dma_range}
 * ("Re: Phyr Starter", 11 Jan 2022, {@code <ef01ce7d-f1d3-0bbb-38ba-2de4d3f7e31a@deltatee.com>}), whose flags
 * he meant for "FOLL_PIN or DMA_BUS_ADDRESS" and chaining. Nobody put a provider id in an entry, and the
 * 16-provider limit is this design's own arithmetic.
 */
public final class ProviderIdHash extends ProviderLookup {
    static final int BITS = 4;
    static final String SOURCE = "proposal, dmascope's reading of Jason Gunthorpe's \"small hash table\" "
            + "(\"Removing struct page from P2PDMA\" thread, 2019, <20190626202107.GA5850@ziepe.ca>); no thread "
            + "proposes an id in the entry";
    static final String ARGUMENT = "dmascope's reading of \"a small hash table of the upper phys addr bits\": "
            + "store four bits of the flags word as the provider's index instead, so a look-up is one table read.";
    static final String FATE = "Never proposed as such, so never merged: 16 ids is too few for a GPU box with one "
            + "BAR per device, the id table must stay stable while entries carry it, and mainline passes the "
            + "provider beside the list (6.19).";

    @Override
    long bitsPerEntry() {
        return BITS;
    }

    @Override
    long lookups(DesignInput in, long p2pEntries) {
        return p2pEntries;
    }

    @Override
    long readsPerLookup(DesignInput in) {
        return 1;
    }

    @Override
    long limit() {
        return 1L << BITS;
    }

    @Override
    String field(DesignInput in, P2pProvider p) {
        int id = machineIndex(in, p);
        return id < 0 || id >= limit() ? "no id left" : "id " + id;
    }

    @Override
    String hostField() {
        return "-";
    }

    @Override
    Design describe(List<Figure> figures, EntryTable entries) {
        return new Design(Question.PROVIDER, "provider-id-4bit", "4-bit provider id + perfect hash",
                SOURCE, false, "u32 flags: bits 0-3 provider id", Layouts.X86_64, ARGUMENT, FATE,
                figures, entries);
    }
}
