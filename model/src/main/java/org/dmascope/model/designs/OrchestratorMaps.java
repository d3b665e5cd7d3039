package org.dmascope.model.designs;

import java.util.ArrayList;
import java.util.List;

import org.dmascope.model.kernel.dma.P2pProvider;

/**
 * Question 5, proposal: the orchestrator that holds both devices maps: one map-type answer per (provider,
 * client) pair, nothing per entry.
 *
 * <p>Logan Gunthorpe, "Re: [RFC PATCH 00/28] Removing struct page from P2PDMA", 20 Jun 2019 (linux-kernel,
 * linux-block, linux-nvme, linux-pci, linux-rdma), Message-ID
 * {@code <8044000b-1105-4f5d-20c4-ea101b17cd19@deltatee.com>}: "Yes, there will always be a map step, but it
 * should be done by the orchestrator because it requires both devices (the client and the provider) and the
 * block layer really should not know about both devices." and "It's currently a call to
 * pci_p2pmem_virt_to_bus() but would eventually need to be a pci_p2pmem_map_resource() or similar which takes
 * a pointer to the pci_dev provider and the struct device client doing the mapping." The function was named,
 * never written; {@link #LAYOUT} spells it from that sentence.
 *
 * <p>Against it, Jason Gunthorpe, {@code <20190626202107.GA5850@ziepe.ca>}: "I agree with CH, if we go down
 * this path it is a layering violation for the thing injecting bio's into the block stack to know what struct
 * device they egress&dma map on just to be able to do the dma_map up front." Logan Gunthorpe's reply,
 * {@code <c25d3333-dcd5-3313-089b-7fbbd6fbd876@deltatee.com>}: "So no matter what we do, a driver submitting
 * P2P requests must have access to both the PCI device that's going to be mapping the memory and the device
 * that's providing the memory." Christoph Hellwig's first reply, {@code <20190624072752.GA3954@lst.de>}: "For
 * one passing a dma_addr_t through the block layer is a layering violation, and one that I think will also
 * bite us in practice."
 */
public final class OrchestratorMaps implements DesignModel {
    static final String SOURCE = "proposal, \"Removing struct page from P2PDMA\" thread, 2019 (Logan Gunthorpe, "
            + "<8044000b-1105-4f5d-20c4-ea101b17cd19@deltatee.com>)";
    static final String LAYOUT = "pci_p2pmem_map_resource(provider, client)  /* \"takes a pointer to the pci_dev "
            + "provider and the struct device client doing the mapping\"; named, never merged */";
    /** Copied from the message (its opening "Yes, " left out). */
    static final String ARGUMENT = "\"there will always be a map step, but it should be done by the orchestrator "
            + "because it requires both devices (the client and the provider) and the block layer really should "
            + "not know about both devices.\"";
    static final String FATE = "Partly: Christoph Hellwig called a pre-mapped dma_addr_t in the block layer \"a "
            + "layering violation\" and Jason Gunthorpe agreed, so the block layer still maps page-based P2P itself; "
            + "the 6.19 provider object and dma-buf attach let an importer map with both in hand.";

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
                SOURCE, false, LAYOUT, Layouts.X86_64, ARGUMENT, FATE,
                f, EntryTable.ofRows(List.of("provider", "client", "when"), rows));
    }
}
