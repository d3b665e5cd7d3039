package org.dmascope.model.kernel.swiotlb;

import org.dmascope.model.kernel.dma.DeviceDma;
import org.dmascope.model.kernel.dma.KernelArith;
import org.dmascope.model.kernel.dma.PhysToDma;
import org.dmascope.model.kernel.rule.KernelRule;

/**
 * R-TLB-5 {@code swiotlb_search_pool_area()} and {@code swiotlb_pool_find_slots()} (kernel/dma/swiotlb.c,
 * v6.9+ alignment rules): an allocation of a page or more with no other alignment demand is page
 * aligned; the min-align bits of the original address above the slot offset must match; the search
 * starts at the area's rotating index, steps by the alignment stride, and never crosses the device's
 * segment boundary or a 128-slot segment. Areas are tried starting with the mapping CPU's.
 */
@KernelRule("R-TLB-5")
public final class SwiotlbSlotSearch {
    private SwiotlbSlotSearch() {
    }

    /**
     * Finds and takes slots.
     *
     * @param allocBytes     bytes needed including the leading min-align offset
     * @param allocAlignMask required alignment of the bounce buffer minus one (0 for none)
     * @param cpu            CPU doing the mapping (picks the first area)
     * @return the first slot index, or -1 when the pool has no fitting run ("swiotlb buffer is full")
     */
    public static int findSlots(SwiotlbPool pool, DeviceDma dev, long origAddr, long allocBytes, long allocAlignMask,
                                int cpu) {
        int nareas = pool.sizing().nareas();
        int start = cpu & (nareas - 1);
        int i = start;
        do {
            int index = searchArea(pool, dev, i, origAddr, allocBytes, allocAlignMask);
            if (index >= 0) return index;
            if (++i >= nareas) i = 0;
        } while (i != start);
        return -1;
    }

    static int searchArea(SwiotlbPool pool, DeviceDma dev, int area, long origAddr, long allocBytes,
            long allocAlignMask) {
        pool.ensureSlots();
        long boundaryMask = dev.segBoundaryMask();
        long tblDmaAddr = PhysToDma.translate(dev.rangeMap(), pool.start()) & boundaryMask;
        long maxSlots = maxSlots(boundaryMask);
        long iotlbAlignMask = dev.minAlignMask();
        int nslots = nrSlots(allocBytes);
        int areaNslabs = pool.sizing().areaNslabs();
        if (allocAlignMask == 0 && iotlbAlignMask == 0 && allocBytes >= KernelArith.PAGE_SIZE) {
            allocAlignMask = KernelArith.PAGE_SIZE - 1;
        }
        allocAlignMask |= SwiotlbPool.IO_TLB_SIZE - 1;
        iotlbAlignMask &= ~allocAlignMask;
        long stride = maxSlots(KernelArith.maxU(allocAlignMask, iotlbAlignMask));
        if (nslots > areaNslabs - pool.areaUsed[area]) return -1;
        int slotBase = area * areaNslabs;
        int index = pool.areaIndex[area];
        long tblSlots = nrSlots(tblDmaAddr);
        for (long checked = 0; checked < areaNslabs; ) {
            int slot = slotBase + index;
            long tlbAddr = tblDmaAddr + ((long) slot << SwiotlbPool.IO_TLB_SHIFT);
            if ((tlbAddr & allocAlignMask) != 0
                    || (origAddr != 0 && (tlbAddr & iotlbAlignMask) != (origAddr & iotlbAlignMask))) {
                index = pool.wrapAreaIndex(index + 1);
                checked++;
                continue;
            }
            if (!isSpanBoundary(slot, nslots, tblSlots, maxSlots) && pool.list[slot] >= nslots) {
                pool.take(area, slot, nslots, index, (int) allocBytes);
                return slot;
            }
            index = pool.wrapAreaIndex((int) Math.min(Integer.MAX_VALUE, index + stride));
            checked += stride;
        }
        return -1;
    }

    /** {@code nr_slots(val)}: slots covering {@code val} bytes. */
    public static int nrSlots(long val) {
        return (int) ((val + SwiotlbPool.IO_TLB_SIZE - 1) >>> SwiotlbPool.IO_TLB_SHIFT);
    }

    /** {@code get_max_slots(boundary_mask)}, careful with a mask of all ones. */
    static long maxSlots(long boundaryMask) {
        return (boundaryMask >>> SwiotlbPool.IO_TLB_SHIFT) + 1;
    }

    /** {@code iommu_is_span_boundary(index, nr, shift, boundary_size)}. */
    static boolean isSpanBoundary(long index, long nr, long shift, long boundarySize) {
        long s = (shift + index) & (boundarySize - 1);
        return s + nr > boundarySize;
    }
}
