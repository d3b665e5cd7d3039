package org.dmascope.app.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.dmascope.model.io.TopologyFiles;
import org.dmascope.model.io.TopologyJsonWriter;
import org.dmascope.model.io.formats.ImportFormats;
import org.dmascope.model.io.imports.ImportProgress;
import org.dmascope.model.io.imports.ImportResult;
import org.dmascope.model.io.imports.Importer;
import org.dmascope.model.report.Diagnostic;
import org.dmascope.model.report.Severity;
import org.dmascope.model.topology.Topology;

/**
 * {@code dmascope import FILE… [-o topo.json] [--format text|json]}: reads exports of one machine
 * (lspci, IOMMU group listings, hwloc XML) into one topology, prints the import report and writes
 * the topology as JSON.
 */
public final class ImportCommand implements Command {

    @Override
    public String name() {
        return "import";
    }

    @Override
    public String summary() {
        return "import lspci/hwloc exports of one machine into a topology";
    }

    @Override
    public String usage() {
        return """
                usage: dmascope import FILE... [-o topo.json] [--format text|json]
                Reads what a machine exports and merges it into one topology:
                %s
                Several FILEs must describe the same machine; disagreements are reported.
                  -o FILE        write the topology as JSON (atomically)
                  --format json  print one JSON object: functions, hostBridges, warnings, errors and,
                                 without -o, the topology itself
                Exit status: 0 imported (warnings allowed), 2 unusable input (the reason is on stderr).
                """.formatted(ImportFormats.standard().help("  "));
    }

    @Override
    public Set<String> valuedOptions() {
        return Set.of("-o", "--format");
    }

    @Override
    public int run(CliArgs args, PrintStream out, PrintStream err) throws UsageException {
        List<String> files = args.operands();
        if (files.isEmpty()) throw new UsageException("no input FILE given");
        CliArgs.OutputFormat format = args.format();
        Optional<String> output = args.option("-o");
        ImportResult r = Importer.importFiles(files.stream().map(Path::of).toList(), ImportProgress.NONE, () -> false);
        if (r.topology().isEmpty()) {
            for (Diagnostic d : r.report().diagnostics()) err.println(d);
            if (format == CliArgs.OutputFormat.JSON) JsonOutput.print(summary(r, Optional.empty(), Optional.empty()), out);
            return Cli.UNUSABLE;
        }
        Topology t = r.topology().get();
        if (output.isPresent()) {
            try {
                TopologyFiles.save(t, Path.of(output.get()));
            } catch (IOException | RuntimeException e) {
                err.println("dmascope import: cannot write " + output.get() + ": " + e.getMessage());
                return Cli.UNUSABLE;
            }
        }
        if (format == CliArgs.OutputFormat.JSON) {
            JsonOutput.print(summary(r, Optional.of(t), output), out);
        } else {
            text(r, t, output, out);
        }
        return Cli.OK;
    }

    private static ObjectNode summary(ImportResult r, Optional<Topology> t, Optional<String> output) {
        ObjectNode o = JsonOutput.object();
        o.put("functions", t.map(x -> x.functions().size()).orElse(0));
        o.put("hostBridges", t.map(x -> x.hostBridges().size()).orElse(0));
        o.set("warnings", findings(r, Severity.WARNING));
        o.set("errors", findings(r, Severity.ERROR));
        if (output.isPresent()) {
            o.put("output", output.get());
        } else if (t.isPresent()) {
            o.set("topology", TopologyJsonWriter.toJson(t.get()));
        } else {
            o.putNull("topology");
        }
        return o;
    }

    private static ArrayNode findings(ImportResult r, Severity severity) {
        ArrayNode a = JsonOutput.object().arrayNode();
        for (Diagnostic d : r.report().diagnostics()) {
            if (d.severity() != severity) continue;
            ObjectNode o = a.addObject();
            if (d.file().isPresent()) o.put("file", d.file().get());
            else o.putNull("file");
            o.put("line", d.line());
            o.put("message", d.message());
            d.subject().ifPresent(s -> o.put("subject", s));
        }
        return a;
    }

    private static void text(ImportResult r, Topology t, Optional<String> output, PrintStream out) {
        out.println("Imported " + t.functions().size() + " PCI function" + (t.functions().size() == 1 ? "" : "s")
                + " and " + t.hostBridges().size() + " host bridge" + (t.hostBridges().size() == 1 ? "" : "s")
                + " as \"" + t.name() + "\".");
        t.description().ifPresent(out::println);
        if (!t.numaNodes().isEmpty()) out.println("NUMA nodes: " + t.numaNodes().size());
        int warnings = r.report().warnings().size();
        out.println(warnings == 0 ? "No warnings." : warnings + " warning" + (warnings == 1 ? "" : "s") + ":");
        for (Diagnostic d : r.report().diagnostics()) out.println("  " + d);
        if (output.isPresent()) out.println("Wrote " + output.get() + ".");
        else out.println("Use -o FILE to save the topology as JSON.");
    }
}
