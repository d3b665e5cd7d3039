package org.dmascope.model.kernel.doctor;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

import org.dmascope.model.kernel.TopologyRules;
import org.dmascope.model.kernel.acs.AcsRules;
import org.dmascope.model.kernel.platform.PlatformAssumptions;
import org.dmascope.model.kernel.platform.PlatformOverrides;
import org.dmascope.model.topology.Acs;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.PciIdentity;
import org.dmascope.model.topology.PortType;
import org.dmascope.model.topology.Topology;

/**
 * The rules run again with one thing changed: a platform choice (kernel, CPU, command line) or a fact about a
 * function that the input does not give. Every doctor answer comes from such a run, so it is what the rules say,
 * not a guess about them.
 */
final class WhatIf {
    /** The control bits {@code pci_std_enable_acs()} sets: what "ACS enabled" means in a what-if. */
    static final int ENABLED = AcsRules.REQ_ACS_FLAGS;

    private final TopologyRules base;
    /**
     * Rules already run for a set of choices: the group doctor asks the same kernel-version and boot-option
     * questions for every group of a machine, and each run derives the whole machine again.
     */
    private final Map<PlatformOverrides, TopologyRules> byChoices = new ConcurrentHashMap<>();

    WhatIf(TopologyRules base) {
        this.base = base;
    }

    TopologyRules base() {
        return base;
    }

    Topology topology() {
        return base.topology();
    }

    PlatformAssumptions assumptions() {
        return base.assumptions();
    }

    /** The rules with other platform choices on the same input. */
    TopologyRules with(PlatformOverrides o) {
        return byChoices.computeIfAbsent(o,
                k -> TopologyRules.of(topology(), PlatformAssumptions.resolve(topology(), k)));
    }

    /** The rules on the input with one function edited, under the same choices. */
    TopologyRules withFunction(Bdf f, UnaryOperator<PciFunction> edit) {
        Topology t = topology().withFunction(f, edit);
        return TopologyRules.of(t, PlatformAssumptions.resolve(t, assumptions().overrides()));
    }

    /** The rules on the input with several functions edited. */
    TopologyRules withFunctions(Map<Bdf, UnaryOperator<PciFunction>> edits) {
        Topology t = topology();
        for (Map.Entry<Bdf, UnaryOperator<PciFunction>> e : edits.entrySet()) t = t.withFunction(e.getKey(),
                e.getValue());
        return TopologyRules.of(t, PlatformAssumptions.resolve(t, assumptions().overrides()));
    }

    /** The command line in force with one more option, as the user's line (it replaces the file's). */
    PlatformOverrides withOption(String option) {
        String line = assumptions().overrides().commandLine().orElse(assumptions().commandLine().text()).strip();
        return assumptions().overrides().withCommandLine(line.isEmpty() ? option : line + " " + option);
    }

    /** An ACS capability with SV|RR|CR|UF implemented and enabled. */
    static PciFunction acsEnabled(PciFunction f) {
        return f.toBuilder().acs(Optional.of(new Acs(true, OptionalInt.of(ENABLED), OptionalInt.of(ENABLED)))).build();
    }

    /** No ACS capability. */
    static PciFunction acsAbsent(PciFunction f) {
        return f.toBuilder().acs(Optional.of(Acs.ABSENT)).build();
    }

    /** The PCIe type a function of unknown type most likely has, from where it sits. */
    static PortType likelyType(PciFunction f, boolean onRootBus) {
        if (f.bridge().isPresent()) return onRootBus ? PortType.ROOT_PORT : PortType.SWITCH_DOWNSTREAM;
        return onRootBus ? PortType.RC_INTEGRATED_ENDPOINT : PortType.ENDPOINT;
    }

    static PciFunction intel(PciFunction f) {
        PciIdentity id = f.identity();
        return f.toBuilder().identity(new PciIdentity(OptionalInt.of(0x8086), id.deviceId(), id.subsystemVendorId(),
                id.subsystemDeviceId(), id.classCode(), id.revision(), id.vendorName(), id.deviceName(),
                id.subsystemName(), id.className())).build();
    }

    static PciFunction singleFunction(PciFunction f) {
        return f.toBuilder().multifunction(false).build();
    }

    /** "{a, b} and {c}" for how {@code members} fall into groups under {@code rules}. */
    static String partition(TopologyRules rules, List<Bdf> members) {
        Map<Bdf, Integer> a = rules.groups().assignment();
        Map<Integer, List<Bdf>> parts = new LinkedHashMap<>();
        List<Bdf> none = new ArrayList<>();
        for (Bdf b : members) {
            Integer g = a.get(b);
            if (g == null) none.add(b);
            else parts.computeIfAbsent(g, k -> new ArrayList<>()).add(b);
        }
        List<String> words = new ArrayList<>();
        for (List<Bdf> p : parts.values()) words.add(set(p));
        if (!none.isEmpty()) words.add(set(none) + " without a group");
        return String.join(" and ", words);
    }

    /** The number of groups {@code members} fall into under {@code rules} (ungrouped ones each count). */
    static int parts(TopologyRules rules, List<Bdf> members) {
        Map<Bdf, Integer> a = rules.groups().assignment();
        Set<Object> keys = new HashSet<>();
        for (Bdf b : members) keys.add(a.containsKey(b) ? (Object) a.get(b) : b);
        return keys.size();
    }

    static String set(List<Bdf> l) {
        return "{" + String.join(", ", l.stream().map(Bdf::toString).toList()) + "}";
    }
}
