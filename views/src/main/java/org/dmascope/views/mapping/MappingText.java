package org.dmascope.views.mapping;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.dmascope.model.kernel.route.RouteHop;
import org.dmascope.model.kernel.route.TlpRoute;
import org.dmascope.model.mapping.Mapping;
import org.dmascope.model.mapping.Step;

/**
 * The result of a drop as plain text for a bug report: the verdict with the choices behind it, the
 * steps with their kernel rule ids, inputs and outputs, and the route hop by hop. Copy puts these on
 * the clipboard; they only reword what the engine returned.
 */
public final class MappingText {
    private MappingText() {
    }

    /** The verdict as the banner shows it, with what was mapped for which device. */
    public static String verdict(VerdictText v, Optional<String> choice, Mapping m) {
        StringBuilder sb = new StringBuilder();
        if (m != null) {
            sb.append("# ").append(m.request().buffer().spec()).append(" for ").append(m.request().initiator())
                    .append(" (").append(m.request().api().kernelName()).append(", ").append(m.request().profile()
                            .label()).append(")\n");
        }
        sb.append(v.code()).append(": ").append(v.headline()).append('\n');
        sb.append(v.detail()).append('\n');
        v.remedy().ifPresent(r -> sb.append(r).append('\n'));
        choice.ifPresent(c -> sb.append(c).append('\n'));
        return sb.toString();
    }

    /** Every step, numbered, with its rule id, narration, inputs and outputs. */
    public static String steps(Mapping m) {
        if (m == null) return "";
        StringBuilder sb = new StringBuilder();
        sb.append("# Steps of ").append(m.request().buffer().spec()).append(" for ").append(m.request().initiator())
                .append('\n');
        List<Step> steps = m.steps();
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            sb.append(i + 1).append(". [").append(s.ruleId()).append("] ").append(StepsView.kindWords(s.kind()))
                    .append(": ").append(s.title()).append('\n');
            if (!s.since().isEmpty()) sb.append("   kernel history: ").append(s.since()).append('\n');
            if (!s.narration().isBlank()) sb.append("   ").append(s.narration().strip()).append('\n');
            values(sb, "in", s.inputs());
            values(sb, "out", s.outputs());
        }
        return sb.toString();
    }

    /** The TLP route hop by hop, or a line saying there is none. */
    public static String route(Mapping m) {
        if (m == null) return "";
        Optional<TlpRoute> r = m.route();
        if (r.isEmpty()) return "# No route: nothing of this mapping crosses the PCIe fabric\n";
        StringBuilder sb = new StringBuilder();
        sb.append("# Route of ").append(m.request().buffer().spec()).append(" for ").append(m.request().initiator())
                .append(r.get().delivered() ? "" : " (not delivered)").append('\n');
        List<RouteHop> hops = r.get().hops();
        for (int i = 0; i < hops.size(); i++) {
            RouteHop h = hops.get(i);
            sb.append(i + 1).append(". ").append(h.node()).append("  ").append(h.decision().words()).append("  (")
                    .append(h.role()).append(": ").append(h.explanation()).append(')');
            h.linkToNext().ifPresentOrElse(l -> sb.append("  link to next: ").append(l),
                    () -> {
                        if (!h.linkNote().isEmpty()) sb.append("  ").append(h.linkNote());
                    });
            sb.append('\n');
        }
        for (String note : r.get().notes()) sb.append("note: ").append(note).append('\n');
        return sb.toString();
    }

    private static void values(StringBuilder sb, String what, Map<String, String> values) {
        if (values.isEmpty()) return;
        sb.append("   ").append(what).append(": ");
        boolean first = true;
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (!first) sb.append(", ");
            sb.append(e.getKey()).append(" = ").append(e.getValue());
            first = false;
        }
        sb.append('\n');
    }
}
