package org.dmascope.views.topology;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import javafx.animation.KeyFrame;
import javafx.animation.KeyValue;
import javafx.animation.Timeline;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Pane;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Polyline;
import javafx.util.Duration;

import org.dmascope.views.common.StyleVariant;

/**
 * Draws a {@link CanvasRoute} over the drawing, in drawing coordinates: a line from stop to stop
 * (orthogonal, like the connectors; going up on the left lane and down on the right one, so a route
 * that climbs to the root complex and comes back down shows both ways), a numbered badge on each
 * stop, and a pill for the RAM a host-memory route ends in. {@link #play()} reveals it hop by hop
 * behind a moving packet.
 */
final class RouteOverlay extends Pane {
    static final String STYLE_CLASS = "route-overlay";
    static final String SEGMENT = "route-segment";
    static final String STOP = "route-stop";
    static final String MEMORY = "route-memory";
    static final String PACKET = "route-packet";
    static final String FOCUSED = "focused";
    private static final String TIP = "dmascope.routeTip";
    private static final double BADGE_R = 10;
    static final double PILL_W = 112;
    static final double PILL_H = 24;
    private static final double MAX_TOTAL_MS = 3600;
    private static final double PER_HOP_MS = 360;

    private final ReadOnlyIntegerWrapper revealed = new ReadOnlyIntegerWrapper(this, "revealed");
    private final List<Node> segments = new ArrayList<>();
    private final List<Node> stops = new ArrayList<>();
    private final Circle packet = new Circle(6);
    private Timeline timeline;
    private List<double[]> paths = List.of();

    RouteOverlay() {
        getStyleClass().add(STYLE_CLASS);
        setPickOnBounds(false);
        setManaged(false);
        packet.getStyleClass().add(PACKET);
        packet.setMouseTransparent(true);
    }

    /** Stops drawn so far (all of them once the animation ends). */
    ReadOnlyIntegerProperty revealedProperty() {
        return revealed.getReadOnlyProperty();
    }

    /** Stops drawn when the route is fully shown. */
    int stopCount() {
        return badgeCount();
    }

    /** Draws the route for this layout, fully shown (no animation); null clears it. */
    void show(LayoutResult layout, CanvasRoute route) {
        stopTimeline();
        getChildren().clear();
        segments.clear();
        stops.clear();
        paths = List.of();
        revealed.set(0);
        boolean none = layout == null || route == null || route.stops().isEmpty();
        StyleVariant.set(this, "tone-", none ? null : route.tone().name().toLowerCase(Locale.ROOT));
        if (none) return;
        List<Rect> rects = new ArrayList<>();
        List<CanvasRoute.Stop> drawn = new ArrayList<>();
        for (CanvasRoute.Stop s : route.stops()) {
            rectOf(layout, s.item()).ifPresent(r -> {
                rects.add(r);
                drawn.add(s);
            });
        }
        Geometry g = geometry(rects);
        paths = g.paths();
        for (double[] p : paths) {
            Polyline line = new Polyline(p);
            line.getStyleClass().add(SEGMENT);
            line.setMouseTransparent(true);
            segments.add(line);
        }
        Map<TopologyItem, Integer> seen = new HashMap<>();
        for (int i = 0; i < drawn.size(); i++) {
            CanvasRoute.Stop s = drawn.get(i);
            Rect r = rects.get(i);
            int repeat = seen.merge(s.item(), 1, Integer::sum) - 1;
            if (s.item() instanceof TopologyItem.Numa && repeat == 0) stops.add(memoryPill(s, r, i));
            stops.add(badge(i + 1, s, r, repeat, g.anchorX()[i]));
        }
        getChildren().addAll(segments);
        getChildren().addAll(stops);
        revealed.set(drawn.size());
        // Unmanaged, the overlay is not reached by every layout pass: size the new badges now.
        if (getScene() != null) {
            applyCss();
            layout();
        }
    }

    /** Hides the route and reveals it again hop by hop, {@code speed} times the normal pace. */
    void play(double speed) {
        stopTimeline();
        if (stops.isEmpty()) return;
        revealUpTo(0);
        double perHop = Math.min(PER_HOP_MS, MAX_TOTAL_MS / Math.max(1, paths.size()));
        Timeline t = new Timeline();
        t.getKeyFrames().add(new KeyFrame(Duration.ZERO, e -> revealUpTo(0)));
        double time = 0;
        if (!paths.isEmpty()) {
            double[] first = paths.get(0);
            packet.setCenterX(first[0]);
            packet.setCenterY(first[1]);
            getChildren().add(packet);
        }
        for (int i = 0; i < paths.size(); i++) {
            double[] p = paths.get(i);
            double length = length(p);
            double along = 0;
            for (int k = 2; k < p.length; k += 2) {
                along += Math.hypot(p[k] - p[k - 2], p[k + 1] - p[k - 1]);
                double at = time + perHop * (length == 0 ? 1 : along / length);
                t.getKeyFrames().add(new KeyFrame(Duration.millis(at), new KeyValue(packet.centerXProperty(), p[k]),
                        new KeyValue(packet.centerYProperty(), p[k + 1])));
            }
            time += perHop;
            int hop = i + 1;
            t.getKeyFrames().add(new KeyFrame(Duration.millis(time), e -> revealUpTo(hop)));
        }
        t.setOnFinished(e -> {
            getChildren().remove(packet);
            revealUpTo(paths.size());
        });
        timeline = t;
        t.setRate(speed > 0 && Double.isFinite(speed) ? speed : 1.0);
        t.play();
    }

