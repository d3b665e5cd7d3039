package org.dmascope.model.kernel.p2p;

import java.util.Optional;

import org.dmascope.model.kernel.profile.KernelProfile;
import org.dmascope.model.topology.PciBus;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.PortType;

/**
 * {@code pci_host_bridge_dev(host)} (drivers/pci/p2pdma.c; section 1.1): the first device in the
 * root bus's device list, accepted if its devfn is 00.0 or, since commit 1af7c26c59eb "PCI/P2PDMA:
 * Whitelist Intel Skylake-E Root Ports at any devfn" (April 2022, so v5.19 at the earliest; absent from
 * the 5.15 tree read), if it is a PCIe root port.
 */
public final class HostBridgeDevice {
    private HostBridgeDevice() {
    }

    /** The outcome: the device, or why there is none. */
    public record Result(Optional<PciFunction> device, String words) {
    }

    public static Result of(PciBus rootBus, KernelProfile profile) {
        if (rootBus.devices().isEmpty()) return new Result(Optional.empty(), "its root bus has no devices");
        PciFunction first = rootBus.devices().get(0);
        if (first.address().devfn() == 0) return new Result(Optional.of(first), "device 00.0 on the root bus");
        boolean rootPort = first.portType().orElse(null) == PortType.ROOT_PORT;
        if (rootPort && profile.atLeast(5, 19)) {
            return new Result(Optional.of(first),
                    "the first device on the root bus, a root port (accepted at any devfn since v5.19)");
        }
        String why = rootPort
                ? "the first device on the root bus, " + first.address() + ", is a root port but not 00.0, which Linux "
                + profile.id() + " does not accept (root ports at any devfn came later, around v5.19)"
                : "the first device on the root bus, " + first.address() + ", is neither 00.0 nor a root port";
        return new Result(Optional.empty(), why);
    }
}
