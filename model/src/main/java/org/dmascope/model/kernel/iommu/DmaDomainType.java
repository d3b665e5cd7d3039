package org.dmascope.model.kernel.iommu;

/**
 * The two default-domain types that use dma-iommu ({@code IOMMU_DOMAIN_DMA} = 0x3,
 * {@code IOMMU_DOMAIN_DMA_FQ} = 0xB in include/linux/iommu.h): strict invalidation on every unmap,
 * or a flush queue that frees IOVA only after a deferred IOTLB flush.
 */
public enum DmaDomainType {
    DMA("DMA", "strict: the IOTLB is invalidated on every unmap"),
    DMA_FQ("DMA-FQ", "lazy: unmapped IOVA waits in a flush queue until the next IOTLB flush");

    private final String sysfsName;
    private final String words;

    DmaDomainType(String sysfsName, String words) {
        this.sysfsName = sysfsName;
        this.words = words;
    }

    /** The spelling in {@code /sys/kernel/iommu_groups/N/type}. */
    public String sysfsName() {
        return sysfsName;
    }

    public String words() {
        return words;
    }
}
