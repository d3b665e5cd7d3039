package org.dmascope.model.kernel.iommu;

/** An IOVA range a DMA domain never hands out, and why (R-IOMMU-1). */
public record ReservedRegion(long start, long end, String reason) {
}
