package org.dmascope.model.mapping;

import org.dmascope.model.kernel.DmaApi;
import org.dmascope.model.kernel.block.QueueLimits;
import org.dmascope.model.kernel.dma.DeviceDma;
import org.dmascope.model.kernel.dma.KernelArith;
import org.dmascope.model.topology.PciFunction;

/**
 * The queue limits a block driver sets for the device, validated by R-BLK-1. NVMe
 * (drivers/nvme/host/pci.c {@code nvme_pci_alloc_dev}): virt boundary {@code NVME_CTRL_PAGE_SIZE - 1},
 * at most 127 segments [uncertain: the constant changed over versions], {@code max_hw_sectors =
 * min(NVME_MAX_BYTES (8 MiB), dma_opt_mapping_size()) >> 9}: 128 KiB through dma-iommu's IOVA range
 * cache, the swiotlb limit when dma-direct must bounce. Other drivers are taken to be SCSI-like
 * (drivers/scsi/hosts.c {@code scsi_add_host_with_dma}): the device's DMA segment size and boundary,
 * 128 segments, {@code max_sectors = min(SCSI_DEFAULT_MAX_SECTORS (1024), dma_max_mapping_size() >> 9)}.
 */
public final class BlockLimitsForDevice {
    /** {@code NVME_MAX_BYTES}: 8 MiB. */
    static final long NVME_MAX_BYTES = 8L << 20;
    /** {@code SCSI_DEFAULT_MAX_SECTORS}. */
    static final long SCSI_DEFAULT_MAX_SECTORS = 1024;

    private BlockLimitsForDevice() {
    }

    public static boolean isNvme(PciFunction f) {
        return f.driver().map(d -> d.equals("nvme")).orElse(false);
    }

    /**
     * @param api         the device's DMA API, for {@code dma_max_mapping_size} / {@code dma_opt_mapping_size}
     * @param lastRamByte highest CPU physical address of RAM
     */
    public static QueueLimits of(PciFunction f, DmaApi api, long lastRamByte) {
        DeviceDma dev = api.device();
        if (isNvme(f)) {
            long maxHw = KernelArith.minU(NVME_MAX_BYTES, api.optMappingSize(lastRamByte)) >>> 9;
            return QueueLimits.validate(127, 0, dev.segBoundaryMask(), 0xFFF, 3, 512, maxHw);
        }
        long maxSectors = KernelArith.minU(SCSI_DEFAULT_MAX_SECTORS, api.maxMappingSize(lastRamByte) >>> 9);
        return QueueLimits.validate(128, dev.maxSegSize(), dev.segBoundaryMask(), 0, 0, 512, maxSectors);
    }
}
