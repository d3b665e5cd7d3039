package org.dmascope.model.addresses;

/** What an address range on the map is; each kind has a lane of its own in the address map view. */
public enum RangeKind {
    RAM("System RAM"),
    HOST_WINDOW("Host bridge window"),
    BRIDGE_IO("Bridge I/O window"),
    BRIDGE_MEMORY("Bridge memory window"),
    BRIDGE_PREFETCHABLE("Bridge prefetchable window"),
    BAR("BAR"),
    SWIOTLB("swiotlb pool"),
    INTERRUPT("MSI/interrupt window"),
    IOVA_RESERVED("Reserved IOVA"),
    IOVA_ALLOCATED("Allocated IOVA");

    private final String title;

    RangeKind(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }
}
