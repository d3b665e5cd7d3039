package org.dmascope.model.mapping;

import org.dmascope.model.kernel.p2p.P2pMapType;
import org.dmascope.model.topology.PciFunction;

/**
 * {@code pci_p2pdma_map_type(provider, client)} (R-P2P-5/8): how pages of {@code provider}'s P2P
 * memory are mapped for {@code client}. The topology rules compute it; the mapping engine only asks,
 * once per provider per map call (R-P2P-9).
 */
@FunctionalInterface
public interface P2pMapTypeSource {
    P2pMapType mapType(PciFunction provider, PciFunction client);

    /**
     * The same for a dma-buf exporter (vfio-pci), whose P2PDMA state exists without registered memory
     * ({@code pcim_p2pdma_init()}); by default as {@link #mapType}.
     */
    default P2pMapType exporterMapType(PciFunction provider, PciFunction client) {
        return mapType(provider, client);
    }
}
