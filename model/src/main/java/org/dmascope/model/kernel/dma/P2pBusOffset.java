package org.dmascope.model.kernel.dma;

import java.util.Optional;

import org.dmascope.model.topology.AddressRange;
import org.dmascope.model.topology.HostBridge;
import org.dmascope.model.topology.HostWindow;

/**
 * R-P2P-10 {@code bus_offset = pci_bus_address(pdev, bar) - pci_resource_start(pdev, bar)}
 * (drivers/pci/p2pdma.c, {@code pcibios_resource_to_bus} in drivers/pci/host-bridge.c): the BAR's bus
 * address is its CPU address minus the offset of the first host-bridge window that fully contains
 * it, so {@code bus_offset = -window.offset}; with no containing window the offset is 0.
 */
public final class P2pBusOffset {
    private P2pBusOffset() {
    }

    public static long of(HostBridge hostBridge, AddressRange barCpuRange) {
        return containingWindow(hostBridge, barCpuRange).map(w -> -w.offset()).orElse(0L);
    }

    public static Optional<HostWindow> containingWindow(HostBridge hostBridge, AddressRange barCpuRange) {
        if (hostBridge == null) return Optional.empty();
        return hostBridge.windows().stream().filter(w -> w.kind().isMemory()).filter(w -> w.cpuRange().contains(barCpuRange))
                .findFirst();
    }
}
