package org.dmascope.model.kernel.doctor;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.UnaryOperator;

import org.dmascope.model.kernel.TopologyRules;
import org.dmascope.model.kernel.acs.AcsRules;
import org.dmascope.model.kernel.acs.AcsState;
import org.dmascope.model.kernel.acs.EffectiveAcs;
import org.dmascope.model.kernel.groups.GroupMember;
import org.dmascope.model.kernel.groups.IommuGroup;
import org.dmascope.model.kernel.platform.PlatformAssumptions;
import org.dmascope.model.kernel.profile.KernelProfile;
import org.dmascope.model.topology.Acs;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.PciBus;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.PciHierarchy;
import org.dmascope.model.topology.PortType;
import org.dmascope.model.topology.Topology;

/**
 * The grouping doctor: for an IOMMU group of more than one device, the functions whose lack of ACS isolation
 * (R-ACS-2) joins the members, the facts about them the input does not give (each answered both ways), and the
 * smallest changes that split the group: re-running lspci, a boot option ({@code pci=config_acs=}), enabling the
 * IOMMU, another kernel, or moving a card. Every answer comes from running R-GRP-2 again with the change.
 */
final class GroupDoctor {
    /** Above this many functions with unknown facts, only their combined premise is given. */
    private static final int MAX_SINGLE_PREMISES = 3;
    private final WhatIf whatIf;
    private final TopologyRules rules;
    private final Topology topology;
    private final PciHierarchy hierarchy;
    private final AcsRules acs;

    GroupDoctor(WhatIf whatIf) {
        this.whatIf = whatIf;
        this.rules = whatIf.base();
        this.topology = rules.topology();
        this.hierarchy = topology.hierarchy();
        this.acs = rules.acsRules();
    }

    Diagnosis diagnose(IommuGroup g) {
        List<Bdf> members = g.addresses();
        String subject = "group " + g.id();
        String now = "one group of " + members.size() + " " + WhatIf.set(members);
        if (members.size() < 2) return new Diagnosis(subject, "a group of its own", List.of(), List.of());
        List<Premise> premises = new ArrayList<>();
        List<Advice> advice = new ArrayList<>();
        Set<PciFunction> blockers = blockers(g);
        Map<Bdf, UnaryOperator<PciFunction>> unknownEdits = new LinkedHashMap<>();
        List<Premise> single = new ArrayList<>();
        Set<String> slotsAsked = new LinkedHashSet<>();
        for (PciFunction b : blockers) {
            unknownFact(b, members, now, single, unknownEdits, slotsAsked);
            registerChange(b, members, advice);
        }
        // One premise per function reads well for a few; for a whole slot of unknowns the combined one says it.
        if (unknownEdits.size() <= MAX_SINGLE_PREMISES) premises.addAll(single);
        else premises.addAll(single.stream().filter(p -> p.assumption().startsWith("slot ")).toList());
        if (unknownEdits.size() > 1) {
            TopologyRules r = whatIf.withFunctions(unknownEdits);
            if (WhatIf.parts(r, members) > 1) {
                premises.add(new Premise("the input shows everything the kernel reads about "
                        + WhatIf.set(new ArrayList<>(unknownEdits.keySet())) + " as absent", now,
                        "all of them are PCIe ports or endpoints with ACS enabled", "the members fall into "
                                + WhatIf.partition(r, members), rerun(unknownEdits.keySet())));
            }
        }
        kernelVersions(members, advice);
        moveCard(g, advice);
        return new Diagnosis(subject, now, premises, advice);
    }

    /** The functions whose R-ACS-2 verdict is "not isolated" and that join the members. */
    private Set<PciFunction> blockers(IommuGroup g) {
        Set<PciFunction> out = new LinkedHashSet<>();
        for (GroupMember m : g.members()) {
            PciFunction f = topology.function(m.address()).orElseThrow();
            if (acs.multifunction().isMultifunction(f) && !acs.enabled(f, AcsRules.REQ_ACS_FLAGS).enabled()) {
                out.add(f);
            }
            PciBus bus = hierarchy.busOf(f);
            int guard = 0;
            while (bus != null && !bus.isRoot() && guard++ < 300) {
                Optional<PciFunction> self = bus.self();
                if (self.isPresent() && !acs.enabled(self.get(), AcsRules.REQ_ACS_FLAGS).enabled()) out.add(self.get());
                bus = bus.parent().orElse(null);
            }
        }
        return out;
    }

