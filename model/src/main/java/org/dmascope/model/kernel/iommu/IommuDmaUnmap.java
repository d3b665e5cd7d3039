package org.dmascope.model.kernel.iommu;

import org.dmascope.model.kernel.iova.IovaDomain;

/**
 * {@code __iommu_dma_unmap(dev, dma_addr, size)} and {@code iommu_dma_free_iova()}
 * (drivers/iommu/dma-iommu.c): the granule-aligned range is unmapped; a strict domain invalidates
 * the IOTLB and frees the IOVA (into the range cache when small), a lazy ({@code DMA_FQ}) domain
 * queues the IOVA for the next flush.
 */
public final class IommuDmaUnmap {
    private IommuDmaUnmap() {
    }

    /** What one unmap did. */
    public record Result(long iova, long size, long leafEntriesCleared, boolean queued, boolean queueFlushed) {
    }

    public static Result unmap(IommuDmaDomain domain, long dmaAddr, long size) {
        IovaDomain iovad = domain.iovad();
        long off = iovad.offset(dmaAddr);
        dmaAddr -= off;
        size = iovad.align(size + off);
        boolean queued = domain.type() == DmaDomainType.DMA_FQ;
        long cleared = IommuMap.unmap(domain, dmaAddr, size);
        boolean flushed = freeIova(domain, dmaAddr, size, queued);
        return new Result(dmaAddr, size, cleared, queued, flushed);
    }

    /** @return true when queueing forced a flush of a full queue */
    static boolean freeIova(IommuDmaDomain domain, long iova, long size, boolean queued) {
        IovaDomain iovad = domain.iovad();
        long pfn = iova >>> iovad.shift();
        long pages = size >>> iovad.shift();
        if (queued) return domain.flushQueue().queue(iovad, pfn, pages);
        iovad.freeFast(pfn, pages);
        return false;
    }
}
