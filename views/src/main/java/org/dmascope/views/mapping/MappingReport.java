package org.dmascope.views.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.dmascope.model.kernel.platform.Assumption;
import org.dmascope.model.kernel.platform.AssumptionSource;
import org.dmascope.model.kernel.platform.PlatformAssumptions;
import org.dmascope.model.kernel.route.RouteHop;
import org.dmascope.model.kernel.route.TlpRoute;
import org.dmascope.model.mapping.DmaSegments;
import org.dmascope.model.mapping.Mapping;
import org.dmascope.model.mapping.Step;
import org.dmascope.model.session.MapOutcome;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.Topology;
import org.dmascope.model.util.ByteSize;
import org.dmascope.model.util.Hex;
import org.dmascope.views.topology.DeviceText;

/**
 * A mapping as a Markdown report for a bug report, a vendor ticket or a mail to a kernel list: the
 * machine, the verdict, the platform facts with where each came from, the route, the steps with their
 * rule ids, the first DMA segments, every fact that was assumed rather than read, and the dmascope and
 * kernel-profile versions. The window's Copy Report and Save Report… and {@code dmascope map --format
 * markdown} all write it here; it only rewords what the engine returned. Plain Java (no JavaFX).
 */
public final class MappingReport {
    /** Segments listed before "and N more". */
    public static final int DEFAULT_SEGMENTS = 32;

    private MappingReport() {
    }

    /**
     * The report of one map call.
     *
     * @param version  the dmascope version that made it
     * @param segments how many DMA segments to list
     */
    public static String markdown(MapOutcome o, Topology t, String version, int segments) {
        StringBuilder sb = new StringBuilder(4096);
        Mapping m = o.mapping();
        VerdictText v = VerdictText.of(o, t);
        if (m == null) {
            sb.append("# DMA mapping report: nothing mapped\n\n");
            sb.append("**").append(md(v.code())).append("**: ").append(md(v.headline())).append("\n\n");
            sb.append(md(v.detail())).append("\n\n");
            machine(sb, t, null);
            footer(sb, version, null);
            return sb.toString();
        }
        sb.append("# DMA mapping report: ").append(md(m.request().buffer().spec())).append(" for ")
                .append(md(m.request().initiator().toString())).append("\n\n");
        sb.append("**Verdict: ").append(md(v.code())).append("**: ").append(md(v.headline())).append("\n\n");
        sb.append(md(v.detail())).append("\n\n");
        v.remedy().ifPresent(r -> sb.append("What would change it: ").append(md(r)).append("\n\n"));
        sb.append("Kernel return: `").append(code(m.verdict().kernelReturn())).append("`\n\n");
        machine(sb, t, m);
        platform(sb, facts(m));
        route(sb, m);
        steps(sb, m);
        segments(sb, m.segments(), segments);
        assumed(sb, m);
        footer(sb, version, m);
        return sb.toString();
    }

    private static void machine(StringBuilder sb, Topology t, Mapping m) {
        sb.append("## Machine and request\n\n| | |\n|---|---|\n");
        row(sb, "Machine", t.name());
        t.source().ifPresent(s -> row(sb, "Topology source", s.kind().jsonName() + s.detail().map(d -> " (" + d + ")")
                .orElse("")));
        row(sb, "Size", count(t.functions().size(), "PCI function") + ", " + count(t.hostBridges().size(),
                "host bridge") + ", " + count(t.numaNodes().size(), "NUMA node"));
        if (m == null) {
            sb.append('\n');
            return;
        }
        row(sb, "Initiator", m.request().initiator() + " " + t.function(m.request().initiator())
                .map(f -> DeviceText.fullName(f) + " (" + DeviceText.detail(f) + ")").orElse(""));
        row(sb, "Buffer", m.request().buffer().spec());
        row(sb, "API", m.request().api().kernelName());
        row(sb, "IOMMU", m.request().iommuMode().words() + (m.domainId() == null ? "" : ", domain \"" + m.domainId()
                + "\""));
        row(sb, "P2P map type", String.valueOf(m.mapType()));
        row(sb, "Kernel profile", m.request().profile().label());
        sb.append('\n');
    }

    /** The facts the mapping read: the mapping's, and for P2P memory also those the P2PDMA verdict read. */
    static List<Assumption<?>> facts(Mapping m) {
        PlatformAssumptions p = m.request().platform();
        List<Assumption<?>> out = new ArrayList<>(p.forMapping());
        if (m.request().buffer().device().isPresent()) {
            for (Assumption<?> a : p.forP2p()) {
                if (out.stream().noneMatch(b -> b.name().equals(a.name()))) out.add(a);
            }
        }
        return out;
    }

    private static void platform(StringBuilder sb, List<Assumption<?>> facts) {
        sb.append("## Platform facts\n\n| Fact | Value | Source | Why |\n|---|---|---|---|\n");
        for (Assumption<?> a : facts) {
            sb.append("| ").append(cell(a.name())).append(" | ").append(cell(a.shown())).append(" | ")
                    .append(cell(a.source().words())).append(" | ").append(cell(a.detail())).append(" |\n");
        }
        sb.append('\n');
    }

