package org.dmascope.model.mapping;

import java.util.Optional;

import org.dmascope.model.kernel.p2p.P2pMapType;
import org.dmascope.model.kernel.route.TlpRoute;
import org.dmascope.model.topology.Bdf;

/** The TLP route of a mapping's DMA, from the topology rules (issue 4): to the P2P provider, or to host memory. */
@FunctionalInterface
public interface RouteSource {
    /** No route: for engines built without the topology rules (rule-vector tests). */
    RouteSource NONE = (initiator, provider, numaNode, mapType, translated) -> Optional.empty();

    /**
     * @param provider   the P2P provider, empty for host memory
     * @param numaNode   the node of a host buffer
     * @param translated the initiator's domain translates (dma-iommu)
     */
    Optional<TlpRoute> route(Bdf initiator, Optional<Bdf> provider, int numaNode, P2pMapType mapType,
            boolean translated);
}
