package org.dmascope.model.kernel.acs;

import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.PortType;

/** Names a function in a sentence the way a kernel developer would: "switch downstream port 0000:02:00.0". */
public final class DeviceWords {
    private DeviceWords() {
    }

    /** Role and address: {@code root port 0000:00:1c.0}. */
    public static String of(PciFunction f) {
        return role(f) + " " + f.address();
    }

    /** The role alone: {@code root port}, {@code endpoint}, {@code PCIe-to-PCI bridge}. */
    public static String role(PciFunction f) {
        if (f.isVirtualFunction()) return "virtual function";
        if (f.portType().isEmpty()) return f.bridge().isPresent() ? "bridge" : "device";
        PortType t = f.portType().get();
        return switch (t) {
            case ROOT_PORT -> "root port";
            case SWITCH_UPSTREAM -> "switch upstream port";
            case SWITCH_DOWNSTREAM -> "switch downstream port";
            case PCIE_TO_PCI_BRIDGE -> "PCIe-to-PCI bridge";
            case PCI_TO_PCIE_BRIDGE -> "PCI-to-PCIe bridge";
            case ENDPOINT -> "endpoint";
            case LEGACY_ENDPOINT -> "legacy endpoint";
            case RC_INTEGRATED_ENDPOINT -> "root-complex integrated endpoint";
            case RC_EVENT_COLLECTOR -> "root-complex event collector";
            case CONVENTIONAL_PCI -> f.bridge().isPresent() ? "conventional PCI bridge" : "conventional PCI device";
        };
    }

    /** {@code vvvv:dddd}, or {@code unknown IDs}. */
    public static String ids(PciFunction f) {
        if (f.identity().vendorId().isEmpty() || f.identity().deviceId().isEmpty()) return "unknown IDs";
        return String.format("%04x:%04x", f.identity().vendorId().getAsInt(), f.identity().deviceId().getAsInt());
    }
}
