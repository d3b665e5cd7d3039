package org.dmascope.model.kernel.p2p;

import java.util.Optional;

import org.dmascope.model.kernel.rule.KernelRule;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.PciFunction;

/**
 * R-P2P-8 {@code pci_p2pdma_map_type(provider, dev)} (drivers/pci/p2pdma.c), the map-time lookup:
 * a provider without P2PDMA state, or a client that is not itself a PCI device (no parent walk here,
 * unlike {@link P2pDistanceMany}), gives NOT_SUPPORTED; otherwise the cached or freshly computed
 * map type of R-P2P-5.
 */
@KernelRule("R-P2P-8")
public final class P2pMapTypeLookup {
    private P2pMapTypeLookup() {
    }

    /** The map type and the sentence. */
    public record Result(P2pMapType mapType, String reason, Optional<P2pVerdict> verdict) {
    }

    public static Result mapType(P2pIndex x, Bdf provider, P2pClient client) {
        return mapType(x, provider, client, false);
    }

    /**
     * @param initialised the provider's driver called {@code pcim_p2pdma_init()} without registering memory, as
     *                    vfio-pci does for its dma-buf exports (v6.19: {@code pcim_p2pdma_provider()} WARNs
     *                    without it), so {@code pdev->p2pdma} exists
     */
    public static Result mapType(P2pIndex x, Bdf provider, P2pClient client, boolean initialised) {
        PciFunction p = x.indexOf(provider).map(x::function)
                .orElseThrow(() -> new IllegalArgumentException("provider " + provider + " is not in the topology"));
        if (p.p2pMemory().isEmpty() && !initialised) {
            return new Result(P2pMapType.NOT_SUPPORTED,
                    provider + " has no P2PDMA state (no P2P memory registered): NOT_SUPPORTED",
                    Optional.empty());
        }
        if (client.pciDevice().isEmpty()) {
            return new Result(P2pMapType.NOT_SUPPORTED, client.name() + " is not a PCI device: NOT_SUPPORTED",
                    Optional.empty());
        }
        Optional<Integer> c = x.indexOf(client.pciDevice().get());
        if (c.isEmpty()) throw new IllegalArgumentException("client " + client.name() + " is not in the topology");
        P2pVerdict v = MapTypeCalculator.verdict(x, x.indexOf(provider).get(), c.get());
        return new Result(v.mapType(), v.reason(), Optional.of(v));
    }
}
