package org.dmascope.views.mapping;

import java.util.ArrayList;
import java.util.List;

import org.dmascope.model.designs.BounceRoute;
import org.dmascope.model.kernel.p2p.P2pMapType;
import org.dmascope.model.kernel.route.HopDecision;
import org.dmascope.model.kernel.route.RouteHop;
import org.dmascope.model.kernel.route.TlpRoute;
import org.dmascope.model.mapping.BufferSpec;
import org.dmascope.model.mapping.Mapping;
import org.dmascope.model.util.ByteSize;
import org.dmascope.views.topology.CanvasRoute;
import org.dmascope.views.topology.TopologyItem;

/**
 * Turns a mapping's TLP route into what the canvas draws: each hop's item and badge. Hops name a
 * device, a host bridge (by id) or, for host memory, the RAM of the buffer's NUMA node.
 */
public final class RouteStops {
    private RouteStops() {
    }

    /** The stops of the mapping's route; null when the mapping has none. */
    public static CanvasRoute of(Mapping m) {
        if (m == null || m.route().isEmpty()) return null;
        TlpRoute r = m.route().get();
        int node = m.request().buffer() instanceof BufferSpec.Host h ? h.node() : -1;
        List<CanvasRoute.Stop> stops = new ArrayList<>();
        for (RouteHop h : r.hops()) stops.add(stop(h, node));
        CanvasRoute.Tone tone;
        if (!m.verdict().isOk() || !r.delivered()) tone = CanvasRoute.Tone.REFUSED;
        else if (m.mapType() == P2pMapType.BUS_ADDR) tone = CanvasRoute.Tone.PEER;
        else tone = CanvasRoute.Tone.HOST;
        return new CanvasRoute(stops, tone);
    }

    /**
     * The stops of a P2P pair's route (the client's DMA to the provider's memory), coloured by the
     * pair's map type: peer inside the fabric, host through the root complex, refused when the kernel
     * says NOT_SUPPORTED or the TLPs are not delivered.
     */
    public static CanvasRoute ofP2p(TlpRoute r, P2pMapType type) {
        List<CanvasRoute.Stop> stops = new ArrayList<>();
        for (RouteHop h : r.hops()) stops.add(stop(h, -1));
        CanvasRoute.Tone tone;
        if (type == P2pMapType.NOT_SUPPORTED || !r.delivered()) tone = CanvasRoute.Tone.REFUSED;
        else if (type == P2pMapType.BUS_ADDR) tone = CanvasRoute.Tone.PEER;
        else tone = CanvasRoute.Tone.HOST;
        return new CanvasRoute(stops, tone);
    }

    /**
     * The route of the 2019 proposal's bounce through host memory (the design lab's question 4): the initiator's DMA
     * up to the bounce buffer in RAM, then the CPU's copy from the host bridge down to the provider's BAR;
     * the hops and words are the model's ({@link BounceRoute}), the route is coloured as host traffic.
     */
    public static CanvasRoute ofBounce(BounceRoute b) {
        List<CanvasRoute.Stop> stops = new ArrayList<>();
        for (RouteHop h : b.toRam().hops()) {
            CanvasRoute.Stop s = stop(h, b.ramNode());
            if (h.decision() == HopDecision.TARGET) {
                // the label is the RAM pill's text: as short as the usual "RAM · node 0"
                s = new CanvasRoute.Stop(s.item(), CanvasRoute.Mark.TURN, "RAM · bounce",
                        "the initiator's DMA goes to a bounce buffer in the RAM of NUMA node " + b.ramNode()
                                + " instead of the BAR; " + b.copier()
                                + " copies " + ByteSize.format(b.bytesCopied()) + " between it and the BAR");
            }
            stops.add(s);
        }
        for (RouteHop h : b.ramToBar()) {
            CanvasRoute.Mark mark = h.decision() == HopDecision.TARGET ? CanvasRoute.Mark.TARGET
                    : CanvasRoute.Mark.PASS;
            stops.add(new CanvasRoute.Stop(itemOf(h, b.ramNode()), mark, h.node() + " · " + h.role(),
                    "CPU copy: " + h.explanation()));
        }
        return new CanvasRoute(stops, CanvasRoute.Tone.HOST);
    }

    /** The canvas item a hop passes. */
    public static TopologyItem itemOf(RouteHop h, int numaNode) {
        if (h.device().isPresent()) return TopologyItem.device(h.device().get());
        if (h.decision() == HopDecision.TARGET) return TopologyItem.numa(Math.max(0, numaNode));
        return TopologyItem.host(h.node());
    }

    private static CanvasRoute.Stop stop(RouteHop h, int node) {
        TopologyItem item = itemOf(h, node);
        CanvasRoute.Mark mark;
        switch (h.decision()) {
            case SOURCE:
                mark = CanvasRoute.Mark.SOURCE;
                break;
            case REDIRECTED_UPSTREAM:
                mark = CanvasRoute.Mark.REDIRECTED;
                break;
            case EGRESS_BLOCKED:
            case HOST_BRIDGE_REFUSED:
                mark = CanvasRoute.Mark.BLOCKED;
                break;
            case TARGET:
                mark = CanvasRoute.Mark.TARGET;
                break;
            case ROOT_COMPLEX:
            case CROSS_HOST_BRIDGE:
                mark = CanvasRoute.Mark.TURN;
                break;
            default:
                mark = h.role().contains("common upstream") ? CanvasRoute.Mark.TURN : CanvasRoute.Mark.PASS;
        }
        String label = item instanceof TopologyItem.Numa ? "RAM · node " + Math.max(0,
                node) : h.node() + " · " + h.role();
        return new CanvasRoute.Stop(item, mark, label, h.decision().words() + ": " + h.explanation());
    }
}
