package org.dmascope.app.cli;

import java.io.PrintStream;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.dmascope.model.kernel.profile.KernelChange;
import org.dmascope.model.session.AcrossVersions;

/**
 * {@code dmascope map … --across-versions}: the rows of {@link AcrossVersions} as text or JSON. Every
 * profile is mapped on a freshly booted machine; a row is a profile whose verdict, segments or error
 * differ from the profile before it, with the kernel changes that can explain it.
 */
final class AcrossVersionsOutput {
    private AcrossVersionsOutput() {
    }

    static void text(AcrossVersions.Table t, String what, int limit, PrintStream out) {
        out.println("Across kernel versions: " + what);
        out.println("Each profile boots the machine afresh; listed are the oldest profile and every profile whose "
                + "verdict, segments or error differ from the one before it (" + t.outcomes().size()
                + " profiles mapped).");
        for (AcrossVersions.Row r : t.rows()) {
            AcrossVersions.Outcome o = r.outcome();
            out.println();
            out.println(o.kernel().id() + "  " + o.kernel().label() + "  " + o.verdict()
                    + (o.mapType().isEmpty() ? "" : "  P2P " + o.mapType()) + "  " + o.segments().size()
                    + (o.segments().size() == 1 ? " segment" : " segments"));
            if (!o.error().isEmpty()) out.println("   error: " + o.error());
            for (int i = 0; i < Math.min(limit, o.segments().size()); i++) {
                out.println("   segment " + i + ": " + o.segments().get(i));
            }
            if (o.segments().size() > limit) out.println("   … " + (o.segments().size() - limit) + " more");
            if (r.previous().isPresent()) {
                out.println("   changed from " + r.previous().get().id() + ": " + String.join("; ", r.differences()));
                for (KernelChange c : r.changes()) out.println("   by " + c.describe());
            }
        }
    }

    static ObjectNode json(AcrossVersions.Table t, int limit) {
        ObjectNode o = JsonOutput.object();
        o.put("profilesMapped", t.outcomes().size());
        ArrayNode rows = o.putArray("rows");
        for (AcrossVersions.Row r : t.rows()) {
            AcrossVersions.Outcome x = r.outcome();
            ObjectNode n = rows.addObject();
            n.put("kernel", x.kernel().id());
            n.put("label", x.kernel().label());
            r.previous().ifPresent(p -> n.put("previous", p.id()));
            n.put("verdict", x.verdict());
            if (!x.error().isEmpty()) n.put("error", x.error());
            if (!x.mapType().isEmpty()) n.put("mapType", x.mapType());
            n.put("segmentCount", x.segments().size());
            ArrayNode seg = n.putArray("segments");
            x.segments().stream().limit(limit).forEach(seg::add);
            ArrayNode diff = n.putArray("differences");
            if (r.previous().isPresent()) r.differences().forEach(diff::add);
            ArrayNode changes = n.putArray("changes");
            for (KernelChange c : r.changes()) {
                ObjectNode cn = changes.addObject();
                cn.put("rule", c.ruleId());
                cn.put("version", c.version());
                cn.put("commit", c.commit());
                cn.put("change", c.words());
            }
        }
        return o;
    }
}
