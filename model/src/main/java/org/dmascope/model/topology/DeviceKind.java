package org.dmascope.model.topology;

/**
 * A coarse kind of device, from the PCI class code (or, when that is unknown, from the port type
 * and name), used to pick an icon and to tell DMA-capable endpoints from plumbing.
 */
public enum DeviceKind {
    HOST_BRIDGE("host bridge"),
    ROOT_PORT("root port"),
    SWITCH_PORT("switch port"),
    PCI_BRIDGE("PCI bridge"),
    GPU("GPU / display"),
    ACCELERATOR("accelerator"),
    NVME("NVMe storage"),
    STORAGE("storage controller"),
    NETWORK("network"),
    USB("USB controller"),
    AUDIO("audio / multimedia"),
    SYSTEM("system peripheral"),
    OTHER("device");

    private final String label;

    DeviceKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** True for kinds that move data by DMA on their own (endpoints that are not plumbing). */
    public boolean isDmaInitiator() {
        return switch (this) {
            case GPU, ACCELERATOR, NVME, STORAGE, NETWORK, USB, AUDIO, OTHER -> true;
            default -> false;
        };
    }

    /** Classifies a function by its port type and class code. */
    public static DeviceKind of(PciFunction f) {
        if (f.portType().isPresent()) {
            switch (f.portType().get()) {
                case ROOT_PORT: return ROOT_PORT;
                case SWITCH_UPSTREAM:
                case SWITCH_DOWNSTREAM: return SWITCH_PORT;
                case PCIE_TO_PCI_BRIDGE:
                case PCI_TO_PCIE_BRIDGE: return PCI_BRIDGE;
                default: break;
            }
        }
        var cls = f.identity().classAndSubclass();
        if (cls.isEmpty()) {
            return f.bridge().isPresent() ? PCI_BRIDGE : OTHER;
        }
        int c = cls.getAsInt();
        int base = c >> 8;
        if (c == 0x0600) return HOST_BRIDGE;
        if (c == 0x0604 || c == 0x0609) return f.bridge().isPresent() || f.portType().isEmpty() ? PCI_BRIDGE : OTHER;
        if (c == 0x0108) return NVME;
        if (c == 0x0C03) return USB;
        if (c == 0x0C06) return NETWORK; // InfiniBand
        return switch (base) {
            case 0x01 -> STORAGE;
            case 0x02 -> NETWORK;
            case 0x03 -> GPU;
            case 0x04 -> AUDIO;
            case 0x06 -> PCI_BRIDGE;
            case 0x08 -> SYSTEM;
            case 0x0B, 0x12 -> ACCELERATOR;
            default -> OTHER;
        };
    }
}
