package org.dmascope.views.topology;

import java.util.ArrayList;
import java.util.List;

import javafx.scene.Node;
import javafx.scene.control.Label;

import org.dmascope.views.topology.LayoutBox.BoxKind;

/**
 * Colours the drawn functions by IOMMU group: style classes on each card, port marker and VF chip
 * ({@code iommu-group group-colour-N}, {@code group-differs}, {@code no-group}) and a small tag with the
 * group number on its top edge. The canvas creates the nodes of the boxes on screen only, so it asks for
 * each box's decoration when it creates its node; tags live in the drawing above the cards, so the cards
 * keep their own layout; turning the colouring off removes both.
 */
final class GroupDecorator {
    static final String COLOURED = "iommu-group";
    static final String NO_GROUP = "no-group";
    static final String DIFFERS = "group-differs";
    static final String TAG = "group-tag";
    static final String COLOUR_PREFIX = "group-colour-";
    /** Past the route's stop badge, which sits on the same corner (RouteOverlay). */
    private static final double TAG_INSET = 18;

    static final String LEGEND_ID = "group-legend";

    private final Label legend = new Label();
    private GroupColouring colouring;

    GroupDecorator() {
        legend.setId(LEGEND_ID);
        legend.getStyleClass().add("group-legend");
        legend.setManaged(false);
        legend.setVisible(false);
        legend.setMouseTransparent(true);
        legend.setWrapText(true);
    }

    /** A line over the drawing saying what the colours mean; the skin places it. */
    Label legend() {
        return legend;
    }

    /** The node id of a function's tag, e.g. {@code group-tag-device-0000-03-00-0}. */
    static String tagId(TopologyItem item) {
        return "group-tag-" + item.nodeId();
    }

    /** The colouring to apply from now on (null: none); the legend follows at once. */
    void setColouring(GroupColouring colouring, boolean drawn) {
        this.colouring = colouring;
        legend.setVisible(colouring != null && drawn);
        legend.setText(colouring == null ? "" : colouring.legend());
    }

    /**
     * Styles the node of box {@code b} for the current colouring and returns its tag, to be placed in the
     * drawing above the cards; null when the box gets none.
     */
    Node decorate(LayoutBox b, Node n) {
        if (colouring == null || !colouring.iommuPresent()) return null;
        if (!decorated(b.kind()) || b.item().isEmpty() || b.function().isEmpty()) return null;
        GroupColouring.Tag tag = colouring.tag(b.function().get()).orElse(null);
        if (tag == null) return null;
        List<String> classes = classes(tag);
        n.getStyleClass().addAll(classes);
        Label l = new Label(tag.text());
        l.setId(tagId(b.item().get()));
        l.getStyleClass().add(TAG);
        l.getStyleClass().addAll(classes);
        l.setMouseTransparent(true);
        l.setMinWidth(Label.USE_PREF_SIZE);
        Rect r = b.bounds();
        // On the top edge at the left, opposite the card's badge and clear of a route stop on its corner;
        // centredAt keeps it at its own size.
        double w = Math.max(22, 9 + 6.6 * tag.text().length());
        double h = 16;
        return DrawingPane.centredAt(l, new Rect(r.x() + TAG_INSET, r.y() - h / 2, w, h));
    }

    /** Takes a previous colouring's classes off a node. */
    static void undecorate(Node n) {
        n.getStyleClass().removeIf(s -> s.equals(COLOURED) || s.equals(NO_GROUP) || s.equals(DIFFERS)
                || s.startsWith(COLOUR_PREFIX));
    }

    private static boolean decorated(BoxKind k) {
        return k == BoxKind.DEVICE || k == BoxKind.UPSTREAM_PORT || k == BoxKind.DOWNSTREAM_PORT
                || k == BoxKind.VIRTUAL_FUNCTION;
    }

    private static List<String> classes(GroupColouring.Tag tag) {
        List<String> c = new ArrayList<>(3);
        if (tag.grouped()) {
            c.add(COLOURED);
            c.add(COLOUR_PREFIX + tag.colour());
        } else {
            c.add(NO_GROUP);
        }
        if (tag.differs()) c.add(DIFFERS);
        return c;
    }
}
