package org.dmascope.views.topology;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The order keyboard navigation follows on the canvas: the hierarchy as drawn (NUMA node → host
 * bridge → root port → switch upstream port → downstream port → device → VFs). Up goes to the parent,
 * Down to the first child, Left/Right to the neighbour at the same depth, Tab through all in pre-order.
 */
public final class Navigation {
    private final Map<TopologyItem, TopologyItem> parents;
    private final Map<TopologyItem, List<TopologyItem>> children;
    private final List<TopologyItem> roots;
    private final List<TopologyItem> order = new ArrayList<>();
    private final Map<TopologyItem, Integer> depth = new HashMap<>();
    private final Map<Integer, List<TopologyItem>> byDepth = new HashMap<>();
    private final Map<TopologyItem, Integer> indexInOrder = new HashMap<>();

    Navigation(Map<TopologyItem, TopologyItem> parents, Map<TopologyItem, List<TopologyItem>> children,
               List<TopologyItem> roots) {
        this.parents = Map.copyOf(parents);
        Map<TopologyItem, List<TopologyItem>> c = new LinkedHashMap<>();
        children.forEach((k, v) -> c.put(k, List.copyOf(v)));
        this.children = Collections.unmodifiableMap(c);
        this.roots = List.copyOf(roots);
        for (TopologyItem r : this.roots) visit(r, 0);
    }

    private void visit(TopologyItem item, int d) {
        if (indexInOrder.containsKey(item)) return;
        indexInOrder.put(item, order.size());
        order.add(item);
        depth.put(item, d);
        byDepth.computeIfAbsent(d, k -> new ArrayList<>()).add(item);
        for (TopologyItem c : children(item)) visit(c, d + 1);
    }

    /** Every navigable item in pre-order (the Tab order). */
    public List<TopologyItem> order() {
        return Collections.unmodifiableList(order);
    }

    public boolean contains(TopologyItem item) {
        return indexInOrder.containsKey(item);
    }

    public Optional<TopologyItem> first() {
        return order.isEmpty() ? Optional.empty() : Optional.of(order.get(0));
    }

    public Optional<TopologyItem> parent(TopologyItem item) {
        return Optional.ofNullable(parents.get(item));
    }

    public List<TopologyItem> children(TopologyItem item) {
        return children.getOrDefault(item, List.of());
    }

    public Optional<TopologyItem> firstChild(TopologyItem item) {
        List<TopologyItem> c = children(item);
        return c.isEmpty() ? Optional.empty() : Optional.of(c.get(0));
    }

    /** The item {@code delta} places away in pre-order, wrapping around. */
    public Optional<TopologyItem> step(TopologyItem item, int delta) {
        Integer i = indexInOrder.get(item);
        if (i == null || order.isEmpty()) return first();
        int n = order.size();
        return Optional.of(order.get(Math.floorMod(i + delta, n)));
    }

    /** The neighbour at the same depth, left ({@code -1}) or right ({@code +1}); none at the ends. */
    public Optional<TopologyItem> beside(TopologyItem item, int delta) {
        Integer d = depth.get(item);
        if (d == null) return Optional.empty();
        List<TopologyItem> row = byDepth.get(d);
        int i = row.indexOf(item) + delta;
        return i >= 0 && i < row.size() ? Optional.of(row.get(i)) : Optional.empty();
    }
}
