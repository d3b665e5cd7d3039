package org.dmascope.model.kernel.doctor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.UnaryOperator;

import org.dmascope.model.kernel.TopologyRules;
import org.dmascope.model.kernel.acs.AcsState;
import org.dmascope.model.kernel.acs.EffectiveAcs;
import org.dmascope.model.kernel.p2p.P2pMapType;
import org.dmascope.model.kernel.p2p.P2pVerdict;
import org.dmascope.model.kernel.p2p.RedirectPort;
import org.dmascope.model.kernel.platform.CpuIdentity;
import org.dmascope.model.kernel.platform.PlatformAssumptions;
import org.dmascope.model.kernel.profile.KernelProfile;
import org.dmascope.model.topology.Acs;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.PciBus;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.Platform.CpuVendor;
import org.dmascope.model.topology.Topology;

/**
 * The P2P doctor: for a NOT_SUPPORTED or THRU_HOST_BRIDGE pair (R-P2P-5), the facts the verdict rests on that the
 * input does not give (CPU, ACS of ports whose capabilities are not shown), each answered both ways, and the
 * smallest changes that alter it: {@code pci=disable_acs_redir=} for the ports that redirect, setting the CPU, a
 * kernel version, re-running lspci, or moving a card. Every verified answer comes from running the rules again.
 */
final class P2pDoctor {
    private final WhatIf whatIf;
    private final TopologyRules rules;
    private final Topology topology;

    P2pDoctor(WhatIf whatIf) {
        this.whatIf = whatIf;
        this.rules = whatIf.base();
        this.topology = rules.topology();
    }

    Diagnosis diagnose(P2pVerdict v) {
        String subject = v.client() + " → memory of " + v.provider();
        String now = words(v);
        if (v.mapType() != P2pMapType.NOT_SUPPORTED && v.mapType() != P2pMapType.THRU_HOST_BRIDGE) {
            return new Diagnosis(subject, now, List.of(), List.of());
        }
        List<Premise> premises = new ArrayList<>();
        List<Advice> advice = new ArrayList<>();
        PlatformAssumptions a = rules.assumptions();
        if (!v.acsRedirects().isEmpty()) {
            String option = "pci=disable_acs_redir=" + String.join(";", v.acsRedirects().stream()
                    .map(RedirectPort::device).map(Bdf::toString).toList());
            TopologyRules r = whatIf.with(whatIf.withOption(option));
            advice.add(new Advice(new Change(Change.Kind.BOOT_OPTION, "boot with " + option, "--cmdline \"" + option
                    + "\""), words(r.p2p(v.provider(), v.client())), true));
        }
        // The CPU is in doubt when the input does not say which it is, or when it was inferred from a device.
        Optional<String> cpuDoubt = a.cpu().vendor().isEmpty()
                ? Optional.of("the CPU is not an AMD Zen (the input does not say which CPU it is)")
                : a.cpuInference().map(i -> "the CPU is " + a.cpu().words() + ", " + i.sentence());
        if (v.mapType() == P2pMapType.NOT_SUPPORTED && cpuDoubt.isPresent()) {
            TopologyRules r = whatIf.with(a.overrides().withCpu(CpuIdentity.of(CpuVendor.AMD, 0x19)));
            P2pVerdict other = r.p2p(v.provider(), v.client());
            if (other.mapType() != v.mapType()) {
                Change set = new Change(Change.Kind.SET_CPU, "set the CPU in Platform & Kernel (or --cpu)",
                        "--cpu amd:0x19");
                premises.add(new Premise(cpuDoubt.get(), now,
                        "an AMD Zen or later, family 17h+, which cpu_supports_p2pdma() accepts", words(other), set));
                advice.add(new Advice(set, "with an AMD family 19h CPU: " + words(other), true));
            }
        }
        unknownPorts(v, now, premises);
        for (KernelProfile p : KernelProfile.values()) {
            if (p == a.profile()) continue;
            P2pVerdict other = whatIf.with(a.overrides().withProfile(p)).p2p(v.provider(), v.client());
            if (other.mapType() != v.mapType()) {
                advice.add(new Advice(new Change(Change.Kind.KERNEL_VERSION, "run " + p.label(), "--kernel " + p.id()),
                        words(other), true));
            }
        }
        hostBridgeDevice(v, advice);
        boolean cards = !onRootBus(v.provider()) && !onRootBus(v.client());
        if (cards && (v.commonUpstream().isEmpty() || !v.acsRedirects().isEmpty())) {
            advice.add(new Advice(new Change(Change.Kind.MOVE_CARD, "put " + v.provider() + " and " + v.client()
                    + " below one PCIe switch whose ports do not redirect", ""),
                    "BUS_ADDR: the traffic would turn in the switch (calc_map_type_and_dist finds a common upstream "
                            + "bridge and no redirect)", false));
        }
        List<String> notes = new ArrayList<>();
        if (advice.isEmpty() && premises.isEmpty()) {
            notes.add("no change within reach alters it: " + (cards ? "the rules give the same answer under every "
                    + "kernel profile and CPU" : "a device integrated in the root complex cannot move below a switch, "
                    + "and the rules give the same answer under every kernel profile and CPU"));
        }
        return new Diagnosis(subject, now, premises, advice, notes);
    }

