package org.dmascope.model.kernel.route;

import static org.dmascope.model.kernel.fixtures.Fx.bdf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.dmascope.model.kernel.fixtures.Samples;
import org.dmascope.model.kernel.TopologyRules;
import org.dmascope.model.kernel.fixtures.Fx;
import org.dmascope.model.kernel.p2p.P2pVerdict;
import org.dmascope.model.topology.LinkSpeed;
import org.dmascope.model.topology.LinkState;
import org.dmascope.model.topology.Topology;
import org.junit.jupiter.api.Test;

/** TLP routes with ACS decisions and link bottlenecks, on the default sample. */
class RouteFinderTest {

    static Topology sample() {
        return Samples.switchP2pServer();
    }

    private static List<String> nodes(TlpRoute r) {
        return r.hops().stream().map(RouteHop::node).toList();
    }

    private static List<HopDecision> decisions(TlpRoute r) {
        return r.hops().stream().map(RouteHop::decision).toList();
    }

    @Test
    void switchLocalRouteTurnsAtTheUpstreamPortAndTheCmbLinkIsTheBottleneck() {
        TlpRoute r = TopologyRules.of(sample()).route(bdf("0000:03:00.0"), bdf("0000:05:00.0"));
        assertEquals(List.of("0000:03:00.0", "0000:02:00.0", "0000:01:00.0", "0000:02:02.0", "0000:05:00.0"), nodes(r));
        assertEquals(List.of(HopDecision.SOURCE, HopDecision.FORWARD_PEER, HopDecision.FORWARD_DOWN,
                HopDecision.FORWARD_DOWN,
                HopDecision.TARGET), decisions(r));
        assertEquals(bdf("0000:01:00.0"), r.commonUpstream().orElseThrow());
        assertFalse(r.viaRootComplex());
        assertEquals(new LinkState(LinkSpeed.GT_8, 16), r.hops().get(0).linkToNext().orElseThrow());
        assertEquals("inside the switch", r.hops().get(1).linkNote());
        assertEquals(new LinkState(LinkSpeed.GT_8, 4).gigabytesPerSecond(), r.bottleneckGBps().orElseThrow(), 1e-9);
        assertTrue(r.bottleneck().orElseThrow().startsWith("0000:02:02.0 → 0000:05:00.0"),
                r.bottleneck().orElseThrow());
    }

    @Test
    void requestRedirectSendsTheTlpThroughTheRootComplex() {
        Topology t = Fx.setAcsControl(sample(), "0000:02:00.0", 0x001d);
        TlpRoute r = TopologyRules.of(t).route(bdf("0000:03:00.0"), bdf("0000:05:00.0"));
        assertEquals(List.of("0000:03:00.0", "0000:02:00.0", "0000:01:00.0", "0000:00:01.0", "pci0000:00",
                "0000:00:01.0",
                "0000:01:00.0", "0000:02:02.0", "0000:05:00.0"), nodes(r));
        assertEquals(HopDecision.REDIRECTED_UPSTREAM, r.hops().get(1).decision());
        assertEquals(HopDecision.ROOT_COMPLEX, r.hops().get(4).decision());
        assertTrue(r.viaRootComplex());
        assertTrue(r.delivered());
    }

    @Test
    void egressControlWithoutRedirectBlocks() {
        Topology t = Fx.setAcsControl(sample(), "0000:02:00.0", 0x0020);
        TlpRoute r = TopologyRules.of(t).route(bdf("0000:03:00.0"), bdf("0000:05:00.0"));
        assertEquals(HopDecision.EGRESS_BLOCKED, r.hops().get(r.hops().size() - 1).decision());
        assertFalse(r.delivered());
    }

    @Test
    void mappingRouteFollowsTheKernelsMapType() {
        Topology t = Fx.setAcsControl(sample(), "0000:02:02.0", 0x001d);
        TopologyRules rules = TopologyRules.of(t);
        P2pVerdict v = rules.p2p(bdf("0000:05:00.0"), bdf("0000:03:00.0"));
        TlpRoute r = rules.route(v);
        assertEquals(bdf("0000:03:00.0"), r.from(), "the client's DMA");
        assertTrue(r.viaRootComplex());
        RouteHop provPort = r.hops().stream().filter(h -> h.node().equals("0000:02:02.0")).findFirst().orElseThrow();
        assertTrue(provPort.explanation().contains("ReqRedir+ CmpltRedir+"), provPort.explanation());
    }

    @Test
    void rootPortsOfOneHostBridgeMeetInTheRootComplex() {
        TlpRoute r = TopologyRules.of(sample()).route(bdf("0000:07:00.0"), bdf("0000:03:00.0"));
        assertTrue(r.viaRootComplex());
        assertTrue(r.commonUpstream().isEmpty());
        assertEquals("pci0000:00", r.hops().get(2).node());
        assertEquals(new LinkState(LinkSpeed.GT_16, 4).gigabytesPerSecond(), r.bottleneckGBps().orElseThrow(), 1e-9);
    }
}
