package org.dmascope.model.kernel.swiotlb;

import org.dmascope.model.kernel.dma.DeviceDma;
import org.dmascope.model.kernel.dma.KernelArith;
import org.dmascope.model.kernel.rule.KernelRule;

/**
 * R-TLB-3 {@code swiotlb_max_mapping_size(dev)}: one segment of 128 slots (256 KiB) minus the slots a
 * min-align mask may skip. NVMe (0xFFF) gets 258048.
 */
@KernelRule("R-TLB-3")
public final class SwiotlbMaxMappingSize {
    private SwiotlbMaxMappingSize() {
    }

    public static long of(DeviceDma dev) {
        long minAlign = dev.minAlignMask() == 0 ? 0 : KernelArith.alignUp(dev.minAlignMask(), SwiotlbPool.IO_TLB_SIZE);
        return (long) SwiotlbPool.IO_TLB_SIZE * SwiotlbPool.IO_TLB_SEGSIZE - minAlign;
    }
}