    private boolean onRootBus(Bdf b) {
        return topology.function(b).map(f -> topology.hierarchy().busOf(f).isRoot()).orElse(true);
    }

    /** Ports on either path whose ACS the input does not show: the verdict the other way. */
    private void unknownPorts(P2pVerdict v, String now, List<Premise> premises) {
        Set<Bdf> path = new LinkedHashSet<>(v.providerPath());
        path.addAll(v.clientPath());
        Map<Bdf, UnaryOperator<PciFunction>> edits = new LinkedHashMap<>();
        List<String> assumed = new ArrayList<>();
        List<String> others = new ArrayList<>();
        int single = 0;
        for (Bdf b : path) {
            PciFunction f = topology.function(b).orElse(null);
            if (f == null) continue;
            UnaryOperator<PciFunction> edit;
            String assumption;
            String otherwise;
            if (EffectiveAcs.rootPortAcsAssumed(f)) {
                edit = WhatIf::acsAbsent;
                assumption = "root port " + b + " has ACS with the kernel's bits set (the input does not show its "
                        + "capabilities)";
                otherwise = "it has no ACS capability";
            } else if (rules.acsRules().effective().of(f).presence() == AcsState.Presence.UNKNOWN
                    && f.bridge().isPresent()) {
                edit = WhatIf::acsEnabled;
                assumption = b + " has no ACS (the input does not show its capabilities)";
                otherwise = "it has ACS with SV|RR|CR|UF enabled";
            } else if (f.acs().map(a -> a.present() && a.control().isEmpty()).orElse(false)) {
                AcsState s = rules.acsRules().effective().of(f);
                boolean redirects = (s.control() & EffectiveAcs.REDIR_BITS) != 0;
                int other = redirects ? s.control() & ~EffectiveAcs.REDIR_BITS
                        : s.control() | (Acs.RR | Acs.CR) & s.capability();
                OptionalInt cap = f.acs().get().capability();
                edit = g -> g.toBuilder().acs(Optional.of(new Acs(true, cap, OptionalInt.of(other)))).build();
                assumption = "the ACS control of " + b + " is " + String.format("0x%04x", s.control())
                        + (redirects ? ", with redirect," : ", without redirect,")
                        + " as the kernel's enable rule leaves it (the input shows no ACSCtl line)";
                otherwise = "it is " + String.format("0x%04x", other) + (redirects ? ", without RR|CR|EC"
                        : ", with RR|CR");
            } else {
                continue;
            }
            edits.put(b, edit);
            assumed.add(assumption);
            others.add(b + ": " + otherwise);
            P2pVerdict other = whatIf.withFunction(b, edit).p2p(v.provider(), v.client());
            if (other.mapType() == v.mapType()) continue;
            single++;
            premises.add(new Premise(assumption, now, otherwise, words(other), GroupDoctor.rerun(List.of(b))));
        }
        // Redirect on both sides: only flipping every unknown port together can change the verdict.
        if (single == 0 && edits.size() > 1) {
            P2pVerdict other = whatIf.withFunctions(edits).p2p(v.provider(), v.client());
            if (other.mapType() != v.mapType()) {
                premises.add(new Premise(String.join(", and ", assumed), now, String.join("; ", others),
                        words(other), GroupDoctor.rerun(edits.keySet())));
            }
        }
    }

    /** The whitelist reads the first device of each root bus; when the input lacks it, the verdict is open. */
    private void hostBridgeDevice(P2pVerdict v, List<Advice> advice) {
        if (v.hostBridge().isEmpty() || v.hostBridge().get().allowed()) return;
        Set<String> missing = new LinkedHashSet<>();
        for (Bdf b : List.of(v.provider(), v.client())) {
            PciFunction f = topology.function(b).orElse(null);
            if (f == null) continue;
            PciBus root = topology.hierarchy().rootBusOf(f);
            boolean hasDev0 = root.devices().stream().anyMatch(d -> d.address().devfn() == 0
                    && d.identity().deviceId().isPresent());
            if (!hasDev0) missing.add(String.format("%04x:%02x:00.0", root.domain(), root.number()));
        }
        if (missing.isEmpty()) return;
        advice.add(new Advice(new Change(Change.Kind.RERUN_LSPCI, "re-run `lspci -nn -vvv` as root with every "
                + "function, so the export shows " + String.join(" and ", missing)
                + " (the host bridge device whose ID pci_p2pdma_whitelist is checked against)", ""),
                "THRU_HOST_BRIDGE if that device is on the whitelist (an Intel Xeon E5/E5 v3, Skylake-E or "
                        + "Ice Lake-SP host bridge)", false));
    }

    static String words(P2pVerdict v) {
        return v.mapType() + ", distance " + v.distance();
    }
}
