package org.dmascope.model.designs;

import java.util.ArrayList;
import java.util.List;

import org.dmascope.model.kernel.dma.P2pProvider;

/**
 * Question 5, proposal: the orchestrator that holds both devices maps,
 * {@code pci_p2pmem_map_resource(provider, client)} (issue 15's spelling, from the 2019 discussion): one
 * map-type answer per (provider, client) pair, nothing per entry.
 */
public final class OrchestratorMaps implements DesignModel {
    @Override
    public Question question() {
        return Question.WHO_MAPS;
    }

    @Override
    public Design evaluate(DesignInput in) {
        List<Figure> f = new ArrayList<>();
        f.add(Figure.of("mapper", "who maps", "the orchestrator holding " + in.initiator() + " and each provider"));
        f.add(Figure.of("knowsBothDevices", "knows both devices", true));
        f.add(Figure.of("mapTypeLookups", "map-type look-ups", in.providers().size()));
        f.add(Figure.of("perEntryChecks", "per-entry checks", 0));
        List<List<String>> rows = new ArrayList<>();
        for (P2pProvider p : in.providers()) {
            rows.add(List.of(ProviderLookup.name(p), in.initiator().toString(), "once, before the transfer"));
        }
        return new Design(Question.WHO_MAPS, "orchestrator", "the orchestrator maps",
                "proposal, P2PDMA without struct page thread, 2019", false,
                "dma_addr_t pci_p2pmem_map_resource(provider, client, ...);", Layouts.X86_64,
                "Only the code that picked the provider for this client (nvmet, an RDMA target) knows both "
                        + "devices, so it should map and hand down DMA addresses.",
                "Partly: the 6.19 provider object and dma-buf attach let the importer map with both in hand; "
                        + "the block layer still maps page-based P2P itself.",
                f, EntryTable.ofRows(List.of("provider", "client", "when"), rows));
    }
}
