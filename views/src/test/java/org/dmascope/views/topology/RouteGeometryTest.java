package org.dmascope.views.topology;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.dmascope.model.topology.Topology;
import org.dmascope.views.testing.Samples;
import org.junit.jupiter.api.Test;

/**
 * Pictures place the route with {@link RouteGeometry}, the canvas with {@link RouteOverlay}: until the
 * overlay draws from RouteGeometry too, this holds the two to the same lines and stop boxes on every
 * sample's routes between its functions, so a picture never shows a route the window does not.
 */
class RouteGeometryTest {

    @Test
    void picturesAndTheCanvasPutTheRouteInTheSamePlaceOnEverySample() {
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
                for (CanvasRoute.Stop s : stops) {
                    RouteOverlay.rectOf(layout, s.item()).ifPresent(rects::add);
                    assertEquals(RouteOverlay.rectOf(layout, s.item()), RouteGeometry.rectOf(layout, s.item()));
                }
                RouteOverlay.Geometry canvas = RouteOverlay.geometry(rects);
                RouteGeometry.Placed picture = RouteGeometry.place(layout, route);
                assertEquals(canvas.paths().size(), picture.paths().size(), sample);
                for (int k = 0; k < canvas.paths().size(); k++) {
                    assertArrayEquals(canvas.paths().get(k), picture.paths().get(k), 1e-9, sample);
                }
                checked++;
            }
        }
        assertTrue(checked > 20, "routes checked: " + checked);
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
