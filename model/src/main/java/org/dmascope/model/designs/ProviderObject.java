package org.dmascope.model.designs;

import java.util.List;

import org.dmascope.model.kernel.dma.P2pProvider;

/**
 * Question 3, mainline since 6.19: {@code struct p2pdma_provider { struct device *owner; u64 bus_offset; }}
 * per BAR (include/linux/pci-p2pdma.h); the exporter (VFIO's dma-buf) hands it to the importer with the
 * phys_vec list, and {@code pci_p2pdma_map_type(provider, dev)} answers once per (provider, client).
 * Nothing is looked up per entry.
 */
public final class ProviderObject extends ProviderLookup {
    static final String LAYOUT = """
            struct p2pdma_provider {
            	struct device *owner;
            	u64 bus_offset;
            };""";

    @Override
    long bitsPerEntry() {
        return 0;
    }

    /** One per provider of the buffer: the caller holds it. */
    @Override
    long lookups(DesignInput in, long p2pEntries) {
        return in.providers().size();
    }

    @Override
    long readsPerLookup(DesignInput in) {
        return 0;
    }

    @Override
    String field(DesignInput in, P2pProvider p) {
        return "(beside the list) " + name(p);
    }

    @Override
    String hostField() {
        return "-";
    }

    @Override
    Design describe(List<Figure> figures, EntryTable entries) {
        return new Design(Question.PROVIDER, "p2pdma_provider", "p2pdma_provider beside the list",
                "mainline since 6.19 (include/linux/pci-p2pdma.h, VFIO dma-buf export)", true, LAYOUT,
                Layouts.X86_64,
                "Whoever exports the memory knows its provider, so it passes the provider with the ranges and "
                        + "nobody searches by address.",
                "Merged in 6.19 for dma-buf/VFIO MMIO; each list is one provider (or host memory), never a mix.",
                figures, entries);
    }
}
