package org.dmascope.model.designs;

import java.util.List;

import org.dmascope.model.kernel.dma.P2pProvider;

/**
 * Question 3, proposal: one P2P bit per entry, and the provider found by searching an interval tree of
 * the registered BAR ranges by physical address ("bar info"), Phyr Starter discussion, 2022, as issue 15
 * summarises it. A balanced tree of P providers is ceil(log2(P + 1)) levels deep.
 */
public final class FlagBitIntervalTree extends ProviderLookup {
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
                "proposal, Phyr Starter thread, 2022", false, "u32 flags: bit P2P  /* provider: search by paddr */",
                Layouts.X86_64,
                "One bit is all an entry can spare; the rare P2P entry pays a tree search by address.",
                "Not merged: mainline passes the provider explicitly (6.19) instead of searching for it.",
                figures, entries);
    }
}
