package org.dmascope.views.topology;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

import javafx.collections.ObservableList;
import javafx.scene.Node;

import org.dmascope.model.topology.Topology;
import org.dmascope.views.topology.LayoutBox.BoxKind;

/**
 * The nodes of a layout that are near the view: a box's card, a connector's line, a link label or a group
 * tag is made the first time it comes within a margin of the viewport and hidden when it leaves it, so the
 * scene graph the renderer walks each frame holds about a screenful, not the whole machine (virtualisation,
 * like a VirtualFlow's cells; nodes once made are kept, so panning back costs no CSS pass).
 * The children stay in the drawing order of the full scene: NUMA frames, switch and VF frames, lines,
 * cards, link labels, then group tags.
 */
final class DrawnNodes {
    private static final String Z = "dmascope.z";
    private static final long LAYER = 1L << 32;
    private static final int GROUPS = 0;
    private static final int FRAMES = 1;
    private static final int LINES = 2;
    private static final int SOLID = 3;
    private static final int LABELS = 4;
    private static final int TAGS = 5;

    private final DrawingPane content = new DrawingPane();
    private final GroupDecorator decorator;
    /** Called with each item's node when it is made, so the skin can give it the current marks. */
    private final BiConsumer<TopologyItem, Node> made;
    private final Map<TopologyItem, Node> byItem = new HashMap<>();
    private LayoutResult layout;
    private CanvasNodes factory;
    private Node[] boxNodes = new Node[0];
    private Node[] tagNodes = new Node[0];
    private Node[] lineNodes = new Node[0];
    private Node[] labelNodes = new Node[0];
    private Rect[] lineBounds = new Rect[0];
    private Rect[] labelBounds = new Rect[0];
    private Rect realised;

    DrawnNodes(GroupDecorator decorator, BiConsumer<TopologyItem, Node> made) {
        this.decorator = decorator;
        this.made = made;
        content.setPickOnBounds(false);
        content.setManaged(false);
    }

    /** The pane holding the nodes, in drawing coordinates. */
    DrawingPane content() {
        return content;
    }

    /** Forgets every node and starts over for a new layout (null: nothing drawn). */
    void setLayout(LayoutResult layout, Topology topology) {
        this.layout = layout;
        content.getChildren().clear();
        byItem.clear();
        realised = null;
        factory = layout == null ? null : new CanvasNodes(topology);
        int boxes = layout == null ? 0 : layout.boxes().size();
        int lines = layout == null ? 0 : layout.connectors().size();
        boxNodes = new Node[boxes];
        tagNodes = new Node[boxes];
        lineNodes = new Node[lines];
        labelNodes = new Node[lines];
        lineBounds = new Rect[lines];
        labelBounds = new Rect[lines];
        for (int i = 0; i < lines; i++) {
            Connector c = layout.connectors().get(i);
            lineBounds[i] = boundsOf(c);
            // A label may be wider than its box (it is centred at its own width): count generously.
            labelBounds[i] = c.label().map(l -> grow(l.bounds(), 60)).orElse(null);
        }
        if (layout != null) content.resize(layout.bounds().width(), layout.bounds().height());
    }

    /**
     * Makes sure everything within {@code margin} of {@code view} (drawing coordinates) is drawn; does nothing
     * while the view stays well inside what was realised last time.
     */
    void show(Rect view, double margin) {
        if (layout == null) return;
        if (realised != null && realised.contains(grow(view, margin / 4))) return;
        realise(grow(view, margin));
    }

