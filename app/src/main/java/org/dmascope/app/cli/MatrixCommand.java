package org.dmascope.app.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.dmascope.model.io.TopologyJsonWriter;
import org.dmascope.model.io.imports.Importer;
import org.dmascope.model.kernel.TopologyRules;
import org.dmascope.model.kernel.matrix.MatrixCell;
import org.dmascope.model.kernel.matrix.NcclPathType;
import org.dmascope.model.kernel.matrix.NvidiaSmiLabel;
import org.dmascope.model.kernel.matrix.P2pMatrix;
import org.dmascope.model.kernel.matrix.ReportedLabel;
import org.dmascope.model.kernel.matrix.ReportedText;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.Topology;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code dmascope matrix FILE…}: every pair of DMA-capable endpoints with the kernel's map type and
 * distance, the nvidia-smi class and the NCCL path type, each with the rule that produced it; and when
 * nvidia-smi or NCCL output was imported with the machine, their label beside dmascope's, whether it
 * agrees, and why not.
 */
@Command(name = "matrix", customSynopsis = "dmascope matrix FILE... [--format text|json] [platform options]",
        description = {"P2P matrix of the DMA-capable endpoints",
                "For every (provider, client) pair of DMA-capable endpoints (GPUs, NVMe, NICs, accelerators, other "
                        + "non-bridge "
                        + "functions; VFs included): the P2PDMA map type and distance, the nvidia-smi topo class (X "
                                + "PIX PXB PHB "
                        + "NODE SYS) and the NCCL path type, each with the rule that produced it.",
                "Import nvidia-smi topo -m/-p2p output or an NCCL topology XML with the machine's lspci export to "
                        + "see their labels beside dmascope's, each disagreement with its reasons."},
        exitCodeList = {"0:the matrix was printed", StandardOptions.UNUSABLE})
final class MatrixCommand implements Callable<Integer> {
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

    MatrixCommand(Streams streams, Importer importer) {
        this.streams = streams;
        this.importer = importer;
    }

    @Override
    public Integer call() {
        PrintStream out = streams.out();
        Optional<Topology> loaded = files.load(streams.err(), importer);
        if (loaded.isEmpty()) return Cli.UNUSABLE;
        Topology t = loaded.get();
        TopologyRules rules = TopologyRules.of(t, platform.resolve(t));
        PlatformOptions.warnings(rules.assumptions(), streams.err());
        P2pMatrix m = rules.matrix();
        if (format.json()) {
            JsonOutput.print(json(t, rules, m), out);
        } else {
            text(t, rules, m, out);
        }
        return Cli.OK;
    }

    private static ObjectNode json(Topology t, TopologyRules rules, P2pMatrix m) {
        ObjectNode root = JsonOutput.object();
        root.put("kernel", rules.assumptions().profile().id());
        ArrayNode eps = root.putArray("endpoints");
        for (Bdf b : m.endpoints()) {
            ObjectNode n = eps.addObject();
            n.put("address", b.toString());
            n.put("name", t.function(b).map(f -> f.identity().displayName()).orElse(""));
            n.put("kind", t.function(b).map(f -> f.kind().label()).orElse(""));
        }
        ArrayNode cells = root.putArray("cells");
        for (int r = 0; r < m.size(); r++) {
            for (int c = 0; c < m.size(); c++) {
                MatrixCell cell = m.cell(r, c);
                P2pMatrix.Explanation e = m.explain(r, c);
                ObjectNode n = cells.addObject();
                n.put("provider", cell.provider().toString());
                n.put("client", cell.client().toString());
                n.put("mapType", cell.mapType().name());
                n.put("distance", cell.distance());
                n.put("nvidiaSmi", cell.smi().name());
                n.put("ncclPath", cell.nccl().name());
                ObjectNode why = n.putObject("rules");
                why.put("mapType", MatrixCell.MAP_TYPE_RULE + ": " + e.mapType().reason());
                why.put("nvidiaSmi", e.smi());
                why.put("ncclPath", e.nccl());
                List<ReportedLabel> reported = m.reported(r, c);
                if (!reported.isEmpty()) {
                    ArrayNode rep = n.putArray("reported");
                    for (ReportedLabel l : reported) {
                        ObjectNode o = rep.addObject();
                        o.put("tool", l.tool().jsonName());
                        o.put("at", l.at().toString());
                        o.put("label", l.label());
                        o.put("derived", l.derived());
                        o.put("agreement", l.agreement().jsonName());
                        o.put("why", l.why());
                    }
                }
            }
        }
        if (!m.reports().isEmpty()) root.set("reports", TopologyJsonWriter.toJson(m.reports()));
        ObjectNode legend = root.putObject("legend");
        for (NvidiaSmiLabel l : NvidiaSmiLabel.values()) legend.put(l.name(), l.legend());
        for (NcclPathType p : NcclPathType.values()) legend.put(p.name(), p.legend() + " (NCCL value " + p.value()
                + ")");
        root.set("assumptions", PlatformOptions.json(rules.assumptions().forP2p()));
        return root;
    }

    private static void text(Topology t, TopologyRules rules, P2pMatrix m, PrintStream out) {
        if (m.size() == 0) {
            out.println("No DMA-capable endpoints in the topology.");
            if (!m.reports().isEmpty()) out.print("\n" + ReportedText.of(m));
            return;
        }
        out.println("P2P matrix (" + rules.assumptions().profile().label() + "); rows are providers, columns clients.");
        out.println();
        table(m, out, "nvidia-smi / NCCL", (c) -> c.smi().name() + "/" + c.nccl().shortName());
        out.println();
        table(m, out, "P2PDMA map type, distance", (c) -> shortType(c) + " " + c.distance());
        out.println();
        out.println("endpoints:");
        for (Bdf b : m.endpoints()) out.println("  " + t.function(b).map(PciFunction::label).orElse(b.toString()));
        out.println();
        out.println("BUS=BUS_ADDR (inside the PCIe fabric), HOST=THRU_HOST_BRIDGE, NONE=NOT_SUPPORTED.");
        for (NvidiaSmiLabel l : NvidiaSmiLabel.values()) out.printf("  %-4s = %s%n", l.name(), l.legend());
        out.println("  NCCL path types: PIX/PXB/PHB/SYS as NCCL's ncclTopoSetPaths() computes them, "
                + "LOC = same device.");
        out.println("Run with --format json for the rule behind every cell.");
        out.println();
        if (!m.reports().isEmpty()) {
            out.print(ReportedText.of(m));
            out.println();
        }
        PlatformOptions.printText(rules.assumptions().forP2p(), out);
    }

    private static String shortType(MatrixCell c) {
        return switch (c.mapType()) {
            case BUS_ADDR -> "BUS";
            case THRU_HOST_BRIDGE -> "HOST";
            case NOT_SUPPORTED -> "NONE";
            default -> c.mapType().name();
        };
    }

    private interface CellText {
        String of(MatrixCell c);
    }

    private static void table(P2pMatrix m, PrintStream out, String title, CellText f) {
        int w = 14;
        out.println(title + ":");
        StringBuilder head = new StringBuilder(String.format("%-" + w + "s", ""));
        for (Bdf b : m.endpoints()) head.append(String.format("%-" + w + "s", b.shortText()));
        out.println(head.toString().stripTrailing());
        for (int r = 0; r < m.size(); r++) {
            StringBuilder row = new StringBuilder(String.format("%-" + w + "s", m.endpoints().get(r).shortText()));
            for (int c = 0; c < m.size(); c++) row.append(String.format("%-" + w + "s", f.of(m.cell(r, c))));
            out.println(row.toString().stripTrailing());
        }
    }
}
