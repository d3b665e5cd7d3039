package org.dmascope.views.mapping;

import java.util.LinkedHashSet;
import java.util.Set;

import org.dmascope.model.kernel.route.RouteHop;
import org.dmascope.model.mapping.BufferSpec;
import org.dmascope.model.mapping.Mapping;
import org.dmascope.model.mapping.Step;
import org.dmascope.model.topology.Topology;
import org.dmascope.views.topology.TopologyItem;

/**
 * What a translation step touched on the canvas: the device for its parameters and result, the RAM
 * or the provider for the pinned pages, every hop for the route, the host bridge (where the IOMMU
 * sits) for IOVA allocation and page tables, the RAM holding the swiotlb pool for a bounce.
 */
public final class StepFocus {
    private StepFocus() {
    }

    public static Set<TopologyItem> of(Step step, Mapping m, Topology t) {
        Set<TopologyItem> out = new LinkedHashSet<>();
        if (step == null || m == null) return out;
        TopologyItem initiator = TopologyItem.device(m.request().initiator());
        BufferSpec buffer = m.request().buffer();
        TopologyItem memory = buffer instanceof BufferSpec.Host h ? TopologyItem.numa(h.node())
                : buffer.device().<TopologyItem>map(TopologyItem::device).orElse(TopologyItem.numa(firstNode(buffer)));
        switch (step.kind()) {
            case PIN:
                out.add(memory);
                break;
            case P2P:
                out.add(memory);
                out.add(initiator);
                break;
            case ROUTE:
                int node = buffer instanceof BufferSpec.Host h ? h.node() : -1;
                m.route().ifPresent(r -> {
                    for (RouteHop hop : r.hops()) out.add(RouteStops.itemOf(hop, node));
                });
                break;
            case DISPATCH:
            case IOVA_ALLOC:
            case PAGE_TABLE:
            case IOVA_LINK:
                if (m.request().iommuMode().translates()) hostBridge(m, t, out);
                else out.add(initiator);
                break;
            case SWIOTLB:
                out.add(buffer instanceof BufferSpec.Host ? memory : TopologyItem.numa(0));
                break;
            default:
                out.add(initiator);
        }
        return out;
    }

    private static void hostBridge(Mapping m, Topology t, Set<TopologyItem> out) {
        t.function(m.request().initiator()).flatMap(f -> t.hierarchy().hostBridgeOf(f))
                .ifPresentOrElse(hb -> out.add(TopologyItem.host(hb.id())),
                        () -> out.add(TopologyItem.device(m.request().initiator())));
    }

    /** The node of an explicit list's first host entry on a node (0 when it names none). */
    private static int firstNode(BufferSpec buffer) {
        if (!(buffer instanceof BufferSpec.Sg sg)) return 0;
        return sg.entries().stream().map(BufferSpec.SgEntry::place)
                .filter(p -> p instanceof BufferSpec.SgEntry.OnNode).mapToInt(p -> ((BufferSpec.SgEntry.OnNode) p)
                        .node()).findFirst().orElse(0);
    }
}
