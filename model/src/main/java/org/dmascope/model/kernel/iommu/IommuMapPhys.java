package org.dmascope.model.kernel.iommu;

import static org.dmascope.model.kernel.dma.KernelArith.DMA_MAPPING_ERROR;

import org.dmascope.model.kernel.dma.DeviceDma;
import org.dmascope.model.kernel.dma.DmaDirection;
import org.dmascope.model.kernel.dma.KmallocBounce;
import org.dmascope.model.kernel.pagetable.IoPageTable;
import org.dmascope.model.kernel.profile.KernelProfile;
import org.dmascope.model.kernel.rule.KernelRule;
import org.dmascope.model.kernel.swiotlb.SwiotlbAllocation;
import org.dmascope.model.kernel.swiotlb.SwiotlbContext;
import org.dmascope.model.kernel.swiotlb.SwiotlbMapSingle;
import org.dmascope.model.kernel.swiotlb.SwiotlbMaxMappingSize;
import org.dmascope.model.kernel.trace.MapTrace;

/**
 * R-IOMMU-5 {@code iommu_dma_map_phys()} (v6.18; {@code iommu_dma_map_page} / {@code iommu_dma_map_resource}
 * before): MMIO is mapped uncached with {@code IOMMU_MMIO} and never bounced; an untrusted device's
 * (or an unaligned kmalloc buffer's) range that does not start and end on a granule is first bounced
 * into whole granules of swiotlb so the device cannot see neighbouring data; then R-IOMMU-4. Because
 * of that bounce, {@code iommu_dma_max_mapping_size()} limits an untrusted device to what one swiotlb
 * bounce can hold.
 */
@KernelRule("R-IOMMU-5")
public final class IommuMapPhys {
    private IommuMapPhys() {
    }

    public static long map(IommuDmaDomain domain, DeviceDma dev, IommuDeviceState devState, long phys, long size,
                           DmaDirection dir, boolean mmio, SwiotlbContext tlb, KernelProfile profile, MapTrace trace) {
        int prot = IommuMap.prot(dir.deviceReads(), dir.deviceWrites(), !mmio && dev.coherent());
        if (mmio) {
            return IommuDmaMap.map(domain, dev, devState, phys, size, prot | IoPageTable.IOMMU_MMIO, dev.dmaMask(),
                    profile, trace);
        }
        SwiotlbAllocation bounce = null;
        if (devUseSwiotlb(dev, size, dir, tlb) && domain.iovad().offset(phys | size) != 0) {
            if (!tlb.active()) {
                trace.log("DMA bounce buffers are inactive, unable to map unaligned transaction.");
                return DMA_MAPPING_ERROR;
            }
            bounce = SwiotlbMapSingle.map(tlb.pool(), dev, phys, size, domain.iovad().granule() - 1, tlb.cpu());
            if (bounce == null) {
                trace.bounceFailed(SwiotlbMapSingle.fullMessage(tlb.pool(), size));
                return DMA_MAPPING_ERROR;
            }
            trace.bounced(bounce);
            phys = bounce.tlbAddr();
        }
        long iova = IommuDmaMap.map(domain, dev, devState, phys, size, prot, dev.dmaMask(), profile, trace);
        if (iova == DMA_MAPPING_ERROR && bounce != null) {
            tlb.pool().release(bounce.tlbAddr());
            trace.bounceReleased(bounce);
        }
        return iova;
    }

    /**
     * {@code iommu_dma_max_mapping_size(dev)} (drivers/iommu/dma-iommu.c, v6.9 [~], "iommu/dma: Force
     * swiotlb_max_mapping_size on an untrusted device"): the swiotlb limit (R-TLB-3) for an untrusted
     * device, else {@code SIZE_MAX} (-1); before, dma-iommu had no limit.
     */
    public static long maxMappingSize(DeviceDma dev, KernelProfile profile) {
        if (dev.untrusted() && profile.atLeast(6, 9)) return SwiotlbMaxMappingSize.of(dev);
        return -1L;
    }

    /** {@code dev_use_swiotlb(dev, size, dir)}. */
    public static boolean devUseSwiotlb(DeviceDma dev, long size, DmaDirection dir, SwiotlbContext tlb) {
        return dev.untrusted() || KmallocBounce.needsBounce(tlb.archBouncesUnalignedKmalloc(), dev, size, dir);
    }
}