    private static void route(StringBuilder sb, Mapping m) {
        sb.append("## Route\n\n");
        if (m.route().isEmpty()) {
            sb.append("No route: nothing of this mapping crosses the PCIe fabric.\n\n");
            return;
        }
        TlpRoute r = m.route().get();
        if (!r.delivered()) sb.append("The TLPs are not delivered.\n\n");
        List<RouteHop> hops = r.hops();
        for (int i = 0; i < hops.size(); i++) {
            RouteHop h = hops.get(i);
            sb.append(i + 1).append(". `").append(code(h.node())).append("` ").append(md(h.role())).append(": **")
                    .append(md(h.decision().words())).append("**, ").append(md(h.explanation()));
            h.linkToNext().ifPresentOrElse(l -> sb.append(" (link to next: ").append(md(l.toString())).append(')'),
                    () -> {
                        if (!h.linkNote().isEmpty()) sb.append(" (").append(md(h.linkNote())).append(')');
                    });
            sb.append('\n');
        }
        for (String note : r.notes()) sb.append("\nNote: ").append(md(note)).append('\n');
        sb.append('\n');
    }

    private static void steps(StringBuilder sb, Mapping m) {
        sb.append("## Steps\n\n");
        List<Step> steps = m.steps();
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            sb.append(i + 1).append(". **").append(md(s.title())).append("**");
            if (!s.ruleId().isEmpty()) sb.append(" `").append(code(s.ruleId())).append('`');
            sb.append('\n');
            if (!s.narration().isBlank()) sb.append("   ").append(md(s.narration().strip())).append('\n');
            values(sb, "in", s.inputs());
            values(sb, "out", s.outputs());
        }
        sb.append('\n');
    }

    private static void values(StringBuilder sb, String what, Map<String, String> values) {
        if (values.isEmpty()) return;
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, String> e : values.entrySet()) parts.add(e.getKey() + " = " + e.getValue());
        sb.append("   - ").append(what).append(": ").append(md(String.join(", ", parts))).append('\n');
    }

    private static void segments(StringBuilder sb, DmaSegments seg, int limit) {
        sb.append("## DMA segments\n\n");
        if (seg.count() == 0) {
            sb.append("None.\n\n");
            return;
        }
        sb.append(seg.count()).append(seg.count() == 1 ? " segment, " : " segments, ")
                .append(ByteSize.format(seg.totalLength())).append(".\n\n");
        sb.append("| # | DMA address | Length | Flags | Inputs |\n|---:|---|---:|---|---|\n");
        int shown = Math.min(limit, seg.count());
        for (int i = 0; i < shown; i++) {
            sb.append(String.format(Locale.ROOT, "| %d | `%s` | `%s` | %s | %d..%d |%n", i, Hex.addr(seg.address(i)),
                    Hex.addr(seg.length(i)), cell(String.join(", ", seg.flagNames(i))), seg.firstInput(i),
                    seg.firstInput(i) + seg.inputCount(i) - 1));
        }
        if (seg.count() > shown) {
            sb.append("\n…and ").append(seg.count() - shown).append(" more (").append(seg.count())
                    .append(" in all).\n");
        }
        sb.append('\n');
    }

    /** The facts the input did not state: inferred or defaulted platform facts and the device's DMA defaults. */
    private static void assumed(StringBuilder sb, Mapping m) {
        sb.append("## Assumptions made\n\n");
        List<String> lines = new ArrayList<>();
        for (Assumption<?> a : facts(m)) {
            if (a.source() == AssumptionSource.INFERRED || a.source() == AssumptionSource.DEFAULT) {
                lines.add(a.sentence());
            }
        }
        lines.addAll(m.device().defaultsApplied());
        if (lines.isEmpty()) sb.append("None: every fact this mapping used was stated by the input or an option.\n");
        for (String l : lines) sb.append("- ").append(md(l)).append('\n');
        if (!m.notes().isEmpty() || !m.kernelLog().isEmpty()) {
            sb.append("\nNotes:\n\n");
            for (String l : m.kernelLog()) sb.append("- kernel log: `").append(code(l)).append("`\n");
            for (String l : m.notes()) sb.append("- ").append(md(l)).append('\n');
        }
        sb.append('\n');
    }

    private static void footer(StringBuilder sb, String version, Mapping m) {
        sb.append("---\n\nMade by dmascope ").append(md(version));
        if (m != null) sb.append(" with the ").append(md(m.request().profile().label())).append(" kernel profile");
        sb.append(". dmascope models the kernel's decisions from the exported topology; it did not run on the "
                + "machine.\n");
    }

    private static String count(int n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }

    private static void row(StringBuilder sb, String key, String value) {
        sb.append("| ").append(key).append(" | ").append(cell(value)).append(" |\n");
    }

    /** Text in a table cell: one line, pipes escaped. */
    static String cell(String s) {
        return md(s).replace("|", "\\|").replace("\r", " ").replace("\n", " ");
    }

    /**
     * Running text: characters Markdown would read as markup are escaped. Underscores stay as they are
     * ({@code dma_map_sg} inside a word is no emphasis), so the report reads well as plain text in a mail.
     */
    static String md(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ("\\`*[]<".indexOf(c) >= 0) out.append('\\');
            out.append(c);
        }
        return out.toString();
    }

    /** Text inside a code span: a backtick would end it. */
    static String code(String s) {
        return s.replace('`', '\'').replace("\n", " ");
    }

    /** The short name of a function, for callers that title a saved report. */
    public static String fileStem(Mapping m, Topology t) {
        String who = t.function(m.request().initiator()).map(PciFunction::address).map(a -> a.shortText())
                .orElse("mapping");
        return ("dmascope-report-" + who).replaceAll("[^A-Za-z0-9._-]", "-");
    }
}
