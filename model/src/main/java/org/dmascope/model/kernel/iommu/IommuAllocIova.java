package org.dmascope.model.kernel.iommu;

import org.dmascope.model.kernel.dma.DeviceDma;
import org.dmascope.model.kernel.dma.KernelArith;
import org.dmascope.model.kernel.iova.IovaDomain;
import org.dmascope.model.kernel.profile.KernelProfile;
import org.dmascope.model.kernel.rule.KernelRule;
import org.dmascope.model.kernel.trace.MapTrace;

/**
 * R-IOMMU-2 {@code iommu_dma_alloc_iova(domain, size, dma_limit, dev)} (drivers/iommu/dma-iommu.c,
 * read in torvalds/linux): the limit is the DMA mask, lowered to the bus limit and the aperture; a
 * PCI device whose limit is above 32 bits first tries below 4 GiB without flushing the range caches.
 * Since about v6.4 [~] ("iommu: Optimise PCI SAC address trick") a failed 32-bit attempt clears
 * {@code dev->iommu->pci_32bit_workaround} for good and logs "Using N-bit DMA addresses"; older
 * kernels retried below 4 GiB on every allocation.
 */
@KernelRule("R-IOMMU-2")
public final class IommuAllocIova {
    private IommuAllocIova() {
    }

    /** @return the IOVA, 0 when the space is exhausted */
    public static long alloc(IommuDmaDomain domain, long size, long dmaLimit, DeviceDma dev, IommuDeviceState devState,
                             KernelProfile profile, MapTrace trace) {
        IovaDomain iovad = domain.iovad();
        int shift = iovad.shift();
        long pages = size >>> shift;
        dmaLimit = KernelArith.minNotZero(dmaLimit, dev.busDmaLimit());
        if (domain.forceAperture()) dmaLimit = KernelArith.minU(dmaLimit, domain.apertureEnd());
        boolean sticky = profile.atLeast(6, 4);
        long pfn = 0;
        long limitUsed = dmaLimit;
        if (Long.compareUnsigned(dmaLimit, KernelArith.dmaBitMask(32)) > 0 && devState.pci32bitWorkaround) {
            pfn = iovad.allocFast(pages, KernelArith.dmaBitMask(32) >>> shift, false);
            if (pfn != 0) limitUsed = KernelArith.dmaBitMask(32);
            if (pfn == 0 && sticky) {
                devState.pci32bitWorkaround = false;
                trace.log("Using " + KernelArith.bitsPer(dmaLimit) + "-bit DMA addresses");
                trace.note("the 32-bit IOVA space was full: the device now allocates above 4 GiB for good "
                        + "(pci_32bit_workaround cleared, v6.4+)");
            } else if (pfn == 0) {
                trace.note("the 32-bit IOVA space was full: this allocation falls back above 4 GiB "
                        + "(before v6.4 the next one tries below 4 GiB again)");
            }
        }
        boolean fromCache = iovad.lastFromRangeCache();
        if (pfn == 0) {
            pfn = iovad.allocFast(pages, dmaLimit >>> shift, true);
            fromCache = iovad.lastFromRangeCache();
        }
        long iova = pfn << shift;
        if (pfn != 0) {
            trace.iova(new MapTrace.IovaAllocation(iova, size,
                    pages < 32 ? KernelArith.roundupPowOfTwo(pages) : pages, fromCache,
                    Long.compareUnsigned(iova, KernelArith.dmaBitMask(32)) > 0, limitUsed));
        }
        return iova;
    }
}
