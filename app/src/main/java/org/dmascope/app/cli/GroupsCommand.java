package org.dmascope.app.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.dmascope.model.io.imports.Importer;
import org.dmascope.model.kernel.TopologyRules;
import org.dmascope.model.kernel.doctor.Doctor;
import org.dmascope.model.kernel.groups.DefaultDomainPolicy;
import org.dmascope.model.kernel.groups.DomainDecision;
import org.dmascope.model.kernel.groups.GroupMember;
import org.dmascope.model.kernel.groups.GroupPartitions;
import org.dmascope.model.kernel.groups.IommuGroup;
import org.dmascope.model.kernel.groups.IommuGroups;
import org.dmascope.model.kernel.platform.PlatformAssumptions;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.Platform.DomainType;
import org.dmascope.model.topology.Topology;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code dmascope groups FILE… [--derive]}: the IOMMU groups with the reason each member is in its
 * group, each group's default domain, and the differences from the groups the input reported.
 */
@Command(name = "groups", customSynopsis = "dmascope groups FILE... [--derive] [--format text|json] [platform options]",
        description = {"IOMMU groups with the reason for each member",
                "Prints the IOMMU groups. Without --derive, the groups the input carries (lspci 'IOMMU group:' "
                        + "lines) are used when "
                        + "every function has one; otherwise, and with --derive, they are derived with the kernel's "
                                + "rules. When the "
                        + "input carries groups, the derived groups are compared with them as partitions and every "
                                + "difference is listed."},
        exitCodeList = {"0:the groups were printed", StandardOptions.UNUSABLE})
final class GroupsCommand implements Callable<Integer> {
    private final Streams streams;
    private final Importer importer;

    @Mixin
    private InputFiles files = new InputFiles();

    @Option(names = "--derive", arity = "0",
            description = "derive the groups with the kernel's rules even when the input carries them")
    private boolean derive;

    @Mixin
    private OutputOptions format = new OutputOptions();

    @Mixin
    private TopologyPlatformOptions platform = new TopologyPlatformOptions();

    @Mixin
    private StandardOptions standard = new StandardOptions();

    GroupsCommand(Streams streams, Importer importer) {
        this.streams = streams;
        this.importer = importer;
    }

    @Override
    public Integer call() {
        PrintStream out = streams.out();
        PrintStream err = streams.err();
        Optional<Topology> loaded = files.load(err, importer);
        if (loaded.isEmpty()) return Cli.UNUSABLE;
        Topology t = loaded.get();
        PlatformAssumptions a = platform.resolve(t);
        PlatformOptions.warnings(a, err);
        TopologyRules rules = TopologyRules.of(t, a);
        IommuGroups derived = rules.groups();
        Map<Bdf, Integer> reported = GroupPartitions.reported(t);
        boolean useReported = !derive && GroupPartitions.reportedForEveryFunction(t);
        Optional<GroupPartitions.Comparison> cmp = reported.isEmpty() ? Optional.empty()
                : Optional.of(GroupPartitions.compare(derived.assignment(), reported));
        List<IommuGroup> groups = useReported ? reportedGroups(reported, derived) : derived.groups();
        if (format.json()) {
            JsonOutput.print(json(t, rules, groups, derived, useReported, cmp), out);
        } else {
            text(t, rules, groups, derived, useReported, cmp, out);
        }
        return Cli.OK;
    }

    /** The kernel's own groups, each member with the derived reason when the derivation agrees on its group. */
    private static List<IommuGroup> reportedGroups(Map<Bdf, Integer> reported, IommuGroups derived) {
        Map<Integer, List<Bdf>> byId = new TreeMap<>();
        for (Map.Entry<Bdf, Integer> e : reported.entrySet()) byId.computeIfAbsent(e.getValue(),
                k -> new ArrayList<>()).add(e.getKey());
        List<IommuGroup> out = new ArrayList<>();
        for (Map.Entry<Integer, List<Bdf>> e : byId.entrySet()) {
            List<GroupMember> members = new ArrayList<>();
            Set<Bdf> kernelSet = new HashSet<>(e.getValue());
            for (Bdf b : e.getValue()) {
                Optional<IommuGroup> d = derived.groupOf(b);
                if (d.isPresent() && new HashSet<>(d.get().addresses()).equals(kernelSet)) {
                    GroupMember m = d.get().member(b).orElseThrow();
                    members.add(new GroupMember(b, m.mechanism(), m.reason()));
                } else {
                    members.add(new GroupMember(b, GroupMember.Mechanism.NEW_GROUP,
                            "reported by the kernel; the rules derive a different group for it (see differences)"));
                }
            }
            out.add(new IommuGroup(e.getKey(), members));
        }
        return out;
    }

