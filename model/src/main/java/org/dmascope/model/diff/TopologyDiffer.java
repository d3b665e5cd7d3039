package org.dmascope.model.diff;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.dmascope.model.diff.TopologyDiff.CellChange;
import org.dmascope.model.diff.TopologyDiff.FieldChange;
import org.dmascope.model.diff.TopologyDiff.FunctionChange;
import org.dmascope.model.diff.TopologyDiff.GroupChange;
import org.dmascope.model.diff.TopologyDiff.Move;
import org.dmascope.model.diff.TopologyDiff.PartChange;
import org.dmascope.model.io.TopologyJsonWriter;
import org.dmascope.model.kernel.TopologyRules;
import org.dmascope.model.kernel.groups.GroupMember;
import org.dmascope.model.kernel.groups.IommuGroup;
import org.dmascope.model.kernel.matrix.MatrixCell;
import org.dmascope.model.kernel.matrix.P2pMatrix;
import org.dmascope.model.kernel.p2p.P2pVerdict;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.Topology;

/**
 * Compares two topologies, each under its own platform choices: what the files record (functions added, removed,
 * moved, changed fields; platform, NUMA nodes and host bridges) and what the kernel's rules then decide
 * differently (IOMMU groups that split or merge, P2P matrix cells whose map type or distance changes), each
 * decision with the rule's own reason. The rules are the ones the product runs; this class only compares.
 */
public final class TopologyDiffer {
    private static final Set<String> FUNCTION_KEY = Set.of("address");

    private TopologyDiffer() {
    }

    public static TopologyDiff compare(TopologyRules before, TopologyRules after) {
        Topology a = before.topology();
        Topology b = after.topology();
        FunctionPairing pairing = new FunctionPairing(a, b);
        ObjectNode ja = TopologyJsonWriter.toJson(a);
        ObjectNode jb = TopologyJsonWriter.toJson(b);
        Map<String, JsonNode> fa = JsonFields.byKey(ja.get("functions"), "address");
        Map<String, JsonNode> fb = JsonFields.byKey(jb.get("functions"), "address");
        Set<Bdf> movedSet = Set.copyOf(pairing.moved());
        List<Move> moved = new ArrayList<>();
        List<FunctionChange> changed = new ArrayList<>();
        for (Map.Entry<Bdf, Bdf> p : pairing.pairs().entrySet()) {
            List<FieldChange> fields = JsonFields.changes(fa.get(p.getKey().toString()),
                    fb.get(p.getValue().toString()), FUNCTION_KEY);
            String name = b.function(p.getValue()).map(f -> f.identity().displayName()).orElse("");
            if (movedSet.contains(p.getKey())) {
                moved.add(new Move(p.getKey(), p.getValue(), name, fields));
            } else if (!fields.isEmpty()) {
                changed.add(new FunctionChange(p.getValue(), name, fields));
            }
        }
        return new TopologyDiff(pairing.added(), pairing.removed(), moved, changed, machine(ja, jb),
                groups(before, after, pairing), cells(before, after, pairing));
    }

    private static List<PartChange> machine(ObjectNode ja, ObjectNode jb) {
        List<PartChange> out = new ArrayList<>();
        List<FieldChange> platform = JsonFields.changes(ja.path("platform"), jb.path("platform"), Set.of());
        if (!platform.isEmpty()) out.add(new PartChange("platform", "", platform));
        keyed(out, "NUMA node", JsonFields.byKey(ja.get("numaNodes"), "id"),
                JsonFields.byKey(jb.get("numaNodes"), "id"));
        keyed(out, "host bridge", JsonFields.byKey(ja.get("hostBridges"), "id"),
                JsonFields.byKey(jb.get("hostBridges"), "id"));
        return out;
    }

    private static void keyed(List<PartChange> out, String part, Map<String, JsonNode> a, Map<String, JsonNode> b) {
        Set<String> keys = new LinkedHashSet<>(a.keySet());
        keys.addAll(b.keySet());
        for (String k : keys) {
            List<FieldChange> fields = JsonFields.changes(a.get(k), b.get(k), Set.of("id"));
            if (!fields.isEmpty()) out.add(new PartChange(part, k, fields));
        }
    }

