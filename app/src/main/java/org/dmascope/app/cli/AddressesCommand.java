package org.dmascope.app.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.dmascope.model.addresses.AddressMap;
import org.dmascope.model.addresses.AddressSpace;
import org.dmascope.model.addresses.MappedRange;
import org.dmascope.model.addresses.Problem;
import org.dmascope.model.addresses.ProblemKind;
import org.dmascope.model.io.imports.Importer;
import org.dmascope.model.kernel.TopologyRules;
import org.dmascope.model.kernel.platform.PlatformAssumptions;
import org.dmascope.model.topology.Topology;
import org.dmascope.model.util.ByteSize;
import org.dmascope.model.util.Hex;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code dmascope addresses FILE…}: the machine's address spaces sorted by address (System RAM, host-bridge and
 * bridge windows, BARs, the swiotlb pool, the interrupt window; each IOMMU domain's IOVA space), each range with
 * its owner, kind and size, and the problems the kernel finds while it claims BARs and windows at boot.
 */
@Command(name = "addresses", customSynopsis = "dmascope addresses FILE... [--format text|json] [platform options]",
        description = {"the address map: CPU physical memory, I/O ports and each IOMMU domain's IOVA space, with the "
                + "problems the kernel finds in the BARs and bridge windows (R-ADDR-1..6)",
                "Lists every range sorted by address with its owner (device, bridge, host bridge, NUMA node), kind "
                        + "and size; a problem is listed under its range with the rule and the kernel's reason "
                        + "(\"can't claim; no compatible bridge window\", \"address conflict\", \"no space\")."},
        exitCodeList = {"0:the map was printed (problems or not)", StandardOptions.UNUSABLE})
final class AddressesCommand implements Callable<Integer> {
    private final Streams streams;
    private final Importer importer;

    @Mixin
    private InputFiles files = new InputFiles();

    @Mixin
    private OutputOptions format = new OutputOptions();

    @Mixin
    private TopologyPlatformOptions platform = new TopologyPlatformOptions();

    @Mixin
    private StandardOptions standard = new StandardOptions();

    AddressesCommand(Streams streams, Importer importer) {
        this.streams = streams;
        this.importer = importer;
    }

    @Override
    public Integer call() {
        PrintStream err = streams.err();
        Optional<Topology> loaded = files.load(err, importer);
        if (loaded.isEmpty()) return Cli.UNUSABLE;
        Topology t = loaded.get();
        PlatformAssumptions a = platform.resolve(t);
        PlatformOptions.warnings(a, err);
        AddressMap map = AddressMap.of(TopologyRules.of(t, a));
        if (format.json()) JsonOutput.print(json(t, map), streams.out());
        else text(t, map, streams.out());
        return Cli.OK;
    }

    private static void text(Topology t, AddressMap map, PrintStream out) {
        out.println("Address map of " + t.name());
        for (AddressSpace s : map.spaces()) {
            out.println();
            out.println(s.title() + " — " + s.summary());
            if (s.ranges().isEmpty()) out.println("  (no range known)");
            for (MappedRange r : s.ranges()) {
                out.println(String.format(Locale.ROOT, "  %-37s %9s  %-27s %s — %s", r.range(),
                        ByteSize.human(r.range().size()), r.kind().title(), r.owner().label(), r.detail()));
                for (Problem p : r.problems()) out.println("      ! " + p);
            }
        }
        out.println();
        Map<ProblemKind, Integer> counts = map.counts();
        if (counts.isEmpty()) {
            out.println("No address problems.");
        } else {
            StringBuilder sb = new StringBuilder("Problems:");
            counts.forEach((k, n) -> sb.append(' ').append(k.rule()).append(' ').append(k.title()).append(": ")
                    .append(n).append(';'));
            out.println(sb.substring(0, sb.length() - 1));
            for (String f : map.findings()) out.println("  " + f);
        }
        if (!map.notes().isEmpty()) {
            out.println();
            out.println("Notes:");
            for (String n : map.notes()) out.println("  " + n);
        }
    }

    private static ObjectNode json(Topology t, AddressMap map) {
        ObjectNode root = JsonOutput.object();
        root.put("machine", t.name());
        ArrayNode spaces = root.putArray("spaces");
        for (AddressSpace s : map.spaces()) {
            ObjectNode n = spaces.addObject();
            n.put("kind", s.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'));
            n.put("title", s.title());
            n.put("summary", s.summary());
            ArrayNode ranges = n.putArray("ranges");
            for (MappedRange r : s.ranges()) {
                ObjectNode o = ranges.addObject();
                o.put("start", Hex.addr(r.range().start()));
                o.put("end", Hex.addr(r.range().end()));
                o.put("size", ByteSize.format(r.range().size()));
                o.put("kind", r.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'));
                ObjectNode owner = o.putObject("owner");
                owner.put("kind", r.owner().kind().name().toLowerCase(Locale.ROOT).replace('_', '-'));
                owner.put("label", r.owner().label());
                owner.put("key", r.owner().key());
                o.put("detail", r.detail());
                ArrayNode problems = o.putArray("problems");
                for (Problem p : r.problems()) {
                    ObjectNode q = problems.addObject();
                    q.put("rule", p.kind().rule());
                    q.put("kind", p.kind().title());
                    q.put("reason", p.reason());
                }
            }
        }
        ObjectNode counts = root.putObject("problemCounts");
        map.counts().forEach((k, n) -> counts.put(k.rule(), n));
        ArrayNode findings = root.putArray("findings");
        map.findings().forEach(findings::add);
        ArrayNode notes = root.putArray("notes");
        map.notes().forEach(notes::add);
        return root;
    }
}
