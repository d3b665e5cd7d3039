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
 * An NVMe controller's MDTS lowers {@code max_hw_sectors} further (drivers/nvme/host/core.c
 * {@code nvme_init_ctrl_finish}: {@code min_not_zero(ctrl->max_hw_sectors, 1 << (mdts + 12 - 9))}, MDTS 0 meaning
 * no limit), and sysfs {@code max_sectors_kb} sets {@code max_user_sectors}.
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
        return of(f, api, lastRamByte, BlockQueueInputs.NONE);
    }

    /** The same with the machine's MDTS and {@code max_sectors_kb}. */
    public static QueueLimits of(PciFunction f, DmaApi api, long lastRamByte, BlockQueueInputs q) {
        DeviceDma dev = api.device();
        long user = q.maxSectorsKb().orElse(0) * 2;
        if (isNvme(f)) {
            long maxHw = KernelArith.minU(NVME_MAX_BYTES, api.optMappingSize(lastRamByte)) >>> 9;
            int mdts = q.mdts().orElse(0);
            if (mdts > 0) maxHw = Math.min(maxHw, 1L << (mdts + 12 - 9));
            return QueueLimits.validate(127, 0, dev.segBoundaryMask(), 0xFFF, 3, 512, maxHw, user);
        }
        long maxSectors = KernelArith.minU(SCSI_DEFAULT_MAX_SECTORS, api.maxMappingSize(lastRamByte) >>> 9);
        return QueueLimits.validate(128, dev.maxSegSize(), dev.segBoundaryMask(), 0, 0, 512, maxSectors, user);
    }
}