    /** A fact about {@code b} that the input lacks: answered both ways. */
    private void unknownFact(PciFunction b, List<Bdf> members, String now, List<Premise> premises,
                             Map<Bdf, UnaryOperator<PciFunction>> unknownEdits, Set<String> slotsAsked) {
        boolean root = hierarchy.busOf(b).isRoot();
        if (b.portType().isEmpty()) {
            PortType likely = WhatIf.likelyType(b, root);
            UnaryOperator<PciFunction> edit = f -> WhatIf.acsEnabled(f.toBuilder().portType(likely).build());
            answer(b, edit, members, now, b.address() + " is conventional PCI (the input does not show its PCIe "
                    + "capability)", "it is " + article(likely.label()) + " with ACS enabled", premises, unknownEdits);
            return;
        }
        AcsState s = acs.effective().of(b);
        if (s.presence() == AcsState.Presence.UNKNOWN) {
            answer(b, WhatIf::acsEnabled, members, now, b.address() + " has no ACS (the input does not show its "
                    + "extended capabilities)", "it has ACS with SV|RR|CR|UF enabled", premises, unknownEdits);
            return;
        }
        Optional<Acs> shown = b.acs();
        if (s.present() && shown.isPresent() && shown.get().control().isEmpty()) {
            OptionalInt cap = shown.get().capability();
            int set = WhatIf.ENABLED & cap.orElse(WhatIf.ENABLED);
            UnaryOperator<PciFunction> edit = f -> f.toBuilder().acs(Optional.of(new Acs(true, cap,
                    OptionalInt.of(set)))).build();
            answer(b, edit, members, now, "the ACS control of " + b.address() + " is " + String.format("0x%04x",
                    s.control()) + " (the input shows no ACSCtl line: " + (s.note().isEmpty() ? "taken from the "
                    + "kernel's enable rule" : s.note()) + ")", "its control has " + Acs.shortBits(set) + " set",
                    premises, unknownEdits);
            return;
        }
        if (b.identity().vendorId().isEmpty() && b.portType().get() == PortType.RC_INTEGRATED_ENDPOINT) {
            answer(b, WhatIf::intel, members, now, b.address() + " is not Intel's (the input gives no vendor ID)",
                    "it is Intel's, so pci_quirk_rciep_acs isolates it", premises, unknownEdits);
            return;
        }
        if (acs.multifunction().inferred(b) && acs.multifunction().isMultifunction(b) && slotsAsked.add(slotName(b))) {
            List<PciFunction> slot = topology.functions().stream().filter(f -> sameSlot(f, b)).toList();
            Map<Bdf, UnaryOperator<PciFunction>> edits = new LinkedHashMap<>();
            for (PciFunction f : slot) edits.put(f.address(), WhatIf::singleFunction);
            TopologyRules r = whatIf.withFunctions(edits);
            if (WhatIf.parts(r, members) > 1) {
                premises.add(new Premise("slot " + slotName(b) + " is one multifunction device (inferred from the "
                        + "functions present; the input does not show the header type)", now,
                        "its functions are separate devices, e.g. SR-IOV VFs", "the members fall into "
                                + WhatIf.partition(r, members), rerun(List.of(b.address()))));
            }
        }
    }

    private void answer(PciFunction b, UnaryOperator<PciFunction> edit, List<Bdf> members, String now,
                        String assumption, String otherwise, List<Premise> premises,
                        Map<Bdf, UnaryOperator<PciFunction>> unknownEdits) {
        TopologyRules r = whatIf.withFunction(b.address(), edit);
        unknownEdits.put(b.address(), edit);
        String other = WhatIf.parts(r, members) > 1 ? "the members fall into " + WhatIf.partition(r, members)
                : "the group stays as it is";
        premises.add(new Premise(assumption, now, otherwise, other, rerun(List.of(b.address()))));
    }

    /** A port with an ACS capability whose control lacks bits: the IOMMU or {@code pci=config_acs=} sets them. */
    private void registerChange(PciFunction b, List<Bdf> members, List<Advice> advice) {
        AcsState s = acs.effective().of(b);
        if (!s.present() || EffectiveAcs.rootPortAcsAssumed(b)) return;
        PlatformAssumptions a = rules.assumptions();
        if (!a.acsRequested()) {
            TopologyRules r = whatIf.with(a.overrides().withAcsRequested(true));
            if (WhatIf.parts(r, members) > 1) {
                advice.add(new Advice(new Change(Change.Kind.IOMMU, "boot with the IOMMU enabled (intel_iommu=on, or "
                        + "firmware that describes it), so the kernel requests ACS and sets SV|RR|CR|UF on "
                        + b.address(), "--acs-requested yes"), "the members fall into " + WhatIf.partition(r, members),
                        true));
            }
            return;
        }
        String option = "pci=config_acs=111x1@" + b.address();
        KernelProfile p = a.profile();
        TopologyRules r = whatIf.with(whatIf.withOption(option));
        if (p.atLeast(6, 11) && WhatIf.parts(r, members) > 1) {
            advice.add(new Advice(new Change(Change.Kind.BOOT_OPTION, "boot with " + option + " (sets SV, RR, CR "
                    + "and UF on " + b.address() + "; v6.11+)", "--cmdline \"" + option + "\""),
                    "the members fall into " + WhatIf.partition(r, members), true));
        }
    }

