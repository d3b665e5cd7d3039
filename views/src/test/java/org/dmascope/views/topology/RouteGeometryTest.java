package org.dmascope.views.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.dmascope.model.topology.Topology;
import org.dmascope.views.testing.Samples;
import org.junit.jupiter.api.Test;

/**
 * The route's geometry, which the canvas's overlay and exported pictures both draw from: on every sample's
 * routes between its functions, each line leaves one stop's box on its edge and arrives on the next one's.
 */
class RouteGeometryTest {

    @Test
    void eachLineLeavesAStopsBoxAndArrivesOnTheNextOnEverySample() {
        int checked = 0;
        for (String sample : List.of("switch-p2p-server.json", "acs-redirect-server.json", "dgx-like.json",
                "epyc-dual-socket.json", "thunderbolt-laptop.json")) {
            Topology t = Samples.load(sample);
            LayoutResult layout = TopologyLayout.compute(t);
            List<LayoutBox> boxes = layout.boxes().stream().filter(b -> b.item().isPresent()).toList();
            for (int i = 0; i + 2 < boxes.size(); i += 3) {
                List<CanvasRoute.Stop> stops = new ArrayList<>();
                for (LayoutBox b : List.of(boxes.get(i), boxes.get(i + 1), boxes.get(i + 2), boxes.get(0))) {
                    stops.add(new CanvasRoute.Stop(b.item().get(), CanvasRoute.Mark.PASS, "x", "y"));
                }
                stops.add(new CanvasRoute.Stop(TopologyItem.numa(0), CanvasRoute.Mark.TARGET, "RAM", "y"));
                CanvasRoute route = new CanvasRoute(stops, CanvasRoute.Tone.HOST);
                List<Rect> rects = new ArrayList<>();
                for (CanvasRoute.Stop s : stops) RouteGeometry.rectOf(layout, s.item()).ifPresent(rects::add);
                RouteGeometry.Placed picture = RouteGeometry.place(layout, route);
                assertEquals(rects.size() - 1, picture.paths().size(), sample);
                for (int k = 0; k < picture.paths().size(); k++) {
                    double[] p = picture.paths().get(k);
                    assertTrue(onEdge(rects.get(k), p[0], p[1]), sample + " line " + k + " starts off its box");
                    assertTrue(onEdge(rects.get(k + 1), p[p.length - 2], p[p.length - 1]),
                            sample + " line " + k + " ends off the next box");
                }
                checked++;
            }
        }
        assertTrue(checked > 20, "routes checked: " + checked);
    }

    private static boolean onEdge(Rect r, double x, double y) {
        double e = 1e-6;
        boolean inside = x >= r.x() - e && x <= r.maxX() + e && y >= r.y() - e && y <= r.maxY() + e;
        boolean edge = Math.abs(x - r.x()) < e || Math.abs(x - r.maxX()) < e || Math.abs(y - r.y()) < e
                || Math.abs(y - r.maxY()) < e;
        return inside && edge;
    }

    @Test
    void aRefusedRouteStillPlacesItsBlockedStop() {
        Topology t = Samples.acsRedirect();
        LayoutResult layout = TopologyLayout.compute(t);
        LayoutBox first = layout.boxes().stream().filter(b -> b.function().isPresent()).findFirst().orElseThrow();
        CanvasRoute route = new CanvasRoute(List.of(new CanvasRoute.Stop(first.item().get(),
                CanvasRoute.Mark.BLOCKED, "x", "y")), CanvasRoute.Tone.REFUSED);
        RouteGeometry.Placed p = RouteGeometry.place(layout, route);
        assertEquals(1, p.stops().size());
        assertEquals(0, p.paths().size());
        Rect box = first.bounds();
        assertEquals(box.x() - RouteGeometry.BADGE_R + 2, p.stops().get(0).badge().x(), 1e-9, "on the box's corner");
    }
}
