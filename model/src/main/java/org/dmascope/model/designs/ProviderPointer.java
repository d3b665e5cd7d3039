package org.dmascope.model.designs;

import java.util.List;

import org.dmascope.model.kernel.dma.P2pProvider;

/**
 * Question 3: a provider pointer in every entry: no look-up at all, 64 bits per entry whether P2P or not.
 *
 * <p>No message proposes this as such; it is dmascope's point of comparison, and says so in {@link #SOURCE}:
 * what {@code page->pgmap} gives every page, kept without the page. The nearest the threads come is Dan
 * Williams's "side object", "Re: [RFC PATCH 00/28] Removing struct page from P2PDMA", 20 Jun 2019,
 * {@code <CAPcyv4ijztOK1FUjLuFing7ps4LOHt=6z=eO=98HHWauHA+yog@mail.gmail.com>}: "At least with a side object
 * there's a chance to describe / recall those restrictions as these things get passed around the I/O stack,
 * but an undecorated "DMA" address passed through the block layer with no other benefit to any subsystem
 * besides RDMA does not feel like it advances the state of the art."
 */
public final class ProviderPointer extends ProviderLookup {
    static final String SOURCE = "proposal, dmascope's comparison point (no thread proposes a pointer per entry; "
            + "nearest: Dan Williams's \"side object\", \"Removing struct page from P2PDMA\" thread, 2019)";

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
                SOURCE, false, "struct p2pdma_provider *provider;  /* per entry */", Layouts.X86_64,
                "dmascope's comparison point: no limit and no search, the entry names its provider, as page->pgmap "
                        + "does for a page.",
                "Never proposed as such, so never merged: it grows every 16-byte entry by half for the rare P2P "
                        + "one; 6.19 put the pointer beside the list instead.",
                figures, entries);
    }
}
