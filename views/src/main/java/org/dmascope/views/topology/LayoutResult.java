package org.dmascope.views.topology;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.dmascope.model.topology.Bdf;

/**
 * A computed topology layout: boxes (frames first, then the boxes inside them), connectors, the
 * navigation order, the functions hidden in collapsed VF groups, and the size of the whole drawing.
 */
public final class LayoutResult {
    private final List<LayoutBox> boxes;
    private final List<Connector> connectors;
    private final Navigation navigation;
    private final Map<Bdf, Bdf> hiddenVfs;
    private final Rect bounds;
    private final Map<TopologyItem, LayoutBox> byItem = new HashMap<>();

    LayoutResult(List<LayoutBox> boxes, List<Connector> connectors, Navigation navigation, Map<Bdf, Bdf> hiddenVfs,
                 Rect bounds) {
        this.boxes = List.copyOf(boxes);
        this.connectors = List.copyOf(connectors);
        this.navigation = navigation;
        this.hiddenVfs = Collections.unmodifiableMap(hiddenVfs);
        this.bounds = bounds;
        for (LayoutBox b : this.boxes) b.item().ifPresent(i -> byItem.putIfAbsent(i, b));
    }

    public List<LayoutBox> boxes() {
        return boxes;
    }

    public List<Connector> connectors() {
        return connectors;
    }

    public Navigation navigation() {
        return navigation;
    }

    /** The whole drawing, margins included, starting at (0, 0). */
    public Rect bounds() {
        return bounds;
    }

    /** The box drawing an item, if it is drawn (a VF in a collapsed group is not). */
    public Optional<LayoutBox> box(TopologyItem item) {
        return Optional.ofNullable(byItem.get(item));
    }

    /** VFs not drawn because their PF's group is collapsed, mapped to that PF. */
    public Map<Bdf, Bdf> hiddenVfs() {
        return hiddenVfs;
    }
}
