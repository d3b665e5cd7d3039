package org.dmascope.model.kernel.matrix;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import org.dmascope.model.kernel.matrix.ReportedLabel.Agreement;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.ToolReport;

/**
 * The other tools' labels of a matrix as plain text, for the command line and the clipboard: per
 * report a table of its label beside dmascope's ({@code PIX=}, {@code PIX!=PHB}, {@code NV4~}), then
 * every disagreement with its reasons, then how the devices were tied and what was assumed. A report
 * none of whose devices is an endpoint (nvidia-smi read alone) is shown as the tool printed it.
 */
public final class ReportedText {
    private static final int WIDTH = 14;

    private ReportedText() {
    }

    /** The section, or an empty string when the topology carries no report. */
    public static String of(P2pMatrix m) {
        if (m.reports().isEmpty()) return "";
        StringBuilder sb = new StringBuilder();
        sb.append("Other tools beside dmascope (their label; = agrees, ~ a link lspci cannot show, != dmascope's "
                + "label, ? not compared):\n");
        for (ToolReport r : m.reports()) {
            sb.append('\n').append(r.title()).append(":\n");
            if (hasLabels(m, r)) table(m, r, sb);
            else untied(r, sb);
            for (String note : r.notes()) sb.append("  note: ").append(note).append('\n');
        }
        List<String> disagreements = disagreements(m);
        if (!disagreements.isEmpty()) {
            sb.append("\nDisagreements:\n");
            disagreements.forEach(d -> sb.append(d).append('\n'));
        }
        return sb.toString();
    }

    private static boolean belongs(ReportedLabel l, ToolReport r) {
        return l.tool() == r.tool() && l.at().file().equals(r.source().file());
    }

    private static boolean hasLabels(P2pMatrix m, ToolReport r) {
        for (int i = 0; i < m.size(); i++) {
            for (int j = 0; j < m.size(); j++) {
                if (m.reported(i, j).stream().anyMatch(l -> belongs(l, r))) return true;
            }
        }
        return false;
    }

    /** The endpoints the report speaks of, as rows and columns. */
    private static void table(P2pMatrix m, ToolReport r, StringBuilder sb) {
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < m.size(); i++) {
            Bdf b = m.endpoints().get(i);
            if (r.deviceAt(b).isPresent()) rows.add(i);
        }
        StringBuilder head = new StringBuilder(pad(""));
        for (int c : rows) head.append(pad(name(m, r, c)));
        sb.append(head.toString().stripTrailing()).append('\n');
        for (int i : rows) {
            StringBuilder line = new StringBuilder(pad(name(m, r, i)));
            for (int j : rows) {
                String cell = i == j ? "X" : m.reported(i, j).stream().filter(l -> belongs(l, r)).findFirst()
                        .map(ReportedText::cell).orElse("-");
                line.append(pad(cell));
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        sb.append(pad("")).append(rows.stream().map(i -> name(m, r, i) + " = " + m.endpoints().get(i))
                .collect(Collectors.joining(", "))).append('\n');
    }

    private static String name(P2pMatrix m, ToolReport r, int i) {
        return r.deviceAt(m.endpoints().get(i)).map(ToolReport.Device::name).orElse(m.endpoints().get(i)
                .shortText());
    }

    /** {@code PIX=}, {@code PIX!=PHB}, {@code NV4~}, {@code GNS?}. */
    public static String cell(ReportedLabel l) {
        return switch (l.agreement()) {
            case DISAGREES -> l.label() + Agreement.DISAGREES.symbol() + l.derived();
            default -> l.label() + l.agreement().symbol();
        };
    }

    /** A report whose devices are tied to no endpoint: its own matrix, as the tool gave it. */
    private static void untied(ToolReport r, StringBuilder sb) {
        sb.append("  its devices are not tied to the topology's endpoints; as the tool gave it:\n");
        Map<String, Map<String, String>> rows = new LinkedHashMap<>();
        for (ToolReport.Device d : r.devices()) rows.put(d.name(), new LinkedHashMap<>());
        for (ToolReport.Pair p : r.pairs()) rows.get(p.row()).put(p.column(), p.label());
        StringBuilder head = new StringBuilder(pad(""));
        for (ToolReport.Device d : r.devices()) head.append(pad(d.name()));
        sb.append(head.toString().stripTrailing()).append('\n');
        for (ToolReport.Device d : r.devices()) {
            StringBuilder line = new StringBuilder(pad(d.name()));
            for (ToolReport.Device c : r.devices()) {
                line.append(pad(d == c ? "X" : rows.get(d.name()).getOrDefault(c.name(), "-")));
            }
            d.numaNode().ifPresent(n -> line.append(" NUMA node ").append(n));
            d.cpus().ifPresent(c -> line.append(d.numaNode().isPresent() ? "," : "").append(" CPUs ").append(c));
            sb.append(line.toString().stripTrailing()).append('\n');
        }
    }

    /** Each disagreement once: a symmetric tool's pair once, a -p2p pair each way. */
    private static List<String> disagreements(P2pMatrix m) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < m.size(); i++) {
            for (int j = 0; j < m.size(); j++) {
                for (ReportedLabel l : m.reported(i, j)) {
                    if (l.agreement() != Agreement.DISAGREES || !l.tool().isP2pStatus() && j < i
                            && mirrored(m, l, j, i)) {
                        continue;
                    }
                    out.add("  " + m.endpoints().get(i) + " (provider) / " + m.endpoints().get(j) + " (client), "
                            + l.tool().label() + " at " + l.at() + ": " + l.label() + " != " + l.derived() + "\n    "
                            + l.why());
                }
            }
        }
        return out;
    }

    private static boolean mirrored(P2pMatrix m, ReportedLabel l, int i, int j) {
        return m.reported(i, j).stream().anyMatch(o -> o.tool() == l.tool() && o.label().equals(l.label())
                && Objects.equals(o.at().file(), l.at().file()) && o.agreement() == l.agreement());
    }

    private static String pad(String s) {
        return s.length() >= WIDTH ? s + " " : s + " ".repeat(WIDTH - s.length());
    }
}
