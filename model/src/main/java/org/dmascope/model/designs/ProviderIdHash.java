package org.dmascope.model.designs;

import java.util.List;

import org.dmascope.model.kernel.dma.P2pProvider;

/**
 * Question 3, proposal: a 4-bit provider id in each entry's flags, resolved through a perfect hash
 * (a table indexed by the id), Phyr Starter discussion, 2022, as issue 15 summarises it: one read per
 * look-up, at most 16 providers.
 */
public final class ProviderIdHash extends ProviderLookup {
    static final int BITS = 4;

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
                "proposal, Phyr Starter thread, 2022", false, "u32 flags: bits 0-3 provider id", Layouts.X86_64,
                "Four bits of the flags word name the provider directly, so a look-up is one table read.",
                "Not merged: 16 providers is too few for a GPU box with one BAR per device, and the id table "
                        + "must stay stable while entries carry it.",
                figures, entries);
    }
}
