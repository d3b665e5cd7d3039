package org.dmascope.model.kernel.dmabuf;

import java.util.Optional;

import org.dmascope.model.kernel.dma.Errno;
import org.dmascope.model.kernel.rule.KernelRule;

/**
 * R-DMABUF-3: iommufd mapping a VFIO dma-buf into an IOAS ({@code IOMMU_IOAS_MAP_FILE} on the dma-buf fd; 71db84a0
 * "iommufd: Add DMABUF to iopt_pages", 3114c674 IOMMU_MMIO, v6.19). iommufd does not call
 * {@code dma_buf_map_attachment()}: the "private interconnect" {@code vfio_pci_dma_buf_iommufd_map()}
 * (drivers/vfio/pci/vfio_pci_dmabuf.c, torvalds/linux 06fddc7a1961) hands it the BAR's CPU physical range, which it
 * maps at the IOVA the VMM chose (the guest-physical address) in every domain of the IOAS, with
 * {@code IOMMU_MMIO}.
 * <ul>
 *   <li>not a vfio dma-buf: -EOPNOTSUPP; revoked: -ENODEV;</li>
 *   <li>more than one physical range: -EOPNOTSUPP ("More than one range to iommufd will require proper DMABUF
 *       support");</li>
 *   <li>revoke ({@code iopt_revoke_notify}): every area of the pages is unmapped from its domains and
 *       {@code phys.len} set to 0, so the device's DMA to that IOVA faults in the IOMMU.</li>
 * </ul>
 */
@KernelRule("R-DMABUF-3")
public final class IommufdDmaBuf {
    private IommufdDmaBuf() {
    }

    /** {@code vfio_pci_dma_buf_iommufd_map()}. */
    public static Optional<Errno> takePhys(boolean vfioExporter, boolean revoked, int ranges) {
        if (!vfioExporter) return Optional.of(Errno.EOPNOTSUPP);
        if (revoked) return Optional.of(Errno.ENODEV);
        if (ranges != 1) return Optional.of(Errno.EOPNOTSUPP);
        return Optional.empty();
    }
}
