package org.dmascope.app.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.dmascope.model.diff.DiffText;
import org.dmascope.model.diff.TopologyDiff;
import org.dmascope.model.diff.TopologyDiff.CellChange;
import org.dmascope.model.diff.TopologyDiff.FieldChange;
import org.dmascope.model.diff.TopologyDiff.FunctionChange;
import org.dmascope.model.diff.TopologyDiff.GroupChange;
import org.dmascope.model.diff.TopologyDiff.Move;
import org.dmascope.model.diff.TopologyDiff.PartChange;
import org.dmascope.model.diff.TopologyDiffer;
import org.dmascope.model.io.LoadResult;
import org.dmascope.model.io.imports.Importer;
import org.dmascope.model.io.imports.TopologyInputs;
import org.dmascope.model.kernel.TopologyRules;
import org.dmascope.model.kernel.platform.PlatformAssumptions;
import org.dmascope.model.report.Diagnostic;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.Topology;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code dmascope diff A B}: what differs between two topologies (before and after an edit, two imports of one
 * machine, a host and its VM) and which IOMMU groups and P2P verdicts the kernel's rules then decide differently.
 */
@Command(name = "diff", customSynopsis = "dmascope diff A B [--format text|json] [platform options]",
        description = {"compare two topologies: functions added, removed, moved or changed; IOMMU groups that split "
                + "or merge; P2P matrix cells whose verdict changes, each with the rule responsible",
                "A and B are each one file (a topology JSON or an export); import several exports of one machine "
                        + "into one JSON first ('dmascope import'). The platform options apply to both."},
        exitCodeList = {"0:the topologies are the same", "1:they differ", StandardOptions.UNUSABLE})
final class DiffCommand implements Callable<Integer> {
    private final Streams streams;
    private final Importer importer;

    @Parameters(index = "0", paramLabel = "A", description = "the first topology (before)")
    private Path before;

    @Parameters(index = "1", paramLabel = "B", description = "the second topology (after)")
    private Path after;

    @Mixin
    private OutputOptions format = new OutputOptions();

    @Mixin
    private TopologyPlatformOptions platform = new TopologyPlatformOptions();

    @Mixin
    private StandardOptions standard = new StandardOptions();

    DiffCommand(Streams streams, Importer importer) {
        this.streams = streams;
        this.importer = importer;
    }

    @Override
    public Integer call() {
        PrintStream err = streams.err();
        Optional<TopologyRules> a = rules(before, err);
        Optional<TopologyRules> b = rules(after, err);
        if (a.isEmpty() || b.isEmpty()) return Cli.UNUSABLE;
        TopologyDiff d = TopologyDiffer.compare(a.get(), b.get());
        if (format.json()) JsonOutput.print(json(d), streams.out());
        else DiffText.lines(d, a.get().topology(), b.get().topology()).forEach(streams.out()::println);
        return d.same() ? Cli.OK : Cli.FAILED;
    }

    private Optional<TopologyRules> rules(Path file, PrintStream err) {
        LoadResult r = TopologyInputs.load(List.of(file), importer);
        for (Diagnostic d : r.report().diagnostics()) err.println(d);
        if (r.topology().isEmpty()) return Optional.empty();
        Topology t = r.topology().get();
        PlatformAssumptions assumptions = platform.resolve(t);
        PlatformOptions.warnings(assumptions, err);
        return Optional.of(TopologyRules.of(t, assumptions));
    }

    private static ObjectNode json(TopologyDiff d) {
        ObjectNode root = JsonOutput.object();
        root.put("same", d.same());
        ArrayNode added = root.putArray("added");
        d.added().forEach(f -> added.add(f.toString()));
        ArrayNode removed = root.putArray("removed");
        d.removed().forEach(f -> removed.add(f.toString()));
        ArrayNode moved = root.putArray("moved");
        for (Move m : d.moved()) {
            ObjectNode n = moved.addObject();
            n.put("before", m.before().toString());
            n.put("after", m.after().toString());
            n.put("name", m.name());
            n.set("fields", fieldsJson(m.fields()));
        }
        ArrayNode changed = root.putArray("changed");
        for (FunctionChange c : d.changed()) {
            ObjectNode n = changed.addObject();
            n.put("address", c.address().toString());
            n.put("name", c.name());
            n.set("fields", fieldsJson(c.fields()));
        }
        ArrayNode machine = root.putArray("machine");
        for (PartChange p : d.machine()) {
            ObjectNode n = machine.addObject();
            n.put("part", p.part());
            n.put("key", p.key());
            n.set("fields", fieldsJson(p.fields()));
        }
        ArrayNode groups = root.putArray("groups");
        for (GroupChange g : d.groups()) {
            ObjectNode n = groups.addObject();
            n.put("kind", g.kind() == GroupChange.Kind.SPLIT ? "split" : "merged");
            n.set("before", groupsJson(g.before()));
            n.set("after", groupsJson(g.after()));
            n.put("rule", "R-GRP-2");
            n.put("why", g.why());
        }
        ArrayNode cells = root.putArray("cells");
        for (CellChange c : d.cells()) {
            ObjectNode n = cells.addObject();
            n.put("provider", c.provider().toString());
            n.put("client", c.client().toString());
            ObjectNode was = n.putObject("before");
            was.put("mapType", c.beforeType().name());
            was.put("distance", c.beforeDistance());
            ObjectNode is = n.putObject("after");
            is.put("mapType", c.afterType().name());
            is.put("distance", c.afterDistance());
            ArrayNode rules = n.putArray("rules");
            c.rules().forEach(rules::add);
            n.put("why", c.why());
        }
        return root;
    }

    private static ArrayNode fieldsJson(List<FieldChange> fields) {
        ArrayNode arr = JsonOutput.object().arrayNode();
        for (FieldChange f : fields) {
            ObjectNode n = arr.addObject();
            n.put("field", f.field());
            if (f.before() == null) n.putNull("before");
            else n.put("before", f.before());
            if (f.after() == null) n.putNull("after");
            else n.put("after", f.after());
        }
        return arr;
    }

    private static ArrayNode groupsJson(List<List<Bdf>> groups) {
        ArrayNode arr = JsonOutput.object().arrayNode();
        for (List<Bdf> g : groups) {
            ArrayNode members = arr.addArray();
            g.forEach(m -> members.add(m.toString()));
        }
        return arr;
    }
}
