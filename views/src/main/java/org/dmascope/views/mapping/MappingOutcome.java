package org.dmascope.views.mapping;

import java.util.Objects;
import java.util.Optional;

import org.dmascope.model.kernel.p2p.P2pVerdict;
import org.dmascope.model.mapping.Mapping;

/**
 * What one drop produced, computed off the FX thread.
 *
 * @param mapping      the engine's result; null when the request did not fit the topology
 * @param p2p          for a P2P buffer, the topology rules' verdict for the pair (reason, suggestion)
 * @param iommuReason  why the device's DMA is translated the way it is
 * @param problem      why nothing was mapped (no such node, buffer larger than the memory…)
 * @param computeNanos time the engine took
 * @param live         the state's live mappings after this one
 */
public record MappingOutcome(DropRequest drop, MappingOptions options, Mapping mapping, Optional<P2pVerdict> p2p,
                             String iommuReason, Optional<String> problem, long computeNanos, LiveState live) {
    public MappingOutcome {
        Objects.requireNonNull(drop);
        Objects.requireNonNull(options);
        Objects.requireNonNull(p2p);
        Objects.requireNonNull(iommuReason);
        Objects.requireNonNull(problem);
        Objects.requireNonNull(live);
    }

    public boolean hasMapping() {
        return mapping != null;
    }
}
