package org.dmascope.model.kernel.dma;

import org.dmascope.model.topology.Bdf;

/**
 * {@code struct p2pdma_provider} (v6.19, one per memory BAR) together with the {@code dev_pagemap}
 * of its pages: the device that owns the memory, the BAR, where the BAR sits in CPU physical space,
 * and {@code bus_offset} (R-P2P-10).
 */
public record P2pProvider(Bdf owner, int bar, long barCpuStart, long barSize, long busOffset) {

    /** {@code pci_p2pdma_bus_addr_map(provider, paddr)} (R-P2P-10, {@link P2pBusOffset#busAddress}). */
    public long busAddress(long paddr) {
        return P2pBusOffset.busAddress(paddr, busOffset);
    }

    public String label() {
        return owner + " BAR " + bar;
    }
}
