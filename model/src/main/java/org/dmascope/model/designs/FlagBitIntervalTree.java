package org.dmascope.model.designs;

import java.util.List;

import org.dmascope.model.kernel.dma.P2pProvider;

/**
 * Question 3, proposal: one P2P bit per entry, and the provider ("bar info") found by searching an interval
 * tree of the registered BAR ranges by physical address. A balanced tree of P providers is
 * ceil(log2(P + 1)) levels deep.
 *
 * <p>The 2019 thread, not Phyr Starter: "Re: [RFC PATCH 00/28] Removing struct page from P2PDMA" (linux-kernel,
 * linux-block, linux-nvme, linux-pci, linux-rdma). The bit: Christoph Hellwig, 26 Jun 2019,
 * {@code <20190626065708.GB24531@lst.de>}, of a {@code bio_vec} of {@code phys_addr_t} and length: "we have a
 * hole behind len where we could store flag." The search: Jason Gunthorpe, 26 Jun 2019,
 * {@code <20190626202107.GA5850@ziepe.ca>}: "So we must be able to go from this new phys_addr_t&flags to some
 * BAR information during dma_map." and "For instance we could use a small hash table of the upper phys addr
 * bits, or an interval tree, to do the lookup."; and, 27 Jun 2019, {@code <20190627063223.GA7736@ziepe.ca>}:
 * "Interval trees are pretty simple API wise, and if we only populate them with P2P providers you probably
 * find the tree depth is negligible in current systems with one or two P2P providers."
 *
 * <p>Against it, Logan Gunthorpe, {@code <c25d3333-dcd5-3313-089b-7fbbd6fbd876@deltatee.com>}: "Tree lookups
 * will always be a lot more expensive than just checking a flag."; Dan Williams,
 * {@code <CAPcyv4hCNoMeFyOE588=kuNUXaPS-rzaXnF2cN2TFejso1SGRw@mail.gmail.com>}: "Hmm, that sounds like
 * dev_pagemap without the pages."
 */
public final class FlagBitIntervalTree extends ProviderLookup {
    /** The message quoted in {@link #ARGUMENT}; the javadoc names the others. */
    static final String SOURCE = "proposal, \"Removing struct page from P2PDMA\" thread, 2019 (Jason Gunthorpe, "
            + "<20190627063223.GA7736@ziepe.ca>)";
    /** Copied from the message. */
    static final String ARGUMENT = "\"Interval trees are pretty simple API wise, and if we only populate them with "
            + "P2P providers you probably find the tree depth is negligible in current systems with one or two P2P "
            + "providers.\"";
    static final String FATE = "Not merged: Logan Gunthorpe answered \"Tree lookups will always be a lot more "
            + "expensive than just checking a flag\", and mainline passes the provider explicitly (6.19) instead "
            + "of searching for it.";

    @Override
    long bitsPerEntry() {
        return 1;
    }

    @Override
    long lookups(DesignInput in, long p2pEntries) {
        return p2pEntries;
    }

    /** Nodes visited: the depth of a balanced tree of the machine's providers. */
    @Override
    long readsPerLookup(DesignInput in) {
        long p = in.machineProviders();
        return 64 - Long.numberOfLeadingZeros(p);
    }

    @Override
    String field(DesignInput in, P2pProvider p) {
        return "1";
    }

    @Override
    String hostField() {
        return "0";
    }

    @Override
    Design describe(List<Figure> figures, EntryTable entries) {
        return new Design(Question.PROVIDER, "flag-interval-tree", "P2P bit + interval tree",
                SOURCE, false, "u32 flags: bit P2P  /* provider: search by paddr */", Layouts.X86_64, ARGUMENT,
                FATE,
                figures, entries);
    }
}
