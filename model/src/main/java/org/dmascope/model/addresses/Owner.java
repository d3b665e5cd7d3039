package org.dmascope.model.addresses;

import java.util.Objects;
import java.util.Optional;

import org.dmascope.model.topology.Bdf;

/**
 * Who a range belongs to: a PCI function, a host bridge, a NUMA node or the platform (swiotlb, the interrupt
 * window, an IOMMU domain), with the key a view needs to select it.
 *
 * @param label how a listing names it: {@code 0000:03:00.0 (T4)}, {@code host bridge pci0000:00}, {@code node 0}
 * @param key   the function address, host bridge id or node id; empty for the platform
 */
public record Owner(Kind kind, String label, String key) {
    public enum Kind { FUNCTION, HOST_BRIDGE, NUMA_NODE, PLATFORM }

    public Owner {
        Objects.requireNonNull(kind);
        Objects.requireNonNull(label);
        Objects.requireNonNull(key);
    }

    public static Owner platform(String label) {
        return new Owner(Kind.PLATFORM, label, "");
    }

    /** The function's address, for a function's range. */
    public Optional<Bdf> function() {
        return kind == Kind.FUNCTION ? Optional.of(Bdf.parse(key)) : Optional.empty();
    }
}
