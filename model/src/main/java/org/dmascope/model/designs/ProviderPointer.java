package org.dmascope.model.designs;

import java.util.List;

import org.dmascope.model.kernel.dma.P2pProvider;

/**
 * Question 3, proposal: a provider pointer in every entry, Phyr Starter discussion, 2022, as issue 15
 * summarises it: no look-up at all, 64 bits per entry whether P2P or not.
 */
public final class ProviderPointer extends ProviderLookup {
    @Override
    long bitsPerEntry() {
        return 64;
    }

    @Override
    long lookups(DesignInput in, long p2pEntries) {
        return 0;
    }

    @Override
    long readsPerLookup(DesignInput in) {
        return 0;
    }

    @Override
    String field(DesignInput in, P2pProvider p) {
        return "&" + name(p);
    }

    @Override
    String hostField() {
        return "NULL";
    }

    @Override
    Design describe(List<Figure> figures, EntryTable entries) {
        return new Design(Question.PROVIDER, "provider-pointer", "provider pointer per entry",
                "proposal, Phyr Starter thread, 2022", false, "struct p2pdma_provider *provider;  /* per entry */",
                Layouts.X86_64,
                "No limit and no search: the entry names its provider.",
                "Not merged: it grows every 16-byte entry by half for the rare P2P one; 6.19 put the pointer "
                        + "beside the list instead.",
                figures, entries);
    }
}
