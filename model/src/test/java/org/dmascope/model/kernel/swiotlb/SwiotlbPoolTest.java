package org.dmascope.model.kernel.swiotlb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dmascope.model.kernel.dma.DeviceDma;
import org.junit.jupiter.api.Test;

/** R-TLB-1 sizing, R-TLB-2 the free-list encoding, R-TLB-5 areas and boundaries. */
class SwiotlbPoolTest {
    static DeviceDma dev() {
        return DeviceDma.pciDefaults64();
    }

    @Test
    void defaultPoolIs32768SlotsAndAreasFollowTheCpus() {
        SwiotlbSizing one = SwiotlbSizing.of(0x5000_0000L, SwiotlbSizing.IO_TLB_DEFAULT_SIZE, 1, false);
        assertEquals(32768, one.nslabs());
        assertEquals(1, one.nareas());
        SwiotlbSizing many = SwiotlbSizing.of(0x5000_0000L, SwiotlbSizing.IO_TLB_DEFAULT_SIZE, 48, false);
        assertEquals(64, many.nareas(), "48 CPUs round up to 64 areas");
        assertEquals(512, many.areaNslabs());
        SwiotlbSizing small = SwiotlbSizing.of(0, 1L << 20, 64, false);
        assertEquals(8192, small.nslabs(), "raised to one segment per area");
        assertEquals(64, small.nareas());
        assertEquals(128, SwiotlbSizing.of(0, 100_000, 1, false).nslabs(), "48 slots rounded up to a whole segment");
    }

    @Test
    void freeRunsCountToTheEndOfTheSegment() {
        SwiotlbPool p = new SwiotlbPool(new SwiotlbSizing(0, 256, 1, false));
        assertEquals(128, p.freeRun(0));
        assertEquals(1, p.freeRun(127));
        assertEquals(128, p.freeRun(128));
        SwiotlbAllocation a = SwiotlbMapSingle.map(p, dev(), 0x1_0000_0000L, 0x1800, 0, 0);
        assertEquals(0, a.firstSlot());
        assertEquals(3, a.nslots(), "6 KiB is 3 slots; being a page or more it starts page aligned");
        assertEquals(0, p.freeRun(0));
        assertEquals(125, p.freeRun(3));
        SwiotlbAllocation b = SwiotlbMapSingle.map(p, dev(), 0x2_0000_0000L, 0x800, 0, 0);
        assertEquals(3, b.firstSlot(), "the area index moved past the first allocation");
        p.release(a.tlbAddr());
        assertEquals(3, p.freeRun(0), "merged up to the taken slot 3");
        p.release(b.tlbAddr());
        assertEquals(128, p.freeRun(0));
        assertTrue(p.isEmpty());
    }

    @Test
    void anAllocationNeverCrossesA128SlotSegment() {
        SwiotlbPool p = new SwiotlbPool(new SwiotlbSizing(0, 256, 1, false));
        SwiotlbMapSingle.map(p, dev(), 0x1_0000_0000L, 100 * 2048L, 0, 0);
        SwiotlbAllocation b = SwiotlbMapSingle.map(p, dev(), 0x2_0000_0000L, 64 * 2048L, 0, 0);
        assertEquals(128, b.firstSlot(), "28 slots left in the first segment are not enough");
        assertNull(SwiotlbMapSingle.map(p, dev(), 0x3_0000_0000L, 65 * 2048L, 0, 0));
    }

    @Test
    void searchStartsInTheMappingCpusArea() {
        SwiotlbPool p = new SwiotlbPool(new SwiotlbSizing(0, 1024, 4, false));
        SwiotlbAllocation a = SwiotlbMapSingle.map(p, dev(), 0x1_0000_0000L, 0x800, 0, 6);
        assertEquals(2, a.area(), "CPU 6 & (4 - 1)");
        assertEquals(512, a.firstSlot());
    }

    @Test
    void deviceSegmentBoundaryIsRespected() {
        SwiotlbPool p = new SwiotlbPool(new SwiotlbSizing(0x5000_0000L, 256, 1, false));
        DeviceDma small = dev().withSegBoundaryMask(0x1FFF);
        SwiotlbMapSingle.map(p, small, 0x1_0000_0000L, 0x800, 0, 0);
        SwiotlbAllocation b = SwiotlbMapSingle.map(p, small, 0x2_0000_0000L, 0x2000, 0, 0);
        assertEquals(4, b.firstSlot(), "slots 1-4 would cross the 8 KiB boundary");
    }
}
