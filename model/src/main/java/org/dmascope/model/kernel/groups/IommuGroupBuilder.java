package org.dmascope.model.kernel.groups;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.dmascope.model.kernel.acs.AcsPathEnabled;
import org.dmascope.model.kernel.acs.AcsRules;
import org.dmascope.model.kernel.acs.AcsState;
import org.dmascope.model.kernel.acs.AcsVerdict;
import org.dmascope.model.kernel.acs.DeviceWords;
import org.dmascope.model.kernel.groups.GroupMember.Mechanism;
import org.dmascope.model.kernel.platform.PlatformAssumptions;
import org.dmascope.model.kernel.rule.KernelRule;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.PciBus;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.PciHierarchy;
import org.dmascope.model.topology.Topology;

/**
 * R-GRP-2 {@code pci_device_group()} (drivers/iommu/iommu.c) applied to every function in the
 * kernel's probe order ({@link PciHierarchy#kernelOrder()}), with group numbers from an IDA in
 * allocation order:
 * <ol>
 *   <li>walk the DMA aliases (R-GRP-1); the first alias owner that already has a group decides;</li>
 *   <li>climb from the last alias owner's bus while the path above is not ACS-isolated
 *       ({@code pci_acs_path_enabled(bus->self, NULL, REQ_ACS_FLAGS)}); a bridge with a group decides;</li>
 *   <li>same-bus DMA aliases (and theirs, recursively) with a group decide;</li>
 *   <li>if the device is multifunction and not ACS-isolated, the other non-isolated functions of its
 *       slot (and their aliases) decide;</li>
 *   <li>otherwise a new group.</li>
 * </ol>
 * Each member carries the reason in a sentence.
 *
 * <p>This is the algorithm of every kernel profile (the function is unchanged from 5.4 to mainline).
 * Jason Gunthorpe's pending "pcie_switch_groups" rework (v3, Sep 2025: ACS as egress-only
 * reachability, {@code pci_reachable_set()}, {@code pci_bus_isolated()}, {@code PCI_ACS_ISOLATED}) is
 * not offered as an option: it is not merged, its group membership for switch ports and MFDs was still
 * changing between revisions, and the reference could not pin it down (GR-2 note), so no answer it gave
 * here could be checked against a kernel.
 */
@KernelRule("R-GRP-2")
public final class IommuGroupBuilder {
    /**
     * Ends the reason of a multifunction device's first function when its slot's other functions are not
     * isolated from it. Whether any of them does join is known only once the whole group is formed: a
     * group that ends with one member shows the reason without it.
     */
    public static final String SLOT_JOINS = "; it is the first of its slot's non-isolated functions to be probed, so "
            + "they join it";

    private final Topology topology;
    private final PciHierarchy hierarchy;
    private final AcsRules acs;
    private final DmaAliasWalk aliasWalk;
    private final PlatformAssumptions assumptions;
    private final List<PciFunction> probeOrder;
    /**
     * The functions of each bus in probe order: the kernel's alias and slot searches walk every device
     * ({@code for_each_pci_dev}) and keep those on the bus; looking only at the bus gives the same answer in the
     * same order without making a machine's grouping quadratic in its size.
     */
    private final Map<Integer, List<PciFunction>> onBus = new HashMap<>();
    private final Map<Bdf, Integer> groupOf = new HashMap<>();
    private final List<List<GroupMember>> groups = new ArrayList<>();

    private IommuGroupBuilder(AcsRules acs) {
        this.acs = acs;
        this.topology = acs.topology();
        this.hierarchy = topology.hierarchy();
        this.assumptions = acs.assumptions();
        this.aliasWalk = new DmaAliasWalk(topology, assumptions.profile());
        this.probeOrder = hierarchy.kernelOrder();
        for (PciFunction f : probeOrder) onBus.computeIfAbsent(busKey(f), k -> new ArrayList<>()).add(f);
    }

    private static int busKey(PciFunction f) {
        return f.address().domain() << 8 | f.address().bus();
    }

    private List<PciFunction> sameBusAs(PciFunction f) {
        return onBus.getOrDefault(busKey(f), List.of());
    }

    public static IommuGroups build(Topology t, PlatformAssumptions a) {
        return build(new AcsRules(t, a));
    }

    public static IommuGroups build(AcsRules acs) {
        return new IommuGroupBuilder(acs).run();
    }

