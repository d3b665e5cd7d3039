package org.dmascope.model.kernel.p2p;

/**
 * {@code enum pci_p2pdma_map_type} (include/linux/pci-p2pdma.h, R-P2P-5, R-P2P-12): how a page is
 * mapped for a device. {@link #NONE} is ordinary host memory (not a P2P page).
 */
public enum P2pMapType {
    /** Not computed yet ({@code PCI_P2PDMA_MAP_UNKNOWN}); mappers treat it as not supported. */
    UNKNOWN("unknown"),
    /** Not a P2P page: map as ordinary memory ({@code PCI_P2PDMA_MAP_NONE}, v6.16+). */
    NONE("host memory"),
    /** The pair cannot do P2P: the mapping fails with {@code -EREMOTEIO}. */
    NOT_SUPPORTED("not supported"),
    /** Routed inside the PCIe fabric: the device gets the bus address, no IOMMU, no swiotlb. */
    BUS_ADDR("bus address (peer-to-peer inside the fabric)"),
    /** Routed through the host bridge: mapped like RAM, via the IOMMU if there is one. */
    THRU_HOST_BRIDGE("through the host bridge");

    private final String words;

    P2pMapType(String words) {
        this.words = words;
    }

    /** The map type in words for a banner. */
    public String words() {
        return words;
    }
}
