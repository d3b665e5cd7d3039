package org.dmascope.model.kernel.iommu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;

import org.dmascope.model.kernel.dma.Errno;
import org.dmascope.model.kernel.pagetable.AmdV1Geometry;
import org.dmascope.model.kernel.pagetable.IoPageTable;
import org.dmascope.model.kernel.pagetable.PageTableChanges;
import org.dmascope.model.kernel.pagetable.PageTableLog;
import org.dmascope.model.kernel.pagetable.VtdGeometry;
import org.junit.jupiter.api.Test;

/** Section 3.5 of kernel-dma-rules.md: {@code iommu_pgsize} vectors PG-1..PG-4. */
class PageSizeVectorsTest {
    static final long SZ_4K = 4L << 10;
    static final long SZ_2M = 2L << 20;
    static final long SZ_1G = 1L << 30;
    static final long BITMAP = SZ_4K | SZ_2M | SZ_1G;

    static IommuDmaDomain vtd() {
        return new IommuDmaDomain("pg", new VtdGeometry(48, false), DmaDomainType.DMA, 0);
    }

    static PageTableChanges mapLogged(IommuDmaDomain d, long iova, long phys, long size) {
        PageTableLog log = new PageTableLog();
        d.pageTable().record(log);
        assertNull(IommuMap.map(d, iova, phys, size, IoPageTable.IOMMU_READ));
        d.pageTable().record(null);
        return log.freeze(d.geometry());
    }

    @Test
    void pg1_alignmentLimitsToTwoMegabytePages() {
        assertArrayEquals(new long[] {SZ_2M, 2}, IommuMap.pgsize(BITMAP, 0x4000_0000L, 0x1_0020_0000L, 4L << 20));
        PageTableChanges ch = mapLogged(vtd(), 0x4000_0000L, 0x1_0020_0000L, 4L << 20);
        assertEquals(Map.of(SZ_2M, 2), ch.leavesBySize());
        assertEquals(2, ch.leafLevel(0), "2 MiB superpages live at VT-d level 2");
    }

    @Test
    void pg2_smallPagesOnlyUpToTheNextLargeBoundary() {
        assertArrayEquals(new long[] {SZ_4K, 1}, IommuMap.pgsize(BITMAP, 0x1F_F000L, 0x1F_F000L, 0x20_1000L));
        PageTableChanges ch = mapLogged(vtd(), 0x1F_F000L, 0x1F_F000L, 0x20_1000L);
        assertEquals(2, ch.leafCount());
        assertEquals(SZ_4K, ch.leafSize(0));
        assertEquals(SZ_2M, ch.leafSize(1));
        assertEquals(0x20_0000L, ch.leafIova(1));
    }

    @Test
    void pg3_noRoomForALargePageMeansAllSmallPages() {
        assertArrayEquals(new long[] {SZ_4K, 513}, IommuMap.pgsize(BITMAP, 0x1000, 0x1000, 0x20_1000L));
        PageTableChanges ch = mapLogged(vtd(), 0x1000, 0x1000, 0x20_1000L);
        assertEquals(Map.of(SZ_4K, 513), ch.leavesBySize());
    }

    @Test
    void pg4_unalignedIovaIsEinval() {
        IommuDmaDomain d = vtd();
        assertEquals(Errno.EINVAL, IommuMap.map(d, 0x1001, 0x1000, 0x1000, IoPageTable.IOMMU_READ));
        assertEquals(0, d.pageTable().leafPteCount());
    }

    @Test
    void failedMapUnrollsWhatItMapped() {
        IommuDmaDomain d = vtd();
        assertNull(IommuMap.map(d, 0x3000, 0x9000, 0x1000, IoPageTable.IOMMU_READ));
        assertEquals(Errno.EEXIST, IommuMap.map(d, 0x1000, 0x5000, 0x3000, IoPageTable.IOMMU_READ));
        assertEquals(1, d.pageTable().leafPteCount(), "only the entry that was there before remains");
        assertEquals(0x9000, d.pageTable().iovaToPhys(0x3000));
    }

    @Test
    void amdV1StoresSixtyFourKilobytePagesAsSixteenRepeatedEntries() {
        IommuDmaDomain d = new IommuDmaDomain("amd", new AmdV1Geometry(48), DmaDomainType.DMA, 0);
        PageTableChanges ch = mapLogged(d, 0x10_0000L, 0x2_0001_0000L, 0x1_0000L);
        assertEquals(Map.of(0x1_0000L, 1), ch.leavesBySize());
        assertEquals(0, ch.leafLevel(0), "PM level 0");
        assertEquals(16, d.pageTable().leafPteCount());
        assertEquals(0x2_0001_2345L, d.pageTable().iovaToPhys(0x10_2345L));
        assertEquals(List.of(3, 2, 1, 0), ch.walk(0).stream().map(PageTableChanges.LevelIndex::level).toList());
    }

    @Test
    void aSuperpageReplacesAnEmptyTableOfSmallPages() {
        IommuDmaDomain d = vtd();
        mapLogged(d, 0x4000_0000L, 0x1_0000_0000L, 0x1000);
        IommuMap.unmap(d, 0x4000_0000L, 0x1000);
        int tables = d.pageTable().tableCount();
        PageTableChanges ch = mapLogged(d, 0x4000_0000L, 0x2_0000_0000L, SZ_2M);
        assertEquals(Map.of(SZ_2M, 1), ch.leavesBySize());
        assertEquals(tables - 1, d.pageTable().tableCount(), "the empty level-1 table was freed for the 2 MiB page");
        assertEquals(0x2_0000_1234L, d.pageTable().iovaToPhys(0x4000_1234L));
    }

    @Test
    void unmapFreesTablesTheRangeCovers() {
        IommuDmaDomain d = vtd();
        int before = d.pageTable().tableCount();
        mapLogged(d, 0x4000_0000L, 0x1_0000_0000L, 0x1000);
        assertEquals(before + 3, d.pageTable().tableCount(), "levels 3, 2 and 1 were allocated");
        IommuMap.unmap(d, 0x4000_0000L, 0x1000);
        assertEquals(before + 3, d.pageTable().tableCount(), "a 4 KiB unmap covers no table");
        mapLogged(d, 0x4000_0000L, 0x1_0000_0000L, 0x1000);
        d.pageTable().unmap(0x4000_0000L, SZ_1G);
        assertEquals(before + 1, d.pageTable().tableCount(),
                "a 1 GiB unmap frees the level-2 table and the level-1 table below it");
    }
}
