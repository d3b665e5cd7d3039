package org.dmascope.model.topology;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A PCI host bridge ({@code struct pci_host_bridge}): the root of one PCI hierarchy, with its root
 * bus, the CPU windows it forwards and the inbound DMA ranges it accepts.
 *
 * @param id        a stable name, e.g. {@code pci0000:00}
 * @param busRange  the bus numbers the firmware gave this bridge, when known
 * @param dmaRanges inbound DMA ranges; empty means identity (no {@code dma_range_map})
 */
public record HostBridge(String id, int domain, int rootBus, Optional<BusRange> busRange, OptionalInt numaNode,
                         List<HostWindow> windows, List<DmaRange> dmaRanges, Provenance provenance) {

    /** An inclusive range of bus numbers. */
    public record BusRange(int first, int last) {
        public BusRange {
            if (first < 0 || last > 0xFF || first > last) {
                throw new IllegalArgumentException("bus range must be within 00-ff and ordered");
            }
        }

        public boolean contains(int bus) {
            return bus >= first && bus <= last;
        }

        @Override
        public String toString() {
            return String.format("%02x-%02x", first, last);
        }
    }

    public HostBridge {
        Objects.requireNonNull(id, "id");
        if (rootBus < 0 || rootBus > 0xFF) throw new IllegalArgumentException("root bus must be 00-ff");
        windows = List.copyOf(windows);
        dmaRanges = List.copyOf(dmaRanges);
        Objects.requireNonNull(provenance, "provenance");
    }

    /** A host bridge that says nothing but where its root bus is. */
    public static HostBridge bare(int domain, int rootBus) {
        return new HostBridge(String.format("pci%04x:%02x", domain, rootBus), domain, rootBus, Optional.empty(),
                OptionalInt.empty(), List.of(), List.of(), Provenance.NONE);
    }

    /**
     * The window that fully contains a CPU range, first match in list order, as
     * {@code pcibios_resource_to_bus} searches.
     */
    public Optional<HostWindow> windowContaining(AddressRange cpu) {
        return windows.stream().filter(w -> w.cpuRange().contains(cpu)).findFirst();
    }
}
