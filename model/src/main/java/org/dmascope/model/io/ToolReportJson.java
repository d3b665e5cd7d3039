package org.dmascope.model.io;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.dmascope.model.io.json.JsonNodeAt;
import org.dmascope.model.io.json.JsonReadContext;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.SourceRef;
import org.dmascope.model.topology.ToolReport;
import org.dmascope.model.topology.ToolReport.Device;
import org.dmascope.model.topology.ToolReport.Kind;
import org.dmascope.model.topology.ToolReport.Match;
import org.dmascope.model.topology.ToolReport.Pair;

/**
 * The {@code reports} of topology JSON (docs/topology-format.md): what other tools said about the
 * machine, saved with it so a machine imported with nvidia-smi or NCCL output reopens with their labels.
 */
final class ToolReportJson {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final String TOOLS = Arrays.stream(ToolReport.Tool.values()).map(ToolReport.Tool::jsonName)
            .collect(Collectors.joining(", "));
    private static final String MATCHES = Arrays.stream(Match.values()).map(Match::jsonName)
            .collect(Collectors.joining(", "));
    private static final String WHERE = "a file and line such as \"x.nvsmi-topo.txt:3\"";

    private ToolReportJson() {
    }

    static ArrayNode write(List<ToolReport> reports) {
        ArrayNode out = F.arrayNode();
        for (ToolReport r : reports) {
            ObjectNode o = out.addObject();
            o.put("tool", r.tool().jsonName());
            o.put("source", TopologyJsonWriter.sourceRef(r.source()));
            ArrayNode devices = o.putArray("devices");
            for (Device d : r.devices()) devices.add(device(d));
            ArrayNode pairs = o.putArray("pairs");
            for (Pair p : r.pairs()) {
                ObjectNode po = pairs.addObject();
                po.put("row", p.row());
                po.put("column", p.column());
                po.put("label", p.label());
                p.detail().ifPresent(d -> po.put("detail", d));
                po.put("at", TopologyJsonWriter.sourceRef(p.at()));
            }
            if (!r.notes().isEmpty()) {
                ArrayNode notes = o.putArray("notes");
                r.notes().forEach(notes::add);
            }
        }
        return out;
    }

    private static ObjectNode device(Device d) {
        ObjectNode o = F.objectNode();
        o.put("name", d.name());
        o.put("kind", d.kind().name().toLowerCase(Locale.ROOT));
        d.alias().ifPresent(a -> o.put("alias", a));
        d.busId().ifPresent(b -> o.put("busId", b.toString()));
        d.address().ifPresent(a -> o.put("address", a.toString()));
        o.put("match", d.match().jsonName());
        d.numaNode().ifPresent(n -> o.put("numaNode", n));
        d.cpus().ifPresent(c -> o.put("cpus", c));
        d.detail().ifPresent(t -> o.put("detail", t));
        o.put("at", TopologyJsonWriter.sourceRef(d.at()));
        return o;
    }

    /** The reports of a topology file; each problem is reported where it is and that report left out. */
    static List<ToolReport> read(JsonReadContext ctx, List<JsonNodeAt> nodes) {
        List<ToolReport> out = new ArrayList<>();
        for (JsonNodeAt n : nodes) ctx.asObject(n).flatMap(o -> report(ctx, o)).ifPresent(out::add);
        return out;
    }

    private static Optional<ToolReport> report(JsonReadContext ctx, JsonNodeAt.Obj o) {
        Optional<ToolReport.Tool> tool = ctx.choice(o, "tool", true, TOOLS, ToolReport.Tool::fromJsonName);
        Optional<SourceRef> source = where(ctx, o, "source");
        List<Device> devices = new ArrayList<>();
        for (JsonNodeAt d : ctx.array(o, "devices", true)) ctx.asObject(d).flatMap(x -> device(ctx, x))
                .ifPresent(devices::add);
        List<Pair> pairs = new ArrayList<>();
        for (JsonNodeAt p : ctx.array(o, "pairs", true)) ctx.asObject(p).flatMap(x -> pair(ctx, x))
                .ifPresent(pairs::add);
        List<String> notes = new ArrayList<>();
        for (JsonNodeAt s : ctx.array(o, "notes", false)) {
            if (s instanceof JsonNodeAt.Scalar sc && sc.type() == JsonNodeAt.Scalar.Type.STRING) notes.add(sc.text());
            else ctx.error(s, "a note is a string");
        }
        ctx.reportUnknown(o);
        if (tool.isEmpty() || source.isEmpty()) return Optional.empty();
        try {
            return Optional.of(new ToolReport(tool.get(), source.get(), devices, pairs, notes));
        } catch (IllegalArgumentException e) {
            ctx.error(o, e.getMessage());
            return Optional.empty();
        }
    }

    private static Optional<Device> device(JsonReadContext ctx, JsonNodeAt.Obj o) {
        Optional<String> name = ctx.string(o, "name", true);
        Optional<Kind> kind = ctx.choice(o, "kind", true, "gpu, nic", s -> Arrays.stream(Kind.values())
                .filter(k -> k.name().toLowerCase(Locale.ROOT).equals(s)).findFirst());
        Optional<String> alias = ctx.string(o, "alias", false);
        Optional<Bdf> busId = ctx.parse(o, "busId", false, "a PCI address such as \"0000:03:00.0\"", Bdf::parse);
        Optional<Bdf> address = ctx.parse(o, "address", false, "a PCI address such as \"0000:03:00.0\"",
                Bdf::parse);
        Optional<Match> match = ctx.choice(o, "match", true, MATCHES, Match::fromJsonName);
        OptionalInt numa = ctx.integer(o, "numaNode", false, 0, 4095);
        Optional<String> cpus = ctx.string(o, "cpus", false);
        Optional<String> detail = ctx.string(o, "detail", false);
        Optional<SourceRef> at = where(ctx, o, "at");
        ctx.reportUnknown(o);
        if (name.isEmpty() || kind.isEmpty() || match.isEmpty() || at.isEmpty()) return Optional.empty();
        try {
            return Optional.of(new Device(name.get(), kind.get(), alias, busId, address, match.get(), numa, cpus,
                    detail, at.get()));
        } catch (IllegalArgumentException e) {
            ctx.error(o, e.getMessage());
            return Optional.empty();
        }
    }

    private static Optional<Pair> pair(JsonReadContext ctx, JsonNodeAt.Obj o) {
        Optional<String> row = ctx.string(o, "row", true);
        Optional<String> column = ctx.string(o, "column", true);
        Optional<String> label = ctx.string(o, "label", true);
        Optional<String> detail = ctx.string(o, "detail", false);
        Optional<SourceRef> at = where(ctx, o, "at");
        ctx.reportUnknown(o);
        if (row.isEmpty() || column.isEmpty() || label.isEmpty() || at.isEmpty()) return Optional.empty();
        return Optional.of(new Pair(row.get(), column.get(), label.get(), detail, at.get()));
    }

    private static Optional<SourceRef> where(JsonReadContext ctx, JsonNodeAt.Obj o, String key) {
        return ctx.parse(o, key, true, WHERE, s -> SourceRef.parse(s).orElseThrow(() ->
                new IllegalArgumentException(s)));
    }
}
