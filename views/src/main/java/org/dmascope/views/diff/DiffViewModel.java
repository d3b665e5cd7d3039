package org.dmascope.views.diff;

import java.util.ArrayList;
import java.util.List;

import org.dmascope.model.diff.DiffText;
import org.dmascope.model.diff.TopologyDiff;
import org.dmascope.model.diff.TopologyDiff.CellChange;
import org.dmascope.model.diff.TopologyDiff.FieldChange;
import org.dmascope.model.diff.TopologyDiff.FunctionChange;
import org.dmascope.model.diff.TopologyDiff.GroupChange;
import org.dmascope.model.diff.TopologyDiff.Move;
import org.dmascope.model.diff.TopologyDiff.PartChange;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.Topology;

/**
 * A computed diff as rows for the window's three tables (recorded facts, IOMMU groups, P2P verdicts) and as the
 * text {@code dmascope diff} prints, for Copy. It only words what the model computed.
 */
public final class DiffViewModel {
    private final String beforeName;
    private final String afterName;
    private final TopologyDiff diff;
    private final List<String> text;
    private final List<DiffRow> facts = new ArrayList<>();
    private final List<DiffRow> groups = new ArrayList<>();
    private final List<DiffRow> cells = new ArrayList<>();

    public DiffViewModel(String beforeName, Topology before, String afterName, Topology after, TopologyDiff diff) {
        this.beforeName = beforeName;
        this.afterName = afterName;
        this.diff = diff;
        this.text = DiffText.lines(diff, before, after);
        for (Bdf f : diff.added()) facts.add(new DiffRow("added", f.toString(), "", name(after, f), ""));
        for (Bdf f : diff.removed()) facts.add(new DiffRow("removed", f.toString(), name(before, f), "", ""));
        for (Move m : diff.moved()) {
            facts.add(new DiffRow("moved", m.name(), m.before().toString(), m.after().toString(), "address"));
            fields("moved", m.after().toString(), m.fields());
        }
        for (FunctionChange c : diff.changed()) fields("changed", c.address() + "  " + c.name(), c.fields());
        for (PartChange p : diff.machine()) {
            fields("changed", p.part() + (p.key().isEmpty() ? "" : " " + p.key()), p.fields());
        }
        for (GroupChange g : diff.groups()) {
            groups.add(new DiffRow(g.kind() == GroupChange.Kind.SPLIT ? "split" : "merged", "",
                    DiffText.groups(g.before()), DiffText.groups(g.after()), g.why()));
        }
        for (CellChange c : diff.cells()) {
            cells.add(new DiffRow(c.beforeType() + " → " + c.afterType(), c.provider().shortText() + " → "
                    + c.client().shortText(), c.beforeType() + " (distance " + c.beforeDistance() + ")",
                    c.afterType() + " (distance " + c.afterDistance() + ")",
                    String.join(", ", c.rules()) + ": " + c.why()));
        }
    }

    private void fields(String what, String where, List<FieldChange> changes) {
        for (FieldChange f : changes) {
            facts.add(new DiffRow(what, where, DiffText.value(f.before()), DiffText.value(f.after()), f.field()));
        }
    }

    private static String name(Topology t, Bdf f) {
        return t.function(f).map(x -> x.identity().displayName()).orElse("");
    }

    /** "A.json → B.json: 1 added, 1 moved, 3 changed; 1 group split; 8 P2P verdicts". */
    public String summary() {
        if (diff.same()) return beforeName + " and " + afterName + " are the same: no function, field, IOMMU group "
                + "or P2P verdict differs";
        long splits = diff.groups().stream().filter(g -> g.kind() == GroupChange.Kind.SPLIT).count();
        return beforeName + " → " + afterName + ": functions " + diff.added().size() + " added, "
                + diff.removed().size() + " removed, " + diff.moved().size() + " moved, " + diff.changed().size()
                + " changed; IOMMU groups " + splits + " split, " + (diff.groups().size() - splits) + " merged; "
                + count(diff.cells().size(), "P2P verdict") + " changed";
    }

    private static String count(int n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }

    public List<DiffRow> facts() {
        return List.copyOf(facts);
    }

    public List<DiffRow> groups() {
        return List.copyOf(groups);
    }

    public List<DiffRow> cells() {
        return List.copyOf(cells);
    }

    /** What Copy puts on the clipboard: the CLI's text. */
    public String text() {
        return String.join("\n", text) + "\n";
    }
}
