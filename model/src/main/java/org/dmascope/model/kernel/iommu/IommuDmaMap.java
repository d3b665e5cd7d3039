package org.dmascope.model.kernel.iommu;

import static org.dmascope.model.kernel.dma.KernelArith.DMA_MAPPING_ERROR;

import org.dmascope.model.kernel.dma.DeviceDma;
import org.dmascope.model.kernel.dma.Errno;
import org.dmascope.model.kernel.iova.IovaDomain;
import org.dmascope.model.kernel.profile.KernelProfile;
import org.dmascope.model.kernel.rule.KernelRule;
import org.dmascope.model.kernel.trace.MapTrace;

/**
 * R-IOMMU-4 {@code __iommu_dma_map(dev, phys, size, prot, dma_mask)} (drivers/iommu/dma-iommu.c):
 * the range is widened to whole granules, an IOVA of that size is allocated and mapped to the
 * granule-aligned physical address, and the device gets the IOVA plus the in-granule offset. A
 * min-align mask wider than the granule cannot be honoured ("Unsupported alignment constraint").
 */
@KernelRule("R-IOMMU-4")
public final class IommuDmaMap {
    private IommuDmaMap() {
    }

    public static long map(IommuDmaDomain domain, DeviceDma dev, IommuDeviceState devState, long phys, long size,
            int prot,
                           long dmaMask, KernelProfile profile, MapTrace trace) {
        IovaDomain iovad = domain.iovad();
        long off = iovad.offset(phys);
        if (Long.compareUnsigned(dev.minAlignMask(), iovad.granule() - 1) > 0) {
            trace.log("Unsupported alignment constraint");
            return DMA_MAPPING_ERROR;
        }
        size = iovad.align(size + off);
        long iova = IommuAllocIova.alloc(domain, size, dmaMask, dev, devState, profile, trace);
        if (iova == 0) return DMA_MAPPING_ERROR;
        Errno e = IommuMap.map(domain, iova, phys - off, size, prot);
        if (e != null) {
            IommuDmaUnmap.freeIova(domain, iova, size, false);
            trace.log("iommu_map failed: " + e.negated());
            return DMA_MAPPING_ERROR;
        }
        return iova + off;
    }
}
