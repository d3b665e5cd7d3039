package org.dmascope.model.kernel.dma;

import java.util.function.IntFunction;
import org.dmascope.model.kernel.p2p.P2pMapType;
import org.dmascope.model.kernel.rule.KernelRule;


/**
 * R-P2P-9 {@code struct pci_p2pdma_map_state} and {@code pci_p2pdma_state(state, dev, page)}
 * (include/linux/pci-p2pdma.h): an ordinary page is {@code NONE}; for a P2P page the map type is
 * looked up only when its provider differs from the previous page's, so a run of pages from one
 * provider costs one lookup. A fresh state is used for each map call.
 */
@KernelRule("R-P2P-9")
public final class P2pMapState {
    private final IntFunction<P2pMapType> mapTypeOfProvider;
    private int mem = -1;
    private P2pMapType map = P2pMapType.UNKNOWN;
    private int lookups;

    /** @param mapTypeOfProvider {@code pci_p2pdma_map_type(provider, dev)} for a provider index */
    public P2pMapState(IntFunction<P2pMapType> mapTypeOfProvider) {
        this.mapTypeOfProvider = mapTypeOfProvider;
    }

    /** {@code pci_p2pdma_state()} for a page whose provider index is {@code provider} (-1 for RAM). */
    public P2pMapType state(int provider) {
        if (provider < 0) return P2pMapType.NONE;
        if (mem != provider) {
            mem = provider;
            map = mapTypeOfProvider.apply(provider);
            lookups++;
        }
        return map;
    }

    /** {@code state->mem}: the provider of the last P2P page seen, -1 before any. */
    public int mem() {
        return mem;
    }

    /** How many times the map type was computed rather than reused. */
    public int lookups() {
        return lookups;
    }
}
