package org.dmascope.views.topology;

import java.util.Locale;
import java.util.Optional;

import org.dmascope.model.topology.HostBridge;
import org.dmascope.model.topology.NumaNode;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.PciIdentity;
import org.dmascope.model.topology.PortType;
import org.dmascope.model.util.ByteSize;

/** The short texts the canvas shows for devices, host bridges and NUMA nodes. */
public final class DeviceText {
    private DeviceText() {
    }

    /**
     * A name that fits a card, its distinguishing part first ({@link CardName}): the marketing name
     * lspci puts in brackets after a chip code ({@code GP102 [TITAN X]} → {@code TITAN X}), a model
     * number before the words every such device shares ({@code NVMe SSD Controller SM981/PM981/PM983}
     * → {@code SM981/PM981/PM983 NVMe SSD Controller}); devices that do DMA get the vendor's short name
     * in front ({@code NVIDIA TITAN X}), ports and chipset functions, named after the CPU, do not.
     */
    public static String shortName(PciFunction f) {
        return name(f, f.kind().isDmaInitiator());
    }

    /** The short name with the vendor's short name in front, for titles: {@code Broadcom PEX88096 …}. */
    public static String title(PciFunction f) {
        return name(f, true);
    }

    private static String name(PciFunction f, boolean withVendor) {
        PciIdentity id = f.identity();
        if (id.deviceName().isEmpty()) return id.displayName();
        CardName.Parts parts = id.vendorName().isPresent()
                ? new CardName.Parts(id.vendorName(), id.deviceName().get())
                : CardName.split(id.deviceName().get());
        String name = CardName.distinguishing(parts.device());
        Optional<String> vendor = parts.vendor().map(CardName::vendorWord).filter(v -> !v.isEmpty());
        if (withVendor && vendor.isPresent()
                && !name.toLowerCase(Locale.ROOT).startsWith(vendor.get().toLowerCase(Locale.ROOT))) {
            return vendor.get() + " " + name;
        }
        return name;
    }

    /** The full name for tooltips: vendor and device as lspci prints them. */
    public static String fullName(PciFunction f) {
        PciIdentity id = f.identity();
        if (id.vendorName().isPresent() && id.deviceName().isPresent()) {
            return id.vendorName().get() + " " + id.deviceName().get();
        }
        return id.displayName();
    }

    /** What the function is, and its driver: {@code GPU / display · nvidia}. */
    public static String detail(PciFunction f) {
        String what = f.portType()
                .filter(t -> t == PortType.ROOT_PORT || t == PortType.SWITCH_UPSTREAM || t == PortType.SWITCH_DOWNSTREAM
                        || t == PortType.PCIE_TO_PCI_BRIDGE || t == PortType.PCI_TO_PCIE_BRIDGE)
                .map(t -> t.label().toLowerCase(Locale.ROOT))
                .orElseGet(() -> kindLabel(f));
        String kind = f.isVirtualFunction() ? "virtual function · " + what : what;
        return f.driver().map(d -> kind + " · " + d).orElse(kind);
    }

    /**
     * The tab on a card's top edge, empty for none: {@code untrusted} (an external-facing port's device),
     * {@code P2P mem} (it publishes P2P memory), {@code SR-IOV}. The canvas's cards show the same tab.
     */
    public static String badge(PciFunction f) {
        if (f.untrusted().orElse(false)) return "untrusted";
        if (f.p2pMemory().stream().anyMatch(m -> m.published())) return "P2P mem";
        if (f.sriov().isPresent()) return "SR-IOV";
        return "";
    }

    static String kindLabel(PciFunction f) {
        return f.kind().label();
    }

    public static String switchTitle(PciFunction upstreamPort) {
        return "PCIe switch · " + title(upstreamPort);
    }

    public static String hostBridgeTitle(HostBridge hb) {
        return "Host bridge " + hb.id();
    }

    public static String hostBridgeDetail(HostBridge hb) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "domain %04x · root bus %02x", hb.domain(),
                hb.rootBus()));
        hb.busRange().ifPresent(r -> sb.append(" · buses ").append(r));
        return sb.toString();
    }

    public static String numaTitle(NumaNode n) {
        StringBuilder sb = new StringBuilder("NUMA node ").append(n.id());
        n.socket().ifPresent(s -> sb.append(" · socket ").append(s));
        n.cpus().ifPresent(c -> sb.append(" · CPUs ").append(c));
        if (!n.memory().isEmpty()) sb.append(" · ").append(ByteSize.human(n.totalMemory())).append(" RAM");
        return sb.toString();
    }

    public static String numaTitle(int id) {
        return "NUMA node " + id + " (not described)";
    }

    public static final String UNKNOWN_NUMA_TITLE = "NUMA node unknown";
    public static final String ORPHAN_GROUP_TITLE = "Upstream unknown: buses no host bridge leads to";
}
