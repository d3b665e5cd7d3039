package org.dmascope.views.topology;

import javafx.scene.Node;
import javafx.scene.layout.Pane;

/**
 * Holds the canvas nodes at the positions the layout computed. Labels may be wider than the layout's
 * estimate of their text, so they are centred on their box at their preferred width.
 */
final class DrawingPane extends Pane {
    private static final String BOUNDS = "dmascope.bounds";
    private static final String CENTRED = "dmascope.centred";

    DrawingPane() {
        getStyleClass().add("drawing");
    }

    static <N extends Node> N at(N node, Rect bounds) {
        node.getProperties().put(BOUNDS, bounds);
        return node;
    }

    static <N extends Node> N centredAt(N node, Rect bounds) {
        node.getProperties().put(CENTRED, Boolean.TRUE);
        return at(node, bounds);
    }

    static Rect boundsOf(Node node) {
        return (Rect) node.getProperties().get(BOUNDS);
    }

    @Override
    protected void layoutChildren() {
        for (Node n : getChildren()) {
            Rect r = boundsOf(n);
            if (r == null) continue;
            if (n.getProperties().containsKey(CENTRED)) {
                double w = Math.max(r.width(), n.prefWidth(-1));
                double h = Math.max(r.height(), n.prefHeight(w));
                n.resizeRelocate(snapPositionX(r.centerX() - w / 2), snapPositionY(r.centerY() - h / 2), w, h);
            } else if (n.isResizable()) {
                n.resizeRelocate(r.x(), r.y(), r.width(), r.height());
            }
        }
    }
}
