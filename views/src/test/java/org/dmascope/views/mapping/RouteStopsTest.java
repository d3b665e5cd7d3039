package org.dmascope.views.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.dmascope.model.kernel.profile.KernelProfile;
import org.dmascope.model.session.MapOptions;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.Topology;
import org.dmascope.views.testing.Samples;
import org.dmascope.views.topology.CanvasRoute;
import org.dmascope.views.topology.CanvasRoute.Mark;
import org.dmascope.views.topology.TopologyItem;
import org.junit.jupiter.api.Test;

class RouteStopsTest {
    private static final Bdf T4 = Bdf.parse("0000:03:00.0");

    private static CanvasRoute route(Topology t, int source, KernelProfile p) {
        BufferSource src = BufferSource.of(t).get(source);
        return RouteStops.of(Drops.map(t, source, BufferSettings.defaultFor(src), T4, p,
                MapOptions.DEFAULTS).mapping());
    }

    private static TopologyItem dev(String a) {
        return TopologyItem.device(Bdf.parse(a));
    }

    @Test
    void aSwitchLocalRouteTurnsAtTheUpstreamPort() {
        CanvasRoute r = route(Samples.switchP2p(), 1, KernelProfile.MAINLINE);
        assertEquals(CanvasRoute.Tone.PEER, r.tone());
        assertEquals(List.of(dev("03:00.0"), dev("02:00.0"), dev("01:00.0"), dev("02:02.0"), dev("05:00.0")),
                r.stops().stream().map(CanvasRoute.Stop::item).toList());
        assertEquals(List.of(Mark.SOURCE, Mark.PASS, Mark.TURN, Mark.PASS, Mark.TARGET),
                r.stops().stream().map(CanvasRoute.Stop::mark).toList());
    }

    @Test
    void aHostBufferEndsInTheRamOfItsNode() {
        CanvasRoute r = route(Samples.switchP2p(), 0, KernelProfile.MAINLINE);
        assertEquals(CanvasRoute.Tone.HOST, r.tone());
        List<TopologyItem> items = r.stops().stream().map(CanvasRoute.Stop::item).toList();
        assertEquals(List.of(dev("03:00.0"), dev("02:00.0"), dev("01:00.0"), dev("00:01.0"),
                TopologyItem.host("pci0000:00"),
                TopologyItem.numa(0)), items);
        assertEquals("RAM · node 0", r.stops().get(5).label());
    }

    @Test
    void acsRedirectMarksThePortsAndLinux54StopsAtTheHostBridge() {
        CanvasRoute thru = route(Samples.acsRedirect(), 1, KernelProfile.MAINLINE);
        assertEquals(9, thru.stops().size(), "up to the root complex and back down");
        assertEquals(Mark.REDIRECTED, thru.stops().get(1).mark());
        assertEquals(Mark.TURN, thru.stops().get(4).mark());
        CanvasRoute refused = route(Samples.acsRedirect(), 1, KernelProfile.V5_4);
        assertEquals(CanvasRoute.Tone.REFUSED, refused.tone());
        assertEquals(5, refused.stops().size());
        assertEquals(Mark.BLOCKED, refused.stops().get(4).mark());
        assertEquals(TopologyItem.host("pci0000:00"), refused.stops().get(4).item());
    }
}
