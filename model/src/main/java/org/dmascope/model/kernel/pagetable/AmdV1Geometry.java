package org.dmascope.model.kernel.pagetable;

/**
 * AMD IOMMU v1 tables, the {@code AMD_IOMMU_V1} format of R-PT-3 (drivers/iommu/amd/io_pgtable.c and
 * amd_iommu_types.h): 4K base, 9 bits per level with {@code PM_LEVEL_SHIFT(x) = 12 + 9x} (level 0
 * holds 4K PTEs). Any power-of-two page size from 4K is allowed except 512G
 * ({@code AMD_IOMMU_PGSIZES = ~0xFFF & ~(2ULL << 38)}): a size between two level sizes is stored
 * at level {@code PAGE_SIZE_LEVEL(size) = (ffs(size) - 12) / 9} as
 * {@code PAGE_SIZE_PTE_COUNT(size) = 1 << ((ffs(size) - 12) % 9)} repeated PTEs. The number of
 * levels is fixed here from the address width (the kernel grows the table on demand,
 * {@code increase_address_space}); the aperture is the full 64 bits ({@code dma_max_address} for v1).
 * Unmap clears PTEs but keeps the tables.
 */
public final class AmdV1Geometry implements PageTableGeometry {
    public static final long AMD_IOMMU_PGSIZES = ~0xFFFL & ~(2L << 38);

    private final int levels;

    public AmdV1Geometry(int width) {
        if (width < 21 || width > 64) throw new IllegalArgumentException("AMD v1 address width must be 21..64 bits");
        this.levels = Math.min(6, (width - 12 + 8) / 9);
    }

    @Override
    public IoPgtableFmt format() {
        return IoPgtableFmt.AMD_IOMMU_V1;
    }

    @Override
    public int levels() {
        return levels;
    }

    @Override
    public int shift(int depth) {
        return 12 + 9 * kernelLevel(depth);
    }

    @Override
    public int indexBits(int depth) {
        int s = shift(depth);
        return Math.min(9, 64 - s);
    }

    @Override
    public int kernelLevel(int depth) {
        return levels - 1 - depth;
    }

    @Override
    public String levelName(int depth) {
        return "PM level " + kernelLevel(depth);
    }

    @Override
    public long pgsizeBitmap() {
        long maxBit = Math.min(63, 12 + 9L * levels - 1);
        long mask = maxBit >= 63 ? -1L : (1L << (maxBit + 1)) - 1;
        return AMD_IOMMU_PGSIZES & mask;
    }

    @Override
    public long apertureEnd() {
        return -1L;
    }

    @Override
    public int leafDepth(long pgsize) {
        if (Long.bitCount(pgsize) != 1 || (pgsizeBitmap() & pgsize) == 0) return -1;
        int level = (Long.numberOfTrailingZeros(pgsize) - 12) / 9;
        int depth = levels - 1 - level;
        return depth < 0 ? -1 : depth;
    }

    @Override
    public int replicas(long pgsize) {
        return 1 << ((Long.numberOfTrailingZeros(pgsize) - 12) % 9);
    }

    @Override
    public boolean freesCoveredTables() {
        return false;
    }

    @Override
    public String describe() {
        return "AMD IOMMU v1, " + levels + " levels (PM level " + (levels - 1) + "..0), any power-of-two page size";
    }
}
