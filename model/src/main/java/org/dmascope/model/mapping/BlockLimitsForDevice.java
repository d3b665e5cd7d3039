package org.dmascope.model.mapping;

import org.dmascope.model.kernel.block.QueueLimits;
import org.dmascope.model.kernel.dma.DeviceDma;
import org.dmascope.model.kernel.dma.KernelArith;
import org.dmascope.model.topology.PciFunction;

/**
 * The queue limits a block driver sets for the device, validated by R-BLK-1. NVMe
 * (drivers/nvme/host/pci.c): virt boundary {@code NVME_CTRL_PAGE_SIZE - 1}, at most 127 segments
 * [uncertain: the constant changed over versions], {@code max_hw_sectors} from 8 MiB and
 * {@code dma_opt_mapping_size()} (128 KiB through dma-iommu's IOVA range cache). Other drivers are
 * taken to be SCSI-like: the device's DMA segment size and boundary, 128 segments,
 * {@code SCSI_DEFAULT_MAX_SECTORS} 1024.
 */
public final class BlockLimitsForDevice {
    private BlockLimitsForDevice() {
    }

    public static boolean isNvme(PciFunction f) {
        return f.driver().map(d -> d.equals("nvme")).orElse(false);
    }

    public static QueueLimits of(PciFunction f, DeviceDma dev, boolean dmaIommu) {
        if (isNvme(f)) {
            long maxHw = 8L * 1024 * 1024 >> 9;
            if (dmaIommu) maxHw = Math.min(maxHw, (32L * KernelArith.PAGE_SIZE) >> 9);
            return QueueLimits.validate(127, 0, dev.segBoundaryMask(), 0xFFF, 3, 512, maxHw);
        }
        return QueueLimits.validate(128, dev.maxSegSize(), dev.segBoundaryMask(), 0, 0, 512, 1024);
    }
}