    private void kernelVersions(List<Bdf> members, List<Advice> advice) {
        PlatformAssumptions a = rules.assumptions();
        for (KernelProfile p : KernelProfile.values()) {
            if (p == a.profile()) continue;
            TopologyRules r = whatIf.with(a.overrides().withProfile(p));
            if (WhatIf.parts(r, members) > 1) {
                advice.add(new Advice(new Change(Change.Kind.KERNEL_VERSION, "run " + p.label(), "--kernel " + p.id()),
                        "the members fall into " + WhatIf.partition(r, members), true));
            }
        }
    }

    /** Endpoints behind a port that does not isolate: a slot whose path to the root is ACS-isolated separates them. */
    private void moveCard(IommuGroup g, List<Advice> advice) {
        Set<Bdf> inGroup = new LinkedHashSet<>(g.addresses());
        List<PciFunction> cards = new ArrayList<>();
        for (GroupMember m : g.members()) {
            PciFunction f = topology.function(m.address()).orElseThrow();
            if (f.bridge().isEmpty() && !hierarchy.busOf(f).isRoot() && m.mechanism() != GroupMember.Mechanism
                    .SLOT_FUNCTION) {
                cards.add(f);
            }
        }
        if (cards.isEmpty()) return;
        PciFunction card = cards.get(0);
        Set<Bdf> above = new LinkedHashSet<>();
        for (PciFunction up = hierarchy.parentBridge(card).orElse(null); up != null;
                up = hierarchy.parentBridge(up).orElse(null)) {
            if (!above.add(up.address())) break;
        }
        // Empty slots first: a port whose bus holds nothing can take the card as it is.
        List<Bdf> empty = new ArrayList<>();
        List<Bdf> taken = new ArrayList<>();
        for (PciFunction p : topology.functions()) {
            if (inGroup.contains(p.address()) || above.contains(p.address()) || p.portType().isEmpty()) continue;
            PortType t = p.portType().get();
            if (t != PortType.ROOT_PORT && t != PortType.SWITCH_DOWNSTREAM) continue;
            if (!acs.pathEnabled(p, AcsRules.REQ_ACS_FLAGS).enabled()) continue;
            boolean free = hierarchy.secondaryBus(p).map(b -> b.devices().isEmpty()).orElse(true);
            (free ? empty : taken).add(p.address());
        }
        List<Bdf> isolating = new ArrayList<>(empty);
        isolating.addAll(taken);
        if (isolating.isEmpty()) {
            advice.add(new Advice(new Change(Change.Kind.MOVE_CARD, "move " + card.address() + " to a slot whose "
                    + "port and every port above it isolate with ACS (none in this input does)", ""),
                    "it would get a group of its own (its own functions stay together unless they have ACS)", false));
            return;
        }
        List<Bdf> shown = isolating.subList(0, Math.min(3, isolating.size()));
        advice.add(new Advice(new Change(Change.Kind.MOVE_CARD, "move " + card.address() + " to the slot of "
                + String.join(" or ", shown.stream().map(b -> b + (empty.contains(b) ? " (empty)" : "")).toList())
                + ", whose path to the root is ACS-isolated", ""),
                "it would get a group of its own (its own functions stay together unless they have ACS)", false));
    }

    private static String article(String noun) {
        return ("AEIOU".indexOf(Character.toUpperCase(noun.charAt(0))) >= 0 ? "an " : "a ") + noun;
    }

    private static boolean sameSlot(PciFunction a, PciFunction b) {
        return a.address().domain() == b.address().domain() && a.address().bus() == b.address().bus()
                && a.address().device() == b.address().device();
    }

    private static String slotName(PciFunction b) {
        return String.format("%04x:%02x:%02x", b.address().domain(), b.address().bus(), b.address().device());
    }

    static Change rerun(Collection<Bdf> about) {
        return new Change(Change.Kind.RERUN_LSPCI, "re-run `lspci -nn -vvv` as root so the export shows "
                + String.join(", ", about.stream().map(Bdf::toString).toList()) + " in full", "");
    }
}
