package org.dmascope.views.topology;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.dmascope.model.topology.Bdf;

/**
 * Where a {@link CanvasRoute} is drawn over a layout, without JavaFX: the lines between the stops,
 * each stop's numbered badge, and the RAM pill a host-memory route ends in. Pictures (views.export) draw
 * from it; it is the geometry of {@link RouteOverlay} (lanes, rails, badge corners), and
 * RouteGeometryTest holds the two equal until the overlay draws from this class too.
 */
public final class RouteGeometry {
    static final double LANE = 5;
    static final double WIDE = 300;
    static final double EDGE = 16;
    /** The connectors' rail below a parent (TopologyLayout.STEM). */
    static final double RAIL = TopologyLayout.STEM;
    public static final double BADGE_R = 10;
    public static final double PILL_W = 112;
    public static final double PILL_H = 24;

    /**
     * One drawn stop.
     *
     * @param number the badge's number, from 1
     * @param box    where the stop's item is drawn (for RAM: the pill)
     * @param badge  the badge's box, a circle of radius {@link #BADGE_R} inside it
     * @param memory the stop is the RAM pill's first visit: draw the pill
     */
    public record PlacedStop(int number, CanvasRoute.Stop stop, Rect box, Rect badge, boolean memory) {
    }

    /**
     * @param paths the polyline from each stop to the next
     * @param stops the stops drawn (those whose item the layout draws), in order
     */
    public record Placed(List<double[]> paths, List<PlacedStop> stops) {
    }

    private RouteGeometry() {
    }

    /** The route over this layout; stops whose items are not drawn are left out, as the canvas leaves them. */
    public static Placed place(LayoutResult layout, CanvasRoute route) {
        List<Rect> rects = new ArrayList<>();
        List<CanvasRoute.Stop> drawn = new ArrayList<>();
        for (CanvasRoute.Stop s : route.stops()) {
            rectOf(layout, s.item()).ifPresent(r -> {
                rects.add(r);
                drawn.add(s);
            });
        }
        Lines g = lines(rects);
        List<PlacedStop> stops = new ArrayList<>();
        Map<TopologyItem, Integer> seen = new HashMap<>();
        for (int i = 0; i < drawn.size(); i++) {
            CanvasRoute.Stop s = drawn.get(i);
            Rect r = rects.get(i);
            int repeat = seen.merge(s.item(), 1, Integer::sum) - 1;
            // On a wide bar the badge sits where the route meets it; elsewhere on the box's corner.
            double x = r.width() > WIDE ? g.anchorX()[i] + LANE + 6 : r.x() - BADGE_R + 2;
            Rect badge = new Rect(x + repeat * (2 * BADGE_R + 4), r.y() - BADGE_R + 2, 2 * BADGE_R, 2 * BADGE_R);
            stops.add(new PlacedStop(i + 1, s, r, badge, s.item() instanceof TopologyItem.Numa && repeat == 0));
        }
        return new Placed(g.paths(), stops);
    }

    /** Where a stop is drawn: its box, the box of the PF of a hidden VF, or the RAM pill on a NUMA frame. */
    public static Optional<Rect> rectOf(LayoutResult layout, TopologyItem item) {
        if (item instanceof TopologyItem.Numa) {
            Optional<LayoutBox> frame = layout.box(item);
            // an export that names no NUMA node: the kernel's RAM is all node 0's, and the one frame is the machine
            if (frame.isEmpty() && layout.boxes().stream().noneMatch(b -> b.kind() == LayoutBox.BoxKind.NUMA_GROUP
                    && b.item().isPresent())) {
                frame = layout.boxes().stream().filter(b -> b.kind() == LayoutBox.BoxKind.NUMA_GROUP).findFirst();
            }
            return frame.map(LayoutBox::bounds)
                    .map(f -> new Rect(Math.max(f.x() + 8, f.maxX() - PILL_W - 14), f.y() - PILL_H / 2, PILL_W,
                            PILL_H));
        }
        Optional<LayoutBox> box = layout.box(item);
        if (box.isEmpty() && item instanceof TopologyItem.Device d) {
            Optional<Bdf> pf = Optional.ofNullable(layout.hiddenVfs().get(d.address()));
            box = pf.flatMap(p -> layout.box(TopologyItem.device(p)));
        }
        return box.map(LayoutBox::bounds);
    }

    /** The lines between the stops and the x at which the route meets each stop's box. */
    record Lines(List<double[]> paths, double[] anchorX) {
    }

    /**
     * The polyline between each pair of consecutive rectangles: vertical out of one box, across, and
     * vertical into the next; side by side when they share a row. The run across follows the
     * connectors' rail below a parent, or hugs the upper box where the gap is narrow (inside a switch,
     * under the RAM pill), so it crosses no title. A wide box (host bridge bar) is entered and left at
     * the x the route arrived with.
     */
    static Lines lines(List<Rect> rects) {
        List<double[]> out = new ArrayList<>();
        double[] entryX = new double[rects.size()];
        Arrays.fill(entryX, Double.NaN);
        for (int i = 0; i + 1 < rects.size(); i++) {
            Rect a = rects.get(i);
            Rect b = rects.get(i + 1);
            double ax = anchorX(a, entryX[i], b.centerX());
            if (Double.isNaN(entryX[i])) entryX[i] = ax;
            double bx = b.width() > WIDE ? clamp(ax, b.x() + EDGE, b.maxX() - EDGE) : b.centerX();
            entryX[i + 1] = bx;
            if (a.maxY() <= b.y() + 0.5) {
                double run = run(a.maxY(), b.y());
                out.add(new double[] {ax + LANE, a.maxY(), ax + LANE, run, bx + LANE, run, bx + LANE, b.y()});
            } else if (b.maxY() <= a.y() + 0.5) {
                double run = run(b.maxY(), a.y());
                out.add(new double[] {ax - LANE, a.y(), ax - LANE, run, bx - LANE, run, bx - LANE, b.maxY()});
            } else if (a.maxX() <= b.x()) {
                double mid = (a.maxX() + b.x()) / 2;
                out.add(new double[] {a.maxX(), a.centerY(), mid, a.centerY(), mid, b.centerY(), b.x(), b.centerY()});
            } else {
                double mid = (b.maxX() + a.x()) / 2;
                out.add(new double[] {a.x(), a.centerY(), mid, a.centerY(), mid, b.centerY(), b.maxX(), b.centerY()});
            }
        }
        if (rects.size() == 1) entryX[0] = rects.get(0).centerX();
        return new Lines(out, entryX);
    }

    /** Where the horizontal run between an upper box's bottom and a lower box's top lies. */
    private static double run(double upperBottom, double lowerTop) {
        double gap = lowerTop - upperBottom;
        return upperBottom + (gap > RAIL + 8 ? RAIL : Math.min(4, gap / 2));
    }

    private static double anchorX(Rect r, double entry, double towards) {
        if (r.width() <= WIDE) return r.centerX();
        return clamp(Double.isNaN(entry) ? towards : entry, r.x() + EDGE, r.maxX() - EDGE);
    }

    private static double clamp(double v, double min, double max) {
        return min > max ? (min + max) / 2 : Math.max(min, Math.min(max, v));
    }
}
