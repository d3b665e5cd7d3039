package org.dmascope.model.designs;

import java.util.List;

import org.dmascope.model.kernel.dma.P2pProvider;

/**
 * Question 3, mainline before 6.19: struct page → {@code page->pgmap} → {@code struct pci_p2pdma_pagemap}
 * → provider (include/linux/memremap.h, drivers/pci/p2pdma.c {@code pci_p2pdma_state}, R-P2P-9). Every
 * entry's page is read ({@code is_pci_p2pdma_page}: ZONE_DEVICE and the pgmap type); the map type is asked
 * again only when the pgmap changes. The price is a 64-byte struct page per 4 KiB of BAR.
 */
public final class PgmapLookup extends ProviderLookup {
    @Override
    long bitsPerEntry() {
        return 0;
    }

    /** One struct page read per kernel scatterlist entry. */
    @Override
    long lookups(DesignInput in, long p2pEntries) {
        return in.kernelSgEntries();
    }

    /** The page's flags (zone), then its pgmap. */
    @Override
    long readsPerLookup(DesignInput in) {
        return 2;
    }

    @Override
    String field(DesignInput in, P2pProvider p) {
        return "page->pgmap → " + name(p);
    }

    @Override
    String hostField() {
        return "page (not ZONE_DEVICE)";
    }

    @Override
    void extraFigures(DesignInput in, List<Figure> f) {
        f.add(Figure.of("mapTypeLookups", "map-type look-ups (pgmap changes)", in.providerChanges()));
        f.add(Figure.of("memmapBytes", "struct page bytes for the P2P pages", in.p2pPages()
                * Layouts.STRUCT_PAGE_BYTES));
    }

    @Override
    Design describe(List<Figure> figures, EntryTable entries) {
        return new Design(Question.PROVIDER, "pgmap", "struct page → pgmap",
                "mainline since 4.20 (drivers/pci/p2pdma.c), the only way before 6.19", true,
                "struct dev_pagemap *pgmap;  /* in the ZONE_DEVICE page */", Layouts.X86_64,
                "The page already exists for every byte of P2P memory, so the provider costs no bit in any "
                        + "entry: one pointer chase from the page.",
                "Still how page-based P2P (O_DIRECT to a CMB) works; 6.19 split the provider out so memory "
                        + "without struct page can name it.",
                figures, entries);
    }
}