    void setRouteFocused(boolean focused) {
        if (focused) {
            if (!getStyleClass().contains(FOCUSED)) getStyleClass().add(FOCUSED);
        } else {
            getStyleClass().remove(FOCUSED);
        }
    }

    /** Shows the segments before {@code hop} and the stops up to it. */
    private void revealUpTo(int hop) {
        for (int i = 0; i < segments.size(); i++) segments.get(i).setVisible(i < hop);
        int shown = 0;
        for (Node n : stops) {
            boolean visible = (int) n.getProperties().get(STOP) <= hop;
            n.setVisible(visible);
            if (visible && n.getStyleClass().contains(STOP)) shown++;
        }
        revealed.set(shown);
    }

    private void stopTimeline() {
        if (timeline != null) {
            timeline.stop();
            timeline = null;
        }
        getChildren().remove(packet);
        segments.forEach(n -> n.setVisible(true));
        stops.forEach(n -> n.setVisible(true));
        revealed.set(badgeCount());
    }

    private int badgeCount() {
        int n = 0;
        for (Node s : stops) if (s.getStyleClass().contains(STOP)) n++;
        return n;
    }

    private Node badge(int number, CanvasRoute.Stop s, Rect r, int repeat, double anchorX) {
        Label b = new Label(s.mark() == CanvasRoute.Mark.BLOCKED ? "✕" : Integer.toString(number));
        b.getStyleClass().addAll(STOP, "mark-" + s.mark().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        b.setId("route-stop-" + number);
        b.setAlignment(Pos.CENTER);
        b.setMinSize(2 * BADGE_R, 2 * BADGE_R);
        b.setPrefSize(2 * BADGE_R, 2 * BADGE_R);
        b.setMaxSize(2 * BADGE_R, 2 * BADGE_R);
        // On a wide bar the badge sits where the route meets it; elsewhere on the box's corner.
        double x = r.width() > RouteGeometry.WIDE ? anchorX + RouteGeometry.LANE + 6 : r.x() - BADGE_R + 2;
        b.resizeRelocate(x + repeat * (2 * BADGE_R + 4), r.y() - BADGE_R + 2, 2 * BADGE_R, 2 * BADGE_R);
        // A Tooltip is a popup window, costly to make: it is made when the pointer first comes.
        String tip = number + " · " + s.label() + "\n" + s.explanation();
        b.setOnMouseEntered(e -> {
            if (b.getProperties().containsKey(TIP)) return;
            Tooltip t = new Tooltip(tip);
            t.setWrapText(true);
            t.setMaxWidth(420);
            t.setShowDelay(Duration.millis(200));
            Tooltip.install(b, t);
            b.getProperties().put(TIP, t);
        });
        b.getProperties().put(STOP, number - 1);
        return b;
    }

    private static Node memoryPill(CanvasRoute.Stop s, Rect r, int index) {
        Label pill = new Label(s.label());
        pill.getStyleClass().add(MEMORY);
        pill.setId("route-memory");
        pill.setAlignment(Pos.CENTER);
        pill.setMinSize(r.width(), r.height());
        pill.setPrefSize(r.width(), r.height());
        pill.setMaxSize(r.width(), r.height());
        pill.resizeRelocate(r.x(), r.y(), r.width(), r.height());
        pill.setMouseTransparent(true);
        pill.getProperties().put(STOP, index);
        return pill;
    }

    /** Where a stop is drawn: its box, the box of the PF of a hidden VF, or the RAM pill on a NUMA frame. */
    static Optional<Rect> rectOf(LayoutResult layout, TopologyItem item) {
        return RouteGeometry.rectOf(layout, item);
    }

    /** The lines between the stops and the x at which the route meets each stop's box. */
    record Geometry(List<double[]> paths, double[] anchorX) {
    }

    /** The route's polylines and anchors: {@link RouteGeometry}, which pictures exported without a window share. */
    static Geometry geometry(List<Rect> rects) {
        RouteGeometry.Lines l = RouteGeometry.lines(rects);
        return new Geometry(l.paths(), l.anchorX());
    }

    static List<double[]> paths(List<Rect> rects) {
        return geometry(rects).paths();
    }

    private static double length(double[] p) {
        double l = 0;
        for (int k = 2; k < p.length; k += 2) l += Math.hypot(p[k] - p[k - 2], p[k + 1] - p[k - 1]);
        return l;
    }
}
