package org.dmascope.app.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

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

import picocli.CommandLine.Command;
import picocli.CommandLine.IHelpSectionRenderer;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.UsageMessageSpec;
import picocli.CommandLine.Option;

/**
 * {@code dmascope import FILE… [-o topo.json] [--format text|json]}: reads exports of one machine
 * (lspci, IOMMU group listings, hwloc XML) into one topology, prints the import report and writes
 * the topology as JSON.
 */
@Command(name = "import", customSynopsis = "dmascope import FILE... [-o topo.json] [--format text|json]",
        description = {"import lspci/hwloc/NCCL/nvidia-smi exports of one machine into a topology",
                "Reads what a machine exports and merges it into one topology; several FILEs must describe the same "
                        + "machine, "
                        + "disagreements are reported. It reads:"},
        modelTransformer = ImportCommand.FormatList.class,
        exitCodeList = {"0:imported (warnings allowed)", StandardOptions.UNUSABLE})
public final class ImportCommand implements Callable<Integer> {
    private final Streams streams;
    private final Importer importer;

    @Mixin
    private InputFiles files = new InputFiles();

    @Option(names = "-o", paramLabel = "FILE",
            description = "write the topology as JSON (atomically); without -o, --format json prints it in the "
                    + "summary object")
    private String output;

    @Mixin
    private OutputOptions format = new OutputOptions();

    @Mixin
    private StandardOptions standard = new StandardOptions();

    ImportCommand(Streams streams, Importer importer) {
        this.streams = streams;
        this.importer = importer;
    }

    /**
     * The formats the importers read, after the description, as the format registry words and wraps
     * them; a section of its own, so the usage text prints it as it is.
     */
    static final class FormatList implements IModelTransformer {
        private static final String KEY = "importFormats";

        @Override
        public CommandSpec transform(CommandSpec spec) {
            UsageMessageSpec usage = spec.usageMessage();
            List<String> keys = new ArrayList<>(usage.sectionKeys());
            keys.add(keys.indexOf(UsageMessageSpec.SECTION_KEY_DESCRIPTION) + 1, KEY);
            usage.sectionKeys(keys);
            Map<String, IHelpSectionRenderer> renderers = new LinkedHashMap<>(usage.sectionMap());
            renderers.put(KEY, help -> ImportFormats.standard().help("  ") + System.lineSeparator());
            usage.sectionMap(renderers);
            return spec;
        }
    }

    @Override
    public Integer call() {
        PrintStream out = streams.out();
        PrintStream err = streams.err();
        Optional<String> output = Optional.ofNullable(this.output);
        ImportResult r = importer.fromFiles(files.paths(), ImportProgress.NONE, () -> false);
        if (r.topology().isEmpty()) {
            for (Diagnostic d : r.report().diagnostics()) err.println(d);
            if (format.json()) JsonOutput.print(summary(r, Optional.empty(), Optional.empty()), out);
            return Cli.UNUSABLE;
        }
        Topology t = r.topology().get();
        if (output.isPresent()) {
            try {
                TopologyFiles.save(t, Path.of(output.get()));
            } catch (IOException e) {
                err.println("dmascope import: " + e.getMessage());
                return Cli.UNUSABLE;
            } catch (InvalidPathException e) {
                err.println("dmascope import: cannot save " + output.get() + ": not a valid file name (" + e.getReason()
                        + ")");
                return Cli.UNUSABLE;
            }
        }
        if (format.json()) {
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
        o.set("notes", findings(r, Severity.INFO));
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
