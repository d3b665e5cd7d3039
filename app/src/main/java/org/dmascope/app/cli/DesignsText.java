package org.dmascope.app.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.dmascope.model.designs.Design;
import org.dmascope.model.designs.DesignInput;
import org.dmascope.model.designs.DesignReport;
import org.dmascope.model.designs.EntryTable;
import org.dmascope.model.designs.Figure;
import org.dmascope.model.designs.Question;

/**
 * {@code dmascope designs} as text: per question, one aligned table with the designs side by side (a
 * column each, figures as rows), then one line per design with its source, argument and fate.
 */
final class DesignsText {
    private DesignsText() {
    }

    static void print(DesignReport report, int entries, PrintStream out) {
        DesignInput in = report.input();
        out.println("designs for " + in.spec() + " mapped by " + in.initiator());
        out.println("kernel: " + String.join(", ", in.kernelVerdicts()) + "; map type "
                + String.join(", ", in.mapTypes().stream().map(Enum::name).toList()) + "; scatterlist "
                + in.kernelSgEntries() + " entries + " + in.kernelSgChains() + " chain entries; "
                + in.dmaSegments() + " DMA segments; " + in.ranges() + " physical ranges, " + in.pages() + " pages, "
                + in.bytes() + " bytes" + (in.mixed() ? " (host RAM and P2P memory mixed)" : ""));
        out.println("bytes assume " + report.designs().get(0).config());
        for (Question q : Question.values()) {
            List<Design> ds = report.of(q);
            out.println();
            out.println(q.number() + ". " + q.title());
            printTable(ds, out);
            for (Design d : ds) {
                out.println("  " + d.key() + ": " + d.name() + " (" + d.source() + ")");
                out.println("    argument: " + d.argument());
                out.println("    fate: " + d.fate());
            }
            if (entries > 0) for (Design d : ds) printEntries(d, entries, out);
        }
    }

    /** Figures as rows, designs as columns; a figure a design lacks is blank. */
    private static void printTable(List<Design> ds, PrintStream out) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (Design d : ds) for (Figure f : d.figures()) labels.putIfAbsent(f.key(), f.label());
        List<List<String>> rows = new ArrayList<>();
        List<String> head = new ArrayList<>(List.of(""));
        ds.forEach(d -> head.add(d.key() + (d.mainline() ? " *" : "")));
        rows.add(head);
        for (Map.Entry<String, String> l : labels.entrySet()) {
            List<String> row = new ArrayList<>(List.of(l.getValue()));
            for (Design d : ds) row.add(d.figure(l.getKey()).map(DesignsText::value).orElse(""));
            rows.add(row);
        }
        int[] width = new int[head.size()];
        for (List<String> r : rows) for (int c = 0; c < r.size(); c++) width[c] = Math.max(width[c], r.get(c).length());
        for (List<String> r : rows) {
            StringBuilder sb = new StringBuilder("  ");
            for (int c = 0; c < r.size(); c++) {
                String v = r.get(c);
                if (c == 0) sb.append(v).append(" ".repeat(width[c] - v.length()));
                else sb.append("  ").append(" ".repeat(width[c] - v.length())).append(v);
            }
            out.println(sb.toString().stripTrailing());
        }
        out.println("  (* mainline)");
    }

    static String value(Figure f) {
        if (f.value() instanceof Boolean b) return b ? "yes" : "no";
        return f.value().toString();
    }

    private static void printEntries(Design d, int limit, PrintStream out) {
        EntryTable t = d.entries();
        out.println("  entries of " + d.key() + " (" + t.rows() + "):");
        out.println("    " + String.join("  ", t.columns()));
        for (int r = 0; r < Math.min(limit, t.rows()); r++) {
            List<String> cells = new ArrayList<>();
            for (int c = 0; c < t.columns().size(); c++) cells.add(t.cell(r, c));
            out.println("    " + String.join("  ", cells));
        }
        if (t.rows() > limit) out.println("    ... " + (t.rows() - limit) + " more (--limit N shows more)");
    }
}
