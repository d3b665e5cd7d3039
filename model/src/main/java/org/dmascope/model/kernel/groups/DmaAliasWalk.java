package org.dmascope.model.kernel.groups;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.dmascope.model.kernel.acs.DeviceWords;
import org.dmascope.model.kernel.profile.KernelProfile;
import org.dmascope.model.kernel.rule.KernelRule;
import org.dmascope.model.topology.PciBus;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.PciHierarchy;
import org.dmascope.model.topology.PortType;
import org.dmascope.model.topology.Topology;

/**
 * R-GRP-1 {@code pci_for_each_dma_alias(pdev, fn)} (drivers/pci/search.c): every (device, requester
 * ID) pair the IOMMU may see a device's DMA under. In order: the device itself (after
 * {@code pci_real_dma_dev()}), its quirk aliases on its bus, then bus by bus upward: buses without a
 * bridge are skipped, a {@code BRIDGE_XLATE_ROOT} bridge stops the walk, PCIe root/switch ports pass
 * the ID through, a PCIe-to-PCI bridge takes ownership as (secondary bus, 00.0) unless flagged
 * NO_ALIAS, a PCI-to-PCIe bridge as itself, and a conventional bridge as itself (or as
 * (secondary, 00.0) with {@code PCIE_BRIDGE_ALIAS}).
 */
@KernelRule("R-GRP-1")
public final class DmaAliasWalk {
    private final PciHierarchy hierarchy;
    private final VmdOwners vmd;
    private final KernelProfile profile;
    /** Whether a function has an alias quirk or a VMD owner at all: most have neither, and groups ask per pair. */
    private final Map<PciFunction, Boolean> mayAlias = new IdentityHashMap<>();

    public DmaAliasWalk(Topology t, KernelProfile profile) {
        this.hierarchy = t.hierarchy();
        this.vmd = new VmdOwners(t);
        this.profile = profile;
    }

    /** How a step of the walk arose. */
    public enum Kind {
        /** The device's own requester ID. */
        SELF,
        /** The device really DMAs as the VMD controller. */
        VMD,
        /** A quirk alias devfn on the device's own bus. */
        QUIRK_ALIAS,
        /** A PCIe-to-PCI bridge: (secondary bus, 00.0). */
        PCIE_TO_PCI_BRIDGE,
        /** A PCI-to-PCIe bridge: its own ID. */
        PCI_TO_PCIE_BRIDGE,
        /** A conventional PCI bridge: its own ID. */
        CONVENTIONAL_BRIDGE,
        /** A conventional bridge flagged PCIE_BRIDGE_ALIAS: (secondary bus, 00.0). */
        CONVENTIONAL_BRIDGE_PCIE_ALIAS
    }

    /**
     * One call of {@code fn}.
     *
     * @param device the {@code pdev} the callback receives (the owner of the requester ID)
     * @param bus    bus number of the requester ID
     * @param devfn  devfn of the requester ID
     */
    public record Step(PciFunction device, int bus, int devfn, Kind kind, String why) {
        public String rid() {
            return String.format("%02x:%02x.%d", bus, devfn >> 3, devfn & 7);
        }
    }

    /** The walk, plus the bridge that stopped it early (BRIDGE_XLATE_ROOT), if any. */
    public record Result(List<Step> steps, Optional<PciFunction> stoppedAt) {
        public Result {
            steps = List.copyOf(steps);
        }

        /** The last device the callback saw: the top-most owner of the device's DMA. */
        public PciFunction lastDevice() {
            return steps.get(steps.size() - 1).device();
        }
    }

    public Optional<PciFunction> realDmaDevice(PciFunction f) {
        return vmd.realDmaDevice(f);
    }

