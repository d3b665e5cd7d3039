package org.dmascope.views.topology;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.Topology;
import org.dmascope.views.testing.Samples;
import org.junit.jupiter.api.Test;

class RouteOverlayGeometryTest {

    @Test
    void upGoesOnTheLeftLaneAndDownOnTheRightSoBothWaysShow() {
        Rect child = new Rect(100, 200, 180, 76);
        Rect parent = new Rect(100, 62, 180, 76);
        RouteOverlay.Geometry up = RouteOverlay.geometry(List.of(child, parent));
        RouteOverlay.Geometry down = RouteOverlay.geometry(List.of(parent, child));
        double[] u = up.paths().get(0);
        double[] d = down.paths().get(0);
        assertEquals(190 - 5, u[0], 1e-9);
        assertEquals(190 + 5, d[0], 1e-9);
        assertEquals(200, u[1], 1e-9, "leaves the child at its top");
        assertEquals(138, u[7], 1e-9, "enters the parent at its bottom");
    }

    @Test
    void theRunAcrossFollowsTheRailBelowAParentAndHugsANarrowGap() {
        Rect parent = new Rect(0, 0, 180, 76);
        Rect child = new Rect(300, 138, 180, 76);
        double[] p = RouteOverlay.geometry(List.of(parent, child)).paths().get(0);
        assertEquals(76 + TopologyLayout.STEM, p[3], 1e-9, "on the connectors' rail");
        Rect upstreamPort = new Rect(0, 0, 96, 26);
        Rect downstreamPort = new Rect(200, 56, 96, 26);
        double[] q = RouteOverlay.geometry(List.of(downstreamPort, upstreamPort)).paths().get(0);
        assertEquals(26 + 4, q[3], 1e-9, "just below the upstream port, above the switch's title");
    }

    @Test
    void aWideBarIsEnteredAndLeftWhereTheRouteArrived() {
        Rect port = new Rect(400, 200, 180, 76);
        Rect bar = new Rect(0, 100, 1000, 50);
        Rect pill = new Rect(850, 40, 112, 24);
        RouteOverlay.Geometry g = RouteOverlay.geometry(List.of(port, bar, pill));
        assertEquals(490, g.anchorX()[1], 1e-9, "the bar is met above the port");
        double[] up = g.paths().get(1);
        assertEquals(490 - 5, up[0], 1e-9, "and left from there");
        assertEquals(906 - 5, up[6], 1e-9, "towards the pill's centre");
    }

    @Test
    void everyStopOfARealRouteHasABox() {
        Topology t = Samples.switchP2p();
        LayoutResult l = TopologyLayout.compute(t);
        for (TopologyItem i : List.of(TopologyItem.device(Bdf.parse("03:00.0")), TopologyItem.host("pci0000:00"),
                TopologyItem.numa(0))) {
            Optional<Rect> r = RouteOverlay.rectOf(l, i);
            assertTrue(r.isPresent(), i.toString());
        }
        Rect frame = l.box(TopologyItem.numa(0)).orElseThrow().bounds();
        Rect pill = RouteOverlay.rectOf(l, TopologyItem.numa(0)).orElseThrow();
        assertEquals(frame.y(), pill.centerY(), 1e-9, "the RAM pill sits on the NUMA frame's top edge");
        assertArrayEquals(new double[] {frame.maxX() - 14}, new double[] {pill.maxX()}, 1e-9);
    }
}
