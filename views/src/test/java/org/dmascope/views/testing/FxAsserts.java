package org.dmascope.views.testing;

import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;

/** Geometry helpers for UI tests. */
public final class FxAsserts {
    private FxAsserts() {
    }

    public static Point2D screenCentre(Node n) {
        Bounds b = n.localToScreen(n.getBoundsInLocal());
        return new Point2D(b.getCenterX(), b.getCenterY());
    }

    /** True when {@code inner}'s screen bounds lie within {@code outer}'s. */
    public static boolean shownWithin(Node inner, Node outer) {
        Bounds i = inner.localToScreen(inner.getBoundsInLocal());
        Bounds o = outer.localToScreen(outer.getBoundsInLocal());
        return o.contains(i);
    }
}
