package org.dmascope.model.topology;

import java.util.Arrays;
import java.util.Optional;

/**
 * What kind of PCI function this is, in the kernel's terms ({@code pci_pcie_type()} for PCIe
 * functions, or conventional PCI when the function has no PCI Express capability).
 */
public enum PortType {
    ENDPOINT("endpoint", "Endpoint", 0x0, true),
    LEGACY_ENDPOINT("legacy-endpoint", "Legacy Endpoint", 0x1, true),
    ROOT_PORT("root-port", "Root Port", 0x4, true),
    SWITCH_UPSTREAM("switch-upstream", "Switch Upstream Port", 0x5, true),
    SWITCH_DOWNSTREAM("switch-downstream", "Switch Downstream Port", 0x6, true),
    PCIE_TO_PCI_BRIDGE("pcie-to-pci-bridge", "PCI Express to PCI/PCI-X Bridge", 0x7, true),
    PCI_TO_PCIE_BRIDGE("pci-to-pcie-bridge", "PCI/PCI-X to PCI Express Bridge", 0x8, true),
    RC_INTEGRATED_ENDPOINT("rc-integrated-endpoint", "Root Complex Integrated Endpoint", 0x9, true),
    RC_EVENT_COLLECTOR("rc-event-collector", "Root Complex Event Collector", 0xA, true),
    CONVENTIONAL_PCI("conventional-pci", "Conventional PCI", -1, false);

    private final String jsonName;
    private final String label;
    private final int pcieTypeCode;
    private final boolean pcie;

    PortType(String jsonName, String label, int pcieTypeCode, boolean pcie) {
        this.jsonName = jsonName;
        this.label = label;
        this.pcieTypeCode = pcieTypeCode;
        this.pcie = pcie;
    }

    /** The name used in topology JSON, e.g. {@code switch-downstream}. */
    public String jsonName() {
        return jsonName;
    }

    /** A human label, as lspci words it. */
    public String label() {
        return label;
    }

    /** The PCI Express capability's device/port type field (bits 7:4), or -1 for conventional PCI. */
    public int pcieTypeCode() {
        return pcieTypeCode;
    }

    /** {@code pci_is_pcie()}: the function has a PCI Express capability. */
    public boolean isPcie() {
        return pcie;
    }

    /** True for the port types that forward TLPs to a secondary bus. */
    public boolean isBridgePort() {
        return switch (this) {
            case ROOT_PORT, SWITCH_UPSTREAM, SWITCH_DOWNSTREAM, PCIE_TO_PCI_BRIDGE, PCI_TO_PCIE_BRIDGE -> true;
            default -> false;
        };
    }

    public static Optional<PortType> fromJsonName(String name) {
        return Arrays.stream(values()).filter(t -> t.jsonName.equals(name)).findFirst();
    }

    public static Optional<PortType> fromPcieTypeCode(int code) {
        return Arrays.stream(values()).filter(t -> t.pcieTypeCode == code && t.pcie).findFirst();
    }
}
