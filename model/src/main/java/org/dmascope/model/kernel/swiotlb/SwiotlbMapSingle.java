package org.dmascope.model.kernel.swiotlb;

import org.dmascope.model.kernel.dma.DeviceDma;
import org.dmascope.model.kernel.dma.KernelArith;
import org.dmascope.model.kernel.rule.KernelRule;

/**
 * R-TLB-4 {@code swiotlb_tbl_map_single(dev, orig, mapping_size, alloc_align_mask)}
 * (kernel/dma/swiotlb.c, v6.9+ with {@code pad_slots}): keeps the original's offset under the
 * device's min-align mask, rounds the allocation to {@code alloc_align_mask + 1}, takes slots (R-TLB-5)
 * and copies the original into the bounce buffer, even for {@code DMA_FROM_DEVICE}, so bytes the
 * device does not write survive.
 */
@KernelRule("R-TLB-4")
public final class SwiotlbMapSingle {
    private SwiotlbMapSingle() {
    }

    /**
     * @return the bounce buffer, or null when no slots were free ("swiotlb buffer is full")
     */
    public static SwiotlbAllocation map(SwiotlbPool pool, DeviceDma dev, long origAddr, long mappingSize,
                                        long allocAlignMask, int cpu) {
        long offset = alignOffset(dev, allocAlignMask, origAddr);
        long size = KernelArith.alignUp(mappingSize + offset, allocAlignMask + 1);
        int index = SwiotlbSlotSearch.findSlots(pool, dev, origAddr, size, allocAlignMask, cpu);
        if (index < 0) return null;
        int first = index;
        int pad = (int) (offset >>> SwiotlbPool.IO_TLB_SHIFT);
        offset &= SwiotlbPool.IO_TLB_SIZE - 1;
        index += pad;
        pool.padSlots[index] = pad;
        int total = SwiotlbSlotSearch.nrSlots(size);
        for (int i = 0; i < total - pad; i++) pool.origAddr[index + i] = origAddr
                + ((long) i << SwiotlbPool.IO_TLB_SHIFT);
        long tlb = pool.slotAddr(index) + offset;
        SwiotlbAllocation a = new SwiotlbAllocation(origAddr, mappingSize, tlb, first, total, pad,
                first / pool.sizing().areaNslabs());
        pool.record(a);
        return a;
    }

    /** {@code swiotlb_align_offset(dev, align_mask, addr)}. */
    public static long alignOffset(DeviceDma dev, long allocAlignMask, long addr) {
        return addr & dev.minAlignMask() & (allocAlignMask | (SwiotlbPool.IO_TLB_SIZE - 1));
    }

    /** The kernel's warning text for a failed search. */
    public static String fullMessage(SwiotlbPool pool, long size) {
        return "swiotlb buffer is full (sz: " + size + " bytes), total " + pool.nslabs() + " (slots), used "
                + pool.used() + " (slots)";
    }
}