    private IommuGroups run() {
        List<String> notes = new ArrayList<>();
        if (!assumptions.iommuPresent()) {
            notes.add("no IOMMU (" + assumptions.iommuAssumption().source().words()
                    + "): the kernel forms no IOMMU groups");
            return new IommuGroups(false, List.of(), Map.of(), notes);
        }
        Map<Bdf, String> ungrouped = new LinkedHashMap<>();
        for (PciFunction f : probeOrder) {
            Optional<String> excluded = IommuExclusions.reason(f, assumptions);
            if (excluded.isPresent()) {
                ungrouped.put(f.address(), excluded.get());
                continue;
            }
            assign(f);
        }
        List<IommuGroup> out = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) out.add(new IommuGroup(i, groups.get(i)));
        notes.addAll(inputNotes());
        return new IommuGroups(true, out, ungrouped, notes);
    }

    private List<String> inputNotes() {
        List<String> notes = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        int inferredMf = 0;
        for (PciFunction f : topology.functions()) {
            AcsState s = acs.effective().of(f);
            if (!s.note().isEmpty() && s.presence() != AcsState.Presence.UNKNOWN) seen.add(s.note());
            if (acs.multifunction().inferred(f) && acs.multifunction().isMultifunction(f)) inferredMf++;
            if (DmaAliasQuirks.switchtecNtbAliasesUnknown(f)) {
                seen.add(f.address()
                        + " is a Switchtec/PCI100x NTB function: the kernel adds DMA aliases it reads from the device "
                        + "at boot (quirk_switchtec_ntb_dma_alias), which lspci output cannot show; its group may be "
                                + "larger");
            }
        }
        long unknownAcs = topology.functions().stream()
                .filter(f -> acs.effective().of(f).presence() == AcsState.Presence.UNKNOWN).count();
        notes.addAll(seen);
        if (unknownAcs > 0) {
            notes.add(unknownAcs
                    + " function(s) show no extended capabilities in the input; their ACS is treated as absent");
        }
        if (inferredMf > 0) {
            notes.add(inferredMf
                    + " function(s) did not carry the multifunction bit; it was inferred from the functions present "
                    + "in their slot");
        }
        return notes;
    }

    private void assign(PciFunction dev) {
        // Step 1: the alias walk.
        DmaAliasWalk.Result walk = aliasWalk.walk(dev);
        PciFunction pdev = dev;
        for (DmaAliasWalk.Step step : walk.steps()) {
            pdev = step.device();
            Integer g = groupOf.get(pdev.address());
            if (g != null) {
                join(dev, g, Mechanism.ALIAS_WALK, aliasReason(step));
                return;
            }
        }
        // Step 2: climb while the path above is not ACS-isolated.
        PciFunction isolatedAt = null;
        PciBus bus = hierarchy.busOf(pdev);
        int guard = 0;
        while (bus != null && !bus.isRoot() && guard++ < 300) {
            Optional<PciFunction> self = bus.self();
            if (self.isPresent()) {
                AcsPathEnabled.Result path = acs.pathEnabled(self.get(), AcsRules.REQ_ACS_FLAGS);
                if (path.enabled()) {
                    isolatedAt = self.get();
                    break;
                }
                pdev = self.get();
                Integer g = groupOf.get(pdev.address());
                if (g != null) {
                    join(dev, g, Mechanism.BRIDGE_CLIMB, climbReason(pdev, path));
                    return;
                }
            }
            bus = bus.parent().orElse(null);
        }
        // Step 3: same-bus DMA aliases.
        BitSet devfns = new BitSet(256);
        Found found = aliasGroup(pdev, devfns, pdev);
        if (found != null) {
            join(dev, found.group, Mechanism.SAME_BUS_ALIAS, found.reason);
            return;
        }
        // Step 4: non-isolated functions of the same slot.
        found = functionAliasGroup(pdev, devfns);
        if (found != null) {
            join(dev, found.group, Mechanism.SLOT_FUNCTION, found.reason);
            return;
        }
        // Step 5: a new group.
        groups.add(new ArrayList<>());
        join(dev, groups.size() - 1, Mechanism.NEW_GROUP, newGroupReason(dev, pdev, isolatedAt));
    }

    private void join(PciFunction dev, int group, Mechanism m, String reason) {
        groupOf.put(dev.address(), group);
        groups.get(group).add(new GroupMember(dev.address(), m, reason));
    }

    /** A group found by the alias/slot searches and how it was reached. */
    private record Found(int group, String reason) {
    }

    /** {@code get_pci_alias_group()}. */
    private Found aliasGroup(PciFunction pdev, BitSet devfns, PciFunction origin) {
        int df = pdev.address().devfn() & 0xff;
        if (devfns.get(df)) return null;
        devfns.set(df);
        Integer g = groupOf.get(pdev.address());
        if (g != null) return new Found(g, "");
        for (PciFunction tmp : sameBusAs(pdev)) {
            if (tmp == pdev) continue;
            if (!aliasWalk.areDmaAliases(pdev, tmp)) continue;
            Found f = aliasGroup(tmp, devfns, origin);
            if (f == null) f = functionAliasGroup(tmp, devfns);
            if (f != null) {
                String why = "DMA alias of " + tmp.address() + " on the same bus (" + aliasWalk.aliasQuirkBetween(pdev,
                        tmp) + ")";
                return new Found(f.group, f.reason.isEmpty() ? why : why + ", which " + lowerFirst(f.reason));
            }
        }
        return null;
    }

    /** {@code get_pci_function_alias_group()}. */
    private Found functionAliasGroup(PciFunction pdev, BitSet devfns) {
        if (!acs.multifunction().isMultifunction(pdev)) return null;
        AcsVerdict own = acs.enabled(pdev, AcsRules.REQ_ACS_FLAGS);
        if (own.enabled()) return null;
        for (PciFunction tmp : sameBusAs(pdev)) {
            if (tmp == pdev || tmp.address().device() != pdev.address().device()) continue;
            if (acs.enabled(tmp, AcsRules.REQ_ACS_FLAGS).enabled()) continue;
            Found f = aliasGroup(tmp, devfns, pdev);
            if (f != null) {
                String why = "function of a multifunction slot without ACS isolation (" + pdev.address() + " "
                        + own.clause()
                        + "), so it shares the group of " + tmp.address();
                return new Found(f.group, f.reason.isEmpty() ? why : why + ", " + lowerFirst(f.reason));
            }
        }
        return null;
    }

    private String aliasReason(DmaAliasWalk.Step step) {
        PciFunction owner = step.device();
        return switch (step.kind()) {
            case VMD -> "behind VMD controller " + owner.address() + ", which issues its DMA (pci_real_dma_dev)";
            case PCIE_TO_PCI_BRIDGE -> "aliased by PCIe-to-PCI bridge " + owner.address()
                    + ": the IOMMU sees its DMA as requester ID " + step.rid();
            case CONVENTIONAL_BRIDGE_PCIE_ALIAS -> "aliased by bridge " + owner.address()
                    + " (a PCIe-to-PCI bridge without a PCIe capability, quirk_use_pcie_bridge_dma_alias): requester "
                            + "ID " + step.rid();
            case PCI_TO_PCIE_BRIDGE, CONVENTIONAL_BRIDGE -> "aliased by " + DeviceWords.of(owner)
                    + ": its DMA reaches the IOMMU with that bridge's requester ID " + step.rid();
            case SELF, QUIRK_ALIAS -> "DMA alias of " + owner.address();
        };
    }

    private String climbReason(PciFunction bridge, AcsPathEnabled.Result path) {
        AcsPathEnabled.Step failing = path.failing().orElseThrow();
        String head = "behind " + DeviceWords.of(bridge);
        if (failing.device() == bridge) return head + ", which " + failing.verdict().clause();
        return head + "; the path above it is not ACS-isolated because " + DeviceWords.of(failing.device()) + " "
                + failing.verdict().clause();
    }

    private String newGroupReason(PciFunction dev, PciFunction pdev, PciFunction isolatedAt) {
        String slot = "";
        if (acs.multifunction().isMultifunction(dev) && !acs.enabled(dev, AcsRules.REQ_ACS_FLAGS).enabled()) {
            slot = SLOT_JOINS;
        }
        if (pdev != dev) {
            return "first device of the group that forms at " + DeviceWords.of(pdev) + slot;
        }
        PciBus bus = hierarchy.busOf(dev);
        if (isolatedAt == null) {
            String root = bus.host().map(h -> h.id()).orElse(String.format("bus %04x:%02x", bus.domain(),
                    bus.number()));
            if (!bus.isRoot()) root = String.format("bus %04x:%02x", bus.domain(), bus.number());
            return "isolated: it sits on the root bus of " + root + slot;
        }
        AcsPathEnabled.Result path = acs.pathEnabled(isolatedAt, AcsRules.REQ_ACS_FLAGS);
        List<String> parts = new ArrayList<>();
        for (AcsPathEnabled.Step s : path.checked()) parts.add(DeviceWords.of(s.device()) + " " + s.verdict().clause());
        return "isolated: the path to the root is ACS-isolated (" + String.join("; ", parts) + ")" + slot;
    }

    private static String lowerFirst(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}
