package org.dmascope.model.kernel.p2p;

import java.util.Optional;

import org.dmascope.model.topology.AddressRange;
import org.dmascope.model.topology.HostBridge;
import org.dmascope.model.topology.HostWindow;

/**
 * R-P2P-10 bus offsets: {@code pci_bus_address()} through {@code pcibios_resource_to_bus()}
 * (drivers/pci/host-bridge.c) takes the first host-bridge window of the same type that fully
 * contains the BAR and subtracts its offset (cpu - bus); no window, offset 0. A provider's
 * {@code bus_offset} is then bus - cpu, and a P2P page's bus address is {@code paddr + bus_offset}
 * ({@code pci_p2pdma_bus_addr_map()}).
 */
public final class PciBusAddress {
    private PciBusAddress() {
    }

    /**
     * @param cpuStart  the BAR's CPU address ({@code pci_resource_start})
     * @param busStart  its bus address ({@code pci_bus_address})
     * @param busOffset {@code bus - cpu}, as unsigned 64-bit arithmetic wraps it
     * @param window    the window that translated it, if any
     */
    public record Translation(long cpuStart, long busStart, long busOffset, Optional<HostWindow> window) {
    }

    /** Translates a memory BAR's CPU range below the given host bridge. */
    public static Translation ofMemoryBar(HostBridge hb, AddressRange cpu) {
        for (HostWindow w : hb.windows()) {
            if (!w.kind().isMemory()) continue;
            if (w.cpuRange().contains(cpu)) {
                long bus = cpu.start() - w.offset();
                return new Translation(cpu.start(), bus, bus - cpu.start(), Optional.of(w));
            }
        }
        return new Translation(cpu.start(), cpu.start(), 0, Optional.empty());
    }

    /** {@code pci_p2pdma_bus_addr_map()}: {@code paddr + bus_offset}. */
    public static long busAddress(long paddr, long busOffset) {
        return paddr + busOffset;
    }
}
