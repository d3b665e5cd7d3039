package org.dmascope.model.session;

import java.util.Objects;
import java.util.Optional;

import org.dmascope.model.kernel.p2p.P2pVerdict;
import org.dmascope.model.mapping.IommuMode;
import org.dmascope.model.mapping.Mapping;

/**
 * What one map call produced.
 *
 * @param mapping      the engine's result, refusals included; null when the call did not fit the machine
 *                     (no such device, node or P2P memory), see {@code problem}
 * @param p2p          for a P2P buffer, the topology rules' verdict for the pair (reason, what would change it)
 * @param iommuReason  why the device's DMA is translated the way it is
 * @param kernelIommu  the mode the kernel's own rules give the device (R-GRP-3), whatever the options chose:
 *                     when the options chose one, this is what the window shows beside "your choice";
 *                     empty when nothing was mapped
 * @param problem      why nothing was mapped
 * @param computeNanos time the engine took
 * @param after        the session's state after the call
 */
public record MapOutcome(MapCall call, Mapping mapping, Optional<P2pVerdict> p2p, String iommuReason,
                         Optional<IommuMode.Resolved> kernelIommu, Optional<String> problem, long computeNanos,
                         SessionSnapshot after) {
    public MapOutcome {
        Objects.requireNonNull(call);
        Objects.requireNonNull(p2p);
        Objects.requireNonNull(iommuReason);
        Objects.requireNonNull(kernelIommu);
        Objects.requireNonNull(problem);
        Objects.requireNonNull(after);
        if ((mapping == null) == problem.isEmpty()) {
            throw new IllegalArgumentException("an outcome has a mapping or a problem, not both or neither");
        }
    }

    public boolean hasMapping() {
        return mapping != null;
    }

    /** The same outcome with the state as it is later (the mapping released again, say). */
    public MapOutcome withAfter(SessionSnapshot later) {
        return new MapOutcome(call, mapping, p2p, iommuReason, kernelIommu, problem, computeNanos, later);
    }

    /** True when the options chose a mode other than the one the kernel's rules give the device. */
    public boolean iommuOverruled() {
        return call.options().iommuMode().isPresent() && kernelIommu.isPresent()
                && kernelIommu.get().mode() != call.options().iommuMode().get();
    }
}
