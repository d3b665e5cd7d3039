package org.dmascope.model.io.merge;

import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.dmascope.model.io.source.Findings;
import org.dmascope.model.report.Severity;
import org.dmascope.model.topology.Bridge;
import org.dmascope.model.topology.PortType;

/**
 * A bridge the exports name without its PCIe capability (an {@code lspci -t} tree gives only its
 * address and bus range) but whose secondary bus holds a PCIe function is a PCIe port on its
 * downstream side; on a root bus that is a Root Port (a switch downstream port never sits on a root
 * bus). Without this a tree's unnamed root port is read as a conventional PCI bridge, and R-GRP-1
 * ({@code pci_for_each_dma_alias}, drivers/pci/search.c) would alias everything below it to it.
 * A PCI/PCI-X-to-PCIe bridge (type 8) on a root bus would also fit; it is rare, and the note says the
 * type was inferred.
 */
final class PortTypeInference {
    private PortTypeInference() {
    }

    static void apply(MachineFacts all, Findings findings) {
        Set<Long> roots = new TreeSet<>();
        for (HostBridgeFacts hb : all.hostBridges()) roots.add(key(hb.domain(), hb.rootBus()));
        for (FunctionFacts f : all.functions()) {
            if (f.get(FactKey.PORT_TYPE).isPresent() || !roots.contains(key(f.address().domain(),
                    f.address().bus()))) {
                continue;
            }
            Optional<Bridge> bridge = f.get(FactKey.BRIDGE);
            if (bridge.isEmpty()) continue;
            Optional<FunctionFacts> pcieChild = all.functions().stream()
                    .filter(c -> c.address().domain() == f.address().domain()
                            && c.address().bus() == bridge.get().secondary())
                    .filter(c -> c.get(FactKey.PORT_TYPE).map(PortTypeInference::pcieBelowAPort).orElse(false))
                    .findFirst();
            if (pcieChild.isEmpty()) continue;
            Fact<PortType> childType = pcieChild.get().fact(FactKey.PORT_TYPE).orElseThrow();
            f.put(FactKey.PORT_TYPE, PortType.ROOT_PORT, childType.source(), findings);
            findings.add(Severity.INFO, childType.source().file(), childType.source().line(), f.address()
                    + ": the input does not show its PCIe capability; it is taken to be a Root Port because it sits on "
                    + "a root bus and " + pcieChild.get().address() + " below it is a PCIe "
                    + childType.value().label(),
                    f.address().toString());
        }
    }

    /** Types that only sit on a PCIe link below a downstream-facing port. */
    private static boolean pcieBelowAPort(PortType t) {
        return t == PortType.ENDPOINT || t == PortType.LEGACY_ENDPOINT || t == PortType.SWITCH_UPSTREAM
                || t == PortType.PCIE_TO_PCI_BRIDGE;
    }

    private static long key(int domain, int bus) {
        return ((long) domain << 8) | bus;
    }
}
