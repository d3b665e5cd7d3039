package org.dmascope.model.diff;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.dmascope.model.diff.TopologyDiff.CellChange;
import org.dmascope.model.diff.TopologyDiff.FieldChange;
import org.dmascope.model.diff.TopologyDiff.FunctionChange;
import org.dmascope.model.diff.TopologyDiff.GroupChange;
import org.dmascope.model.diff.TopologyDiff.Move;
import org.dmascope.model.diff.TopologyDiff.PartChange;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.Topology;

/** A diff as lines for people: what {@code dmascope diff} prints and the window copies. */
public final class DiffText {
    private static final String DETAIL = "           ";

    private DiffText() {
    }

    public static List<String> lines(TopologyDiff d, Topology before, Topology after) {
        List<String> out = new ArrayList<>();
        if (d.same()) {
            out.add("same: no function, field, IOMMU group or P2P verdict differs");
            return out;
        }
        out.add(String.format(Locale.ROOT, "functions: %d added, %d removed, %d moved, %d changed", d.added().size(),
                d.removed().size(), d.moved().size(), d.changed().size()));
        for (Bdf f : d.added()) out.add("  added    " + f + "  " + name(after, f));
        for (Bdf f : d.removed()) out.add("  removed  " + f + "  " + name(before, f));
        for (Move m : d.moved()) {
            out.add("  moved    " + m.before() + " -> " + m.after() + "  " + m.name());
            fields(m.fields(), out);
        }
        for (FunctionChange c : d.changed()) {
            out.add("  changed  " + c.address() + "  " + c.name());
            fields(c.fields(), out);
        }
        if (!d.machine().isEmpty()) {
            out.add("machine:");
            for (PartChange p : d.machine()) {
                out.add("  " + p.part() + (p.key().isEmpty() ? "" : " " + p.key()));
                fields(p.fields(), out);
            }
        }
        long splits = d.groups().stream().filter(g -> g.kind() == GroupChange.Kind.SPLIT).count();
        out.add(String.format(Locale.ROOT, "IOMMU groups (R-GRP-2): %d split, %d merged", splits,
                d.groups().size() - splits));
        for (GroupChange g : d.groups()) {
            out.add("  " + (g.kind() == GroupChange.Kind.SPLIT ? "split    " : "merged   ") + groups(g.before())
                    + " -> " + groups(g.after()));
            out.add(DETAIL + g.why());
        }
        out.add(String.format(Locale.ROOT, "P2P matrix (R-P2P-5): %d cells changed", d.cells().size()));
        for (CellChange c : d.cells()) {
            out.add("  " + c.provider().shortText() + " -> " + c.client().shortText() + "  " + verdict(c));
            out.add(DETAIL + c.why());
        }
        return out;
    }

    /** {@code BUS_ADDR (distance 4) -> THRU_HOST_BRIDGE (distance 6)  R-P2P-5, …}. */
    public static String verdict(CellChange c) {
        return c.beforeType() + " (distance " + c.beforeDistance() + ") -> " + c.afterType() + " (distance "
                + c.afterDistance() + ")  " + String.join(", ", c.rules());
    }

    /** {@code {02:03.0, 08:00.0} + {…}}. */
    public static String groups(List<List<Bdf>> groups) {
        return groups.stream().map(g -> g.stream().map(Bdf::shortText).collect(Collectors.joining(", ", "{", "}")))
                .collect(Collectors.joining(" + "));
    }

    /** A field's value, {@code (none)} when absent. */
    public static String value(String v) {
        return v == null ? "(none)" : v;
    }

    private static void fields(List<FieldChange> fields, List<String> out) {
        for (FieldChange f : fields) out.add("             " + f.field() + ": " + value(f.before()) + " -> "
                + value(f.after()));
    }

    private static String name(Topology t, Bdf f) {
        return t.function(f).map(x -> x.identity().displayName()).orElse("");
    }
}