    private static ObjectNode json(Topology t, TopologyRules rules, List<IommuGroup> groups, IommuGroups derived,
            boolean useReported,
                                   Optional<GroupPartitions.Comparison> cmp) {
        ObjectNode root = JsonOutput.object();
        Doctor doctor = new Doctor(rules);
        root.put("source", useReported ? "reported" : "derived");
        root.put("kernel", rules.assumptions().profile().id());
        root.put("iommu", derived.iommuPresent());
        ArrayNode arr = root.putArray("groups");
        for (IommuGroup g : groups) {
            ObjectNode n = arr.addObject();
            n.put("id", g.id());
            ArrayNode devs = n.putArray("devices");
            ObjectNode reasons = n.putObject("reasons");
            for (GroupMember m : g.members()) {
                devs.add(m.address().toString());
                reasons.put(m.address().toString(), m.reason());
            }
            if (derived.iommuPresent()) {
                DomainDecision d = rules.defaultDomain(g);
                n.put("defaultDomain", d.type().jsonName());
                n.put("strict", d.strict());
                n.put("domainReason", d.reason());
            }
            if (g.members().size() > 1) n.set("doctor", DoctorOutput.json(doctor.group(g)));
            else n.putNull("doctor");
        }
        ObjectNode ungrouped = root.putObject("ungrouped");
        for (Map.Entry<Bdf, String> e : derived.ungrouped().entrySet()) ungrouped.put(e.getKey().toString(),
                e.getValue());
        ArrayNode diffs = root.putArray("differences");
        cmp.ifPresent(c -> c.differences().forEach(diffs::add));
        if (cmp.isPresent()) root.put("matchesReported", cmp.get().equal());
        else root.putNull("matchesReported");
        ArrayNode notes = root.putArray("notes");
        derived.notes().forEach(notes::add);
        ArrayNode log = root.putArray("kernelLog");
        rules.acsKernelLog().forEach(log::add);
        root.set("assumptions", PlatformOptions.json(rules.assumptions().forGroups()));
        return root;
    }

    private static void text(Topology t, TopologyRules rules, List<IommuGroup> groups, IommuGroups derived,
            boolean useReported,
                             Optional<GroupPartitions.Comparison> cmp, PrintStream out) {
        Doctor doctor = new Doctor(rules);
        if (!derived.iommuPresent()) {
            out.println("No IOMMU groups: " + derived.notes().get(0));
        } else if (useReported) {
            out.println("IOMMU groups as the kernel reported them in the input (reasons from the " + rules.assumptions()
                    .profile().label()
                    + " rules):");
        } else {
            out.println("IOMMU groups derived with the " + rules.assumptions().profile().label() + " rules"
                    + (GroupPartitions.reported(t).isEmpty() ? "" : " (the input's own groups are compared below)")
                            + ":");
        }
        DomainType global = DefaultDomainPolicy.global(rules.assumptions()).type();
        for (IommuGroup g : groups) {
            DomainDecision d = rules.defaultDomain(g);
            out.printf("%ngroup %d  [%s]%n", g.id(), d.type().jsonName());
            // a group whose type is not the platform's says why (an untrusted member, the AMD driver's request)
            if (derived.iommuPresent() && d.type() != global) out.println("  " + d.reason());
            for (GroupMember m : g.members()) {
                String label = t.function(m.address()).map(PciFunction::label).orElse(m.address().toString());
                out.println("  " + label);
                out.println("      " + m.reason());
            }
            if (g.members().size() > 1) DoctorOutput.text(doctor.group(g), "  ", out);
        }
        if (!derived.ungrouped().isEmpty()) {
            out.println();
            out.println("without a group:");
            derived.ungrouped().forEach((b, r) -> out.println("  " + b + ": " + r));
        }
        if (cmp.isPresent()) {
            out.println();
            if (cmp.get().equal()) {
                out.println("The derived groups match the kernel's groups in the input (as partitions).");
            } else {
                out.println("Differences between the derived groups and the kernel's groups in the input:");
                cmp.get().differences().forEach(d -> out.println("  - " + d));
            }
        }
        if (!derived.notes().isEmpty()) {
            out.println();
            out.println("notes:");
            derived.notes().forEach(n -> out.println("  - " + n));
        }
        if (!rules.acsKernelLog().isEmpty()) {
            out.println();
            rules.acsKernelLog().forEach(l -> out.println("kernel log: " + l));
        }
        out.println();
        PlatformOptions.printText(rules.assumptions().forGroups(), out);
    }

}
