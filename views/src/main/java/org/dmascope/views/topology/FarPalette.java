package org.dmascope.views.topology;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javafx.css.PseudoClass;
import javafx.scene.Group;
import javafx.scene.control.Label;
import javafx.scene.layout.BackgroundFill;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import javafx.scene.shape.Path;
import javafx.scene.shape.SVGPath;

/**
 * The colours of the far view, read from the canvas's own style sheets: an invisible probe node with the
 * style classes (and pseudo-classes) of the node mode's card, frame or line is styled by CSS, and its
 * background, border or stroke is what the far view paints. So a theme or a palette change in CSS reaches
 * both drawings, and the far view never repeats a colour of its own.
 */
final class FarPalette {
    /** A box's look: outer (border) and inner fill, border stroke of a frame, icon (accent) colour. */
    record Look(Color outer, Color inner, Color stroke, Color accent) {
    }

    /** A connector's look. */
    record Line(Color colour, double width) {
    }

    private static final Color FALLBACK = Color.GRAY;

    private final Group probes = new Group();
    private final Map<String, Look> looks = new HashMap<>();
    private int version;
    private final Map<String, Line> lines = new HashMap<>();
    private final Map<String, Color> texts = new HashMap<>();

    FarPalette() {
        probes.setVisible(false);
        probes.setManaged(false);
        probes.setMouseTransparent(true);
    }

    /** The invisible parent of the probes: it must be inside the canvas so the canvas's sheets style them. */
    Group probes() {
        return probes;
    }

    /** Forgets the colours read so far (the theme or the sheets changed). */
    void invalidate() {
        looks.clear();
        lines.clear();
        texts.clear();
        version++;
    }

    /** Changes each time the looks are read again (a theme or style sheet change), for what keeps them. */
    int version() {
        return version;
    }

    /** The look of a region with these style classes, and pseudo-classes written {@code :selected}. */
    Look look(String... classes) {
        String key = String.join(" ", classes);
        Look l = looks.get(key);
        if (l == null) {
            l = probeRegion(classes);
            looks.put(key, l);
        }
        return l;
    }

    Line line(String... classes) {
        String key = String.join(" ", classes);
        Line l = lines.get(key);
        if (l == null) {
            Path p = new Path();
            p.getStyleClass().addAll(classes);
            probes.getChildren().add(p);
            p.applyCss();
            Paint stroke = p.getStroke();
            l = new Line(stroke instanceof Color c ? c : FALLBACK, p.getStrokeWidth());
            probes.getChildren().remove(p);
            lines.put(key, l);
        }
        return l;
    }

    /** The text colour of a label with these style classes inside a region with {@code container}'s classes. */
    Color text(String container, String label) {
        String key = container + "/" + label;
        Color c = texts.get(key);
        if (c == null) {
            Label l = new Label("x");
            l.getStyleClass().add(label);
            Group g = new Group(l);
            g.getStyleClass().addAll(container.split(" "));
            probes.getChildren().add(g);
            g.applyCss();
            c = l.getTextFill() instanceof Color tc ? tc : Color.BLACK;
            probes.getChildren().remove(g);
            texts.put(key, c);
        }
        return c;
    }

    private Look probeRegion(String... classes) {
        Region r = new Region();
        for (String c : classes) {
            if (c.startsWith(":")) r.pseudoClassStateChanged(PseudoClass.getPseudoClass(c.substring(1)), true);
            else r.getStyleClass().add(c);
        }
        SVGPath icon = new SVGPath();
        icon.getStyleClass().add("icon-shape");
        Group holder = new Group(icon);
        holder.getStyleClass().addAll(r.getStyleClass());
        probes.getChildren().addAll(r, holder);
        r.applyCss();
        holder.applyCss();
        List<BackgroundFill> fills = r.getBackground() == null ? List.of() : r.getBackground().getFills();
        Color outer = fills.isEmpty() ? null : colour(fills.get(0).getFill());
        Color inner = fills.size() < 2 ? outer : colour(fills.get(fills.size() - 1).getFill());
        Color stroke = r.getBorder() == null || r.getBorder().getStrokes().isEmpty() ? null
                : colour(r.getBorder().getStrokes().get(0).getTopStroke());
        Color accent = colour(icon.getFill());
        probes.getChildren().removeAll(r, holder);
        return new Look(outer, inner, stroke, accent);
    }

    private static Color colour(Paint p) {
        return p instanceof Color c ? c : null;
    }
}
