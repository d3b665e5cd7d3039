package org.dmascope.model.kernel.dma;

import java.util.Optional;

import org.dmascope.model.kernel.rule.KernelRule;
import org.dmascope.model.topology.AddressRange;
import org.dmascope.model.topology.HostBridge;
import org.dmascope.model.topology.HostWindow;

/**
 * R-P2P-10 P2P bus addresses (drivers/pci/p2pdma.c, {@code pcibios_resource_to_bus} in
 * drivers/pci/host-bridge.c): a provider's {@code bus_offset = pci_bus_address(pdev, bar) -
 * pci_resource_start(pdev, bar)}, where the BAR's bus address is its CPU address minus the offset of
 * the first host-bridge memory window that fully contains it, so {@code bus_offset = -window.offset}
 * (0 with no containing window); a P2P page's bus address is then
 * {@code pci_p2pdma_bus_addr_map(provider, paddr) = paddr + bus_offset}.
 */
@KernelRule("R-P2P-10")
public final class P2pBusOffset {
    private P2pBusOffset() {
    }

    public static long of(HostBridge hostBridge, AddressRange barCpuRange) {
        return containingWindow(hostBridge, barCpuRange).map(w -> -w.offset()).orElse(0L);
    }

    public static Optional<HostWindow> containingWindow(HostBridge hostBridge, AddressRange barCpuRange) {
        if (hostBridge == null) return Optional.empty();
        return hostBridge.windows().stream().filter(w -> w.kind().isMemory()).filter(w -> w.cpuRange()
                .contains(barCpuRange))
                .findFirst();
    }

    /** {@code pci_p2pdma_bus_addr_map()}: the bus address of the P2P page at CPU physical {@code paddr}. */
    public static long busAddress(long paddr, long busOffset) {
        return paddr + busOffset;
    }
}