    /**
     * Groups as partitions of the functions present on both sides (in their addresses after): a group before whose
     * members fall into several groups after split; a group after whose members came from several before merged.
     */
    private static List<GroupChange> groups(TopologyRules before, TopologyRules after, FunctionPairing pairing) {
        Map<Bdf, Integer> ga = before.groups().assignment();
        Map<Bdf, Integer> gb = after.groups().assignment();
        Map<Integer, List<Bdf>> beforeGroups = new TreeMap<>();
        Map<Integer, List<Bdf>> afterGroups = new TreeMap<>();
        Map<Bdf, Integer> beforeOf = new LinkedHashMap<>();
        for (Map.Entry<Bdf, Bdf> p : pairing.pairs().entrySet()) {
            Integer x = ga.get(p.getKey());
            Integer y = gb.get(p.getValue());
            if (x == null || y == null) continue;
            beforeGroups.computeIfAbsent(x, k -> new ArrayList<>()).add(p.getValue());
            afterGroups.computeIfAbsent(y, k -> new ArrayList<>()).add(p.getValue());
            beforeOf.put(p.getValue(), x);
        }
        List<GroupChange> out = new ArrayList<>();
        for (Map.Entry<Integer, List<Bdf>> g : beforeGroups.entrySet()) {
            Map<Integer, List<Bdf>> parts = new TreeMap<>();
            for (Bdf m : g.getValue()) parts.computeIfAbsent(gb.get(m), k -> new ArrayList<>()).add(m);
            if (parts.size() > 1) {
                out.add(new GroupChange(GroupChange.Kind.SPLIT, List.of(sorted(g.getValue())),
                        parts.values().stream().map(TopologyDiffer::sorted).toList(),
                        "before: " + joinedReason(before, g.getKey()).orElse("one group") + "; after: "
                                + isolationReasons(after, parts.keySet())));
            }
        }
        for (Map.Entry<Integer, List<Bdf>> g : afterGroups.entrySet()) {
            Map<Integer, List<Bdf>> parts = new TreeMap<>();
            for (Bdf m : g.getValue()) parts.computeIfAbsent(beforeOf.get(m), k -> new ArrayList<>()).add(m);
            if (parts.size() > 1) {
                out.add(new GroupChange(GroupChange.Kind.MERGED,
                        parts.values().stream().map(TopologyDiffer::sorted).toList(), List.of(sorted(g.getValue())),
                        "after: " + joinedReason(after, g.getKey()).orElse("one group")));
            }
        }
        return out;
    }

    /** Why the members of a group are together: the reason of the first member that joined rather than began it. */
    private static Optional<String> joinedReason(TopologyRules rules, int groupId) {
        return group(rules, groupId).flatMap(g -> g.members().stream()
                .filter(m -> m.mechanism() != GroupMember.Mechanism.NEW_GROUP).findFirst())
                .map(m -> m.address().shortText() + ": " + m.reason());
    }

    /** Why each group after stands on its own: the reason its first member began it. */
    private static String isolationReasons(TopologyRules rules, Set<Integer> groupIds) {
        List<String> reasons = new ArrayList<>();
        for (int id : groupIds) {
            group(rules, id).map(g -> g.members().get(0))
                    .ifPresent(m -> reasons.add(m.address().shortText() + ": " + m.reason()));
        }
        return String.join("; ", reasons);
    }

    private static Optional<IommuGroup> group(TopologyRules rules, int id) {
        return rules.groups().groups().stream().filter(g -> g.id() == id).findFirst();
    }

    private static List<Bdf> sorted(List<Bdf> l) {
        return l.stream().sorted().toList();
    }

    /** Cells of the matrix whose endpoints are on both sides and whose map type or distance changed. */
    private static List<CellChange> cells(TopologyRules before, TopologyRules after, FunctionPairing pairing) {
        P2pMatrix ma = before.matrix();
        P2pMatrix mb = after.matrix();
        List<CellChange> out = new ArrayList<>();
        List<Bdf> endpoints = mb.endpoints();
        for (Bdf provider : endpoints) {
            Optional<Bdf> pa = pairing.before(provider);
            if (pa.isEmpty()) continue;
            for (Bdf client : endpoints) {
                Optional<Bdf> ca = pairing.before(client);
                if (ca.isEmpty()) continue;
                Optional<MatrixCell> x = ma.cell(pa.get(), ca.get());
                Optional<MatrixCell> y = mb.cell(provider, client);
                if (x.isEmpty() || y.isEmpty()) continue;
                if (x.get().mapType() == y.get().mapType() && x.get().distance() == y.get().distance()) continue;
                P2pVerdict v = after.p2p(provider, client);
                out.add(new CellChange(provider, client, x.get().mapType(), x.get().distance(), y.get().mapType(),
                        y.get().distance(), v.rules(), v.reason()));
            }
        }
        return out;
    }
}