    public Result walk(PciFunction start) {
        List<Step> steps = new ArrayList<>();
        PciFunction pdev = start;
        Optional<PciFunction> vmdOwner = vmd.realDmaDevice(start);
        if (vmdOwner.isPresent()) {
            pdev = vmdOwner.get();
            steps.add(new Step(pdev, pdev.address().bus(), pdev.address().devfn(), Kind.VMD,
                    "its DMA is issued by VMD controller " + pdev.address() + " (pci_real_dma_dev)"));
        } else {
            steps.add(new Step(pdev, pdev.address().bus(), pdev.address().devfn(), Kind.SELF, "its own requester ID"));
        }
        Optional<DmaAliasQuirks.Aliases> aliases = DmaAliasQuirks.of(pdev);
        if (aliases.isPresent()) {
            for (int df = aliases.get().devfns().nextSetBit(0); df >= 0; df = aliases.get().devfns().nextSetBit(df
                    + 1)) {
                steps.add(new Step(pdev, pdev.address().bus(), df, Kind.QUIRK_ALIAS, aliases.get().why() + " ("
                        + aliases.get().quirk() + ")"));
            }
        }
        PciBus bus = hierarchy.busOf(pdev);
        int guard = 0;
        while (!bus.isRoot() && guard++ < 300) {
            Optional<PciFunction> self = bus.self();
            PciBus parent = bus.parent().orElse(null);
            if (self.isEmpty()) {
                bus = parent;
                if (bus == null) break;
                continue;
            }
            PciFunction t = self.get();
            if (DmaAliasQuirks.bridgeXlateRoot(t)) return new Result(steps, Optional.of(t));
            Optional<PortType> type = t.portType();
            if (type.isPresent() && type.get().isPcie()) {
                switch (type.get()) {
                    case PCIE_TO_PCI_BRIDGE -> {
                        if (!DmaAliasQuirks.pciBridgeNoAlias(t, profile)) {
                            int sec = t.bridge().map(b -> b.secondary()).orElse(bus.number());
                            steps.add(new Step(t, sec, 0, Kind.PCIE_TO_PCI_BRIDGE, DeviceWords.of(t)
                                    + " takes ownership of the requests from its conventional PCI side (requester ID "
                                    + String.format("%02x:00.0", sec) + ")"));
                        }
                    }
                    case PCI_TO_PCIE_BRIDGE -> steps.add(new Step(t, t.address().bus(), t.address().devfn(),
                            Kind.PCI_TO_PCIE_BRIDGE,
                            DeviceWords.of(t) + " forwards requests with its own requester ID"));
                    default -> {
                        // Root ports and switch ports pass the requester ID through unchanged.
                    }
                }
            } else {
                if (DmaAliasQuirks.pcieBridgeAlias(t, hierarchy)) {
                    int sec = t.bridge().map(b -> b.secondary()).orElse(bus.number());
                    steps.add(new Step(t, sec, 0, Kind.CONVENTIONAL_BRIDGE_PCIE_ALIAS, "bridge " + t.address()
                            + " is a PCIe-to-PCI bridge without a PCIe capability (quirk_use_pcie_bridge_dma_alias): "
                                    + "requester ID "
                            + String.format("%02x:00.0", sec)));
                } else {
                    steps.add(new Step(t, t.address().bus(), t.address().devfn(), Kind.CONVENTIONAL_BRIDGE,
                            DeviceWords.of(t) + " forwards requests with its own requester ID"));
                }
            }
            bus = parent;
            if (bus == null) break;
        }
        return new Result(steps, Optional.empty());
    }

    /**
     * {@code pci_devs_are_dma_aliases()}: same bus and one's quirk mask names the other's devfn, or one
     * is the other's real DMA device.
     */
    public boolean areDmaAliases(PciFunction a, PciFunction b) {
        if (!mayAlias(a) && !mayAlias(b)) return false;
        if (vmd.realDmaDevice(a).map(b::equals).orElse(false) || vmd.realDmaDevice(b).map(a::equals)
                .orElse(false)) return true;
        if (a.address().domain() != b.address().domain() || a.address().bus() != b.address().bus()) return false;
        return DmaAliasQuirks.of(a).map(x -> x.contains(b.address().devfn())).orElse(false)
                || DmaAliasQuirks.of(b).map(x -> x.contains(a.address().devfn())).orElse(false);
    }

    private boolean mayAlias(PciFunction f) {
        return mayAlias.computeIfAbsent(f, x -> vmd.realDmaDevice(x).isPresent() || DmaAliasQuirks.of(x).isPresent());
    }

    /** The quirk that makes {@code a} and {@code b} aliases, for reasons. */
    public String aliasQuirkBetween(PciFunction a, PciFunction b) {
        if (vmd.realDmaDevice(a).map(b::equals).orElse(false) || vmd.realDmaDevice(b).map(a::equals).orElse(false)) {
            return "pci_real_dma_dev (VMD)";
        }
        Optional<DmaAliasQuirks.Aliases> x = DmaAliasQuirks.of(a).filter(q -> q.contains(b.address().devfn()));
        if (x.isPresent()) return x.get().quirk();
        return DmaAliasQuirks.of(b).map(DmaAliasQuirks.Aliases::quirk).orElse("DMA alias");
    }
}