    /** Draws what overlaps {@code area} and hides the rest. */
    private void realise(Rect area) {
        realised = area;
        List<LayoutBox> boxes = layout.boxes();
        for (int i = 0; i < boxes.size(); i++) {
            boolean in = boxes.get(i).bounds().overlaps(area);
            if (in && boxNodes[i] == null) makeBox(i);
            if (boxNodes[i] != null) {
                setVisible(boxNodes[i], in);
                setVisible(tagNodes[i], in);
            }
        }
        for (int i = 0; i < lineNodes.length; i++) {
            boolean in = lineBounds[i].overlaps(area);
            if (in && lineNodes[i] == null) {
                lineNodes[i] = add(factory.connector(layout.connectors().get(i)), LINES, i);
            }
            setVisible(lineNodes[i], in);
            if (labelBounds[i] == null) continue;
            boolean labelIn = labelBounds[i].overlaps(area);
            if (labelIn && labelNodes[i] == null) {
                int k = i;
                labelNodes[i] = factory.connectorLabel(layout.connectors().get(i)).map(n -> add(n, LABELS, k))
                        .orElse(null);
            }
            setVisible(labelNodes[i], labelIn);
        }
    }

    private void makeBox(int i) {
        LayoutBox b = layout.boxes().get(i);
        Node n = factory.box(b);
        int layer = b.kind() == BoxKind.NUMA_GROUP || b.kind() == BoxKind.ORPHAN_GROUP ? GROUPS
                : b.kind() == BoxKind.SWITCH || b.kind() == BoxKind.VF_GROUP && b.expanded() ? FRAMES : SOLID;
        boxNodes[i] = add(n, layer, i);
        tagNodes[i] = decorate(i, n);
        b.item().ifPresent(item -> {
            byItem.putIfAbsent(item, n);
            made.accept(item, n);
        });
    }

    private Node decorate(int i, Node n) {
        Node tag = decorator.decorate(layout.boxes().get(i), n);
        return tag == null ? null : add(tag, TAGS, i);
    }

    /** Applies the decorator's current colouring to every node made so far. */
    void redecorate() {
        for (int i = 0; i < boxNodes.length; i++) {
            if (tagNodes[i] != null) content.getChildren().remove(tagNodes[i]);
            tagNodes[i] = null;
            if (boxNodes[i] == null) continue;
            GroupDecorator.undecorate(boxNodes[i]);
            tagNodes[i] = decorate(i, boxNodes[i]);
            setVisible(tagNodes[i], boxNodes[i].isVisible());
        }
    }

    /** The node of an item, if it has been made. */
    Optional<Node> node(TopologyItem item) {
        return Optional.ofNullable(byItem.get(item));
    }

    /** Every item node made so far. */
    Map<TopologyItem, Node> made() {
        return byItem;
    }

    /** Boxes that are not frames overlapping {@code view}: what a screenful of nodes would cost. */
    int solidIn(Rect view) {
        if (layout == null) return 0;
        int n = 0;
        for (LayoutBox b : layout.boxes()) if (!b.kind().isFrame() && b.bounds().overlaps(view)) n++;
        return n;
    }

    /** Inserts a node where the drawing order puts it. */
    private Node add(Node n, int layer, int index) {
        long z = layer * LAYER + index;
        n.getProperties().put(Z, z);
        ObservableList<Node> children = content.getChildren();
        int lo = 0;
        int hi = children.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if ((long) children.get(mid).getProperties().get(Z) <= z) lo = mid + 1;
            else hi = mid;
        }
        children.add(lo, n);
        return n;
    }

    private static void setVisible(Node n, boolean visible) {
        if (n != null && n.isVisible() != visible) n.setVisible(visible);
    }

    static Rect boundsOf(Connector c) {
        double minX = Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (int k = 0; k < c.pointCount(); k++) {
            minX = Math.min(minX, c.x(k));
            maxX = Math.max(maxX, c.x(k));
            minY = Math.min(minY, c.y(k));
            maxY = Math.max(maxY, c.y(k));
        }
        return grow(new Rect(minX, minY, maxX - minX, maxY - minY), 4);
    }

    static Rect grow(Rect r, double by) {
        return new Rect(r.x() - by, r.y() - by, r.width() + 2 * by, r.height() + 2 * by);
    }
}
