package org.dmascope.model.designs;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.dmascope.model.kernel.TopologyRules;
import org.dmascope.model.kernel.dma.DmaDirection;
import org.dmascope.model.kernel.dma.P2pProvider;
import org.dmascope.model.kernel.route.HopDecision;
import org.dmascope.model.kernel.route.RouteHop;
import org.dmascope.model.kernel.route.TlpRoute;
import org.dmascope.model.mapping.Mapping;

/**
 * Question 4, the proposal's path for BAR memory the initiator cannot reach peer to peer ({@link
 * BounceThroughHost}: Jason Gunthorpe's "Don't we already expect the DMA mapper to handle bouncing for lots of
 * cases, how is this case different?", "Removing struct page from P2PDMA" thread, 27 Jun 2019,
 * {@code <20190627163504.GB9568@ziepe.ca>}), the way swiotlb handles a narrow DMA mask. The initiator's DMA
 * goes to a bounce buffer in host RAM instead of the BAR (up its own chain, through its host bridge, to the
 * memory controller), and a CPU copies between that buffer and the BAR, as {@code swiotlb_bounce()} copies
 * with {@code memcpy}: its MMIO reads or writes leave the root complex through the provider's host bridge and
 * go down the provider's chain to the BAR. The bounce buffer is taken on the provider's NUMA node, next to the CPU
 * that copies ({@link UnreachableBar#copyRunsOn}); node 0 when the file names none.
 *
 * <p>Nothing in mainline takes this path (mainline refuses: {@link RefuseUnreachable}); the hops come from
 * the same route finder as the kernel's own routes ({@link TopologyRules#routeToMemory}).
 *
 * @param part        the engine's mapping the kernel refused (map type NOT_SUPPORTED)
 * @param toRam       the initiator's DMA to the bounce buffer: requester … host bridge, RAM
 * @param ramToBar    the CPU's copy from RAM to the BAR: host bridge … provider, the provider last
 * @param ramNode     the NUMA node of the bounce buffer
 * @param bytesCopied bytes the CPU copies (twice the part for a bidirectional buffer)
 * @param copier      where the copy runs, in words
 * @param direction   which way the data moves
 */
public record BounceRoute(Mapping part, TlpRoute toRam, List<RouteHop> ramToBar, int ramNode, long bytesCopied,
                          String copier, DmaDirection direction) {
    public BounceRoute {
        ramToBar = List.copyOf(ramToBar);
    }

    /** The route of the first part the kernel refused; empty when the whole buffer is reachable. */
    public static Optional<BounceRoute> of(DesignInput in) {
        List<Mapping> refused = UnreachableBar.unreachable(in);
        if (refused.isEmpty()) return Optional.empty();
        Mapping m = refused.get(0);
        P2pProvider p = m.pinned().provider();
        TopologyRules rules = TopologyRules.of(in.topology(), m.request().platform());
        OptionalInt providerNode = in.providerNode(p);
        int node = providerNode.orElse(0);
        TlpRoute toRam = rules.routeToMemory(m.request().initiator(), node, m.request().iommuMode().translates());
        // The provider's own route to RAM, walked backwards: the CPU's MMIO goes down the links the provider's
        // DMA would go up.
        List<RouteHop> up = rules.routeToMemory(p.owner(), node, false).hops();
        List<RouteHop> down = new ArrayList<>();
        for (int i = up.size() - 2; i >= 0; i--) down.add(downward(up.get(i), i == 0, p));
        return Optional.of(new BounceRoute(m, toRam, down, node, UnreachableBar.copyBytes(m),
                UnreachableBar.copyRunsOn(in, m), m.request().buffer().direction()));
    }

    private static RouteHop downward(RouteHop up, boolean provider, P2pProvider p) {
        if (provider) {
            return new RouteHop(up.node(), up.device(), "P2P provider", HopDecision.TARGET, "BAR " + p.bar()
                    + " completes the CPU's MMIO reads or writes: the copy to or from the bounce buffer",
                    Optional.empty(), "");
        }
        if (up.device().isEmpty()) {
            return new RouteHop(up.node(), up.device(), up.role(), HopDecision.ROOT_COMPLEX, "the copying CPU's "
                    + "MMIO accesses to the BAR leave the root complex here", Optional.empty(), "");
        }
        return new RouteHop(up.node(), up.device(), up.role(), HopDecision.FORWARD_DOWN, "the BAR lies in its "
                + "window, so it forwards the CPU's MMIO accesses downstream", Optional.empty(), "");
    }
}
