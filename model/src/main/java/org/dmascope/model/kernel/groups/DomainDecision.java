package org.dmascope.model.kernel.groups;

import java.util.List;
import java.util.Objects;

import org.dmascope.model.topology.Platform.DomainType;

/**
 * The default domain of a group (R-GRP-3) and why.
 *
 * @param type    IDENTITY, DMA or DMA_FQ ({@code iommu_group/type} spells them identity, DMA, DMA-FQ)
 * @param strict  unmap flushes the IOTLB at once; false means a flush queue batches it (256 entries per
 *                CPU, 10 ms timer)
 * @param reason  one sentence
 * @param steps   each rule that contributed, in order
 */
public record DomainDecision(DomainType type, boolean strict, String reason, List<String> steps) {

    public DomainDecision {
        Objects.requireNonNull(type);
        Objects.requireNonNull(reason);
        steps = List.copyOf(steps);
    }

    /** True when devices in the group use the IOMMU DMA API ({@code use_dma_iommu()}). */
    public boolean translated() {
        return type == DomainType.DMA || type == DomainType.DMA_FQ;
    }
}
