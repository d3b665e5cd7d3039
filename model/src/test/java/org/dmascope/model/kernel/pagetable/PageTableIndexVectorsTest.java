package org.dmascope.model.kernel.pagetable;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Section 3.6 of kernel-dma-rules.md: page-table index split vectors PT-1..PT-4 (R-PT-1, ARM LPAE),
 * PT-5 and PT-6 (R-PT-2, VT-d), and the {@code io_pgtable_fmt} order (R-PT-3).
 */
class PageTableIndexVectorsTest {
    static final long IOVA = 0x7FFF_DEAD_B000L;

    static int[] indices(PageTableGeometry g, long iova) {
        int[] out = new int[g.levels()];
        for (int d = 0; d < g.levels(); d++) out[d] = g.index(iova, d);
        return out;
    }

    @Test
    void pt1_armLpae4kGranule48BitInput() {
        ArmLpaeGeometry g = new ArmLpaeGeometry(4096, 48, false);
        assertEquals(4, g.levels());
        assertEquals(0, g.startLevel());
        assertEquals(9, g.pgdBits());
        assertEquals("[255, 511, 245, 219]", java.util.Arrays.toString(indices(g, IOVA)));
        assertEquals("L0", g.levelName(0));
        assertEquals(0, IOVA & 0xFFF);
    }

    @Test
    void pt2_armLpae64kGranule48BitInput() {
        ArmLpaeGeometry g = new ArmLpaeGeometry(65536, 48, false);
        assertEquals(3, g.levels());
        assertEquals(1, g.startLevel());
        assertEquals(6, g.pgdBits());
        assertEquals(42, g.shift(0));
        assertEquals("[31, 8190, 7853]", java.util.Arrays.toString(indices(g, IOVA)));
        assertEquals(0x1EAD, g.index(IOVA, 2));
        assertEquals(0xB000, IOVA & 0xFFFF);
        assertEquals((64L << 10) | (512L << 20), g.pgsizeBitmap());
    }

    @Test
    void pt3_armLpae4kGranule32BitInput() {
        ArmLpaeGeometry g = new ArmLpaeGeometry(4096, 32, false);
        assertEquals(3, g.levels());
        assertEquals(1, g.startLevel());
        assertEquals(2, g.pgdBits());
        assertEquals(4, g.entries(0), "a 4-entry pgd");
        assertEquals(3, g.index(0xC000_0000L, 0));
        assertEquals(1L << 30, g.entrySize(0));
        assertEquals(2L << 20, g.entrySize(1));
        assertEquals(4096, g.entrySize(2));
        assertEquals(0, g.leafDepth(1L << 30));
        assertEquals(1, g.leafDepth(2L << 20));
    }

    @Test
    void pt4_armLpae16kGranule48BitInput() {
        ArmLpaeGeometry g = new ArmLpaeGeometry(16384, 48, false);
        assertEquals(11, g.bitsPerLevel());
        assertEquals(4, g.levels());
        assertEquals(0, g.startLevel());
        assertEquals(1, g.pgdBits());
        assertEquals((16L << 10) | (32L << 20), g.pgsizeBitmap());
    }

    @Test
    void pt5_vtd48BitWidthIsFourLevels() {
        VtdGeometry g = new VtdGeometry(48, false);
        assertEquals(2, VtdGeometry.agaw(48));
        assertEquals(4, g.levels());
        assertEquals(0x7_FFFD_EADBL, IOVA >>> 12);
        assertEquals("[255, 511, 245, 219]", java.util.Arrays.toString(indices(g, IOVA)));
        assertEquals("level 4", g.levelName(0));
        assertEquals("level 1", g.levelName(3));
    }

    @Test
    void pt6_vtd57BitWidthIsFiveLevelsAnd39IsThree() {
        VtdGeometry g = new VtdGeometry(57, false);
        assertEquals(3, VtdGeometry.agaw(57));
        assertEquals(5, g.levels());
        assertEquals(0, g.index(IOVA, 0), "level-5 index");
        assertEquals(3, new VtdGeometry(39, false).levels());
    }

    @Test
    void stage2ConcatenatesSmallFirstLevels() {
        ArmLpaeGeometry s2 = new ArmLpaeGeometry(4096, 40, true);
        assertEquals(1, s2.startLevel(), "two level-0 entries become two concatenated level-1 tables");
        assertEquals(10, s2.pgdBits());
        assertEquals(0, new ArmLpaeGeometry(4096, 40, false).startLevel());
    }

    @Test
    void amdV1LevelsFollowTheAddressWidth() {
        assertEquals(4, new AmdV1Geometry(48).levels());
        assertEquals(3, new AmdV1Geometry(39).levels());
        assertEquals(6, new AmdV1Geometry(64).levels());
        AmdV1Geometry g = new AmdV1Geometry(48);
        assertEquals(16, g.replicas(64L << 10));
        assertEquals(-1, g.leafDepth(1L << 39), "512 GiB pages are excluded from AMD_IOMMU_PGSIZES");
    }

    @Test
    void formatsAreListedInKernelOrder() {
        assertEquals(0, IoPgtableFmt.ARM_32_LPAE_S1.ordinal());
        assertEquals(6, IoPgtableFmt.AMD_IOMMU_V1.ordinal());
    }
}
