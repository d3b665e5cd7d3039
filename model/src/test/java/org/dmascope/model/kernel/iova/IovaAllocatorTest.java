package org.dmascope.model.kernel.iova;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** R-IOMMU-3: the top-down, size-aligned allocator, its retry, reservations and range caches. */
class IovaAllocatorTest {
    static IovaDomain fresh() {
        return new IovaDomain(4096, 1);
    }

    @Test
    void firstAllocationIsAlignedBelowTheLimit() {
        IovaDomain d = fresh();
        assertEquals(0xFFFFCL, d.allocFast(3, 0xFFFFF, true), "3 pages round to 4");
        assertEquals(0xFFFF8L, d.allocFast(4, 0xFFFFF, true));
        assertEquals(0xFFFC0L, d.allocFast(40, 0xFFFFF, true) + 0, "40 pages aligned to 64, below the cached node");
    }

    @Test
    void reservationsAreSkippedAndMerged() {
        IovaDomain d = fresh();
        d.reserve(0xFEE00, 0xFEEFF, "MSI");
        d.reserve(0xFEE80, 0xFEF7F, "overlapping");
        assertEquals(2, d.ranges().size(), "__adjust_overlap_range trims the new range to the part above the old one");
        assertEquals(0xFEEFFL, d.ranges().get(0).pfnHi());
        assertEquals(0xFEF00L, d.ranges().get(1).pfnLo());
        d.reserve(0xFED00, 0xFEE10, "below");
        assertEquals(0xFED00L, d.ranges().get(0).pfnLo(), "a range reaching below widens the old node downwards");
        assertEquals(2, d.ranges().size());
        d.reserve(0xFFF00, 0xFFFFF, "top");
        assertEquals(0xFFEF0L, d.allocFast(16, 0xFFFFF, true));
    }

    @Test
    void aFailedSearchRetriesFromTheLimitBelowTheCache() {
        IovaDomain d = fresh();
        long a = d.allocFast(0x80000, 0xFFFFF, true);
        assertEquals(0x80000L, a);
        long b = d.allocFast(0x40000, 0xFFFFF, true);
        assertEquals(0x40000L, b);
        d.free(a);
        long c = d.allocFast(0x40000, 0xFFFFF, true);
        assertEquals(0xC0000L, c, "nothing fits below the cached node: the retry finds the freed space above it");
    }

    @Test
    void exhaustedSpaceRemembersTheFailedSize() {
        IovaDomain d = new IovaDomain(4096, 0xFFFF0);
        assertEquals(0xFFFF0L, d.allocFast(16, 0xFFFFF, true));
        assertEquals(0, d.allocFast(16, 0xFFFFF, true));
        assertEquals(16, d.max32AllocSize);
        assertEquals(0, d.allocFast(32, 0xFFFFF, true), "a larger 32-bit request fails fast");
    }

    @Test
    void freedSmallRangesComeBackFromTheRangeCache() {
        IovaDomain d = fresh();
        long a = d.allocFast(2, 0xFFFFF, true);
        d.freeFast(a, 2);
        assertEquals(1, d.allocatedCount(), "a cached range stays in the tree");
        assertEquals(a, d.allocFast(2, 0xFFFFF, true));
        assertTrue(d.lastFromRangeCache());
        long big = d.allocFast(64, 0xFFFFF, true);
        d.freeFast(big, 64);
        assertNull(d.find(big), "64 pages are not cacheable: freed to the tree");
    }

    @Test
    void rangeCacheHonoursTheLimit() {
        IovaDomain d = fresh();
        long high = d.allocFast(1, 0xF_FFFF_FFFFL, true);
        assertEquals(0xF_FFFF_FFFFL, high);
        d.freeFast(high, 1);
        long low = d.allocFast(1, 0xFFFFF, true);
        assertEquals(0xFFFFFL, low, "the cached pfn is above the 32-bit limit and is not handed out");
        d.flushRcaches();
        assertEquals(1, d.allocatedCount());
    }
}
