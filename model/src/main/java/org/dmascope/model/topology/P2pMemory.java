package org.dmascope.model.topology;

/**
 * Peer-to-peer memory a driver registered with {@code pci_p2pdma_add_resource(pdev, bar, size, offset)}
 * and possibly published with {@code pci_p2pmem_publish()} (R-P2P-11), e.g. an NVMe CMB.
 *
 * @param candidate not known to be registered: offered because the device could provide it, "if a driver
 *                  registered it" (an assumption of the machine the rules run on, never stored in a file)
 */
public record P2pMemory(int bar, long offset, long size, boolean published, boolean candidate) {

    /** Memory a driver registered. */
    public P2pMemory(int bar, long offset, long size, boolean published) {
        this(bar, offset, size, published, false);
    }

    public P2pMemory {
        if (bar < 0 || bar > 5) throw new IllegalArgumentException("P2P memory BAR must be 0-5, was " + bar);
        if (size <= 0) throw new IllegalArgumentException("P2P memory size must be positive");
        if (offset < 0) throw new IllegalArgumentException("P2P memory offset must not be negative");
    }
}
