package org.dmascope.model.kernel.pagetable;

import org.dmascope.model.kernel.rule.KernelRule;

/**
 * R-PT-2 Intel VT-d tables (drivers/iommu/intel/iommu.h: {@code LEVEL_STRIDE} 9,
 * {@code VTD_PAGE_SHIFT} 12, {@code width_to_agaw}, {@code agaw_to_level}, {@code pfn_level_offset}):
 * {@code agaw = ceil((width - 30) / 9)}, {@code levels = agaw + 2} (39 → 3, 48 → 4, 57 → 5);
 * level {@code L} is indexed by {@code (pfn >> 9(L-1)) & 0x1FF}; level 2 holds 2 MiB and level 3
 * 1 GiB superpages when the hardware has them (assumed). The aperture is {@code 2^width - 1} for
 * second-stage tables and {@code 2^(width-1) - 1} for first-stage (canonical) tables.
 */
@KernelRule("R-PT-2")
public final class VtdGeometry implements PageTableGeometry {
    public static final int LEVEL_STRIDE = 9;
    public static final int VTD_PAGE_SHIFT = 12;

    private final int width;
    private final boolean firstStage;
    private final int levels;

    public VtdGeometry(int width, boolean firstStage) {
        if (width < 30 || width > 64) throw new IllegalArgumentException("VT-d address width must be 30..64 bits");
        this.width = width;
        this.firstStage = firstStage;
        this.levels = agaw(width) + 2;
    }

    /** {@code width_to_agaw(width) = DIV_ROUND_UP(width - 30, LEVEL_STRIDE)}. */
    public static int agaw(int width) {
        return (width - 30 + LEVEL_STRIDE - 1) / LEVEL_STRIDE;
    }

    @Override
    public IoPgtableFmt format() {
        return firstStage ? IoPgtableFmt.VTD_FIRST_STAGE : IoPgtableFmt.VTD_SECOND_STAGE;
    }

    @Override
    public int levels() {
        return levels;
    }

    @Override
    public int shift(int depth) {
        return VTD_PAGE_SHIFT + (kernelLevel(depth) - 1) * LEVEL_STRIDE;
    }

    @Override
    public int indexBits(int depth) {
        return LEVEL_STRIDE;
    }

    @Override
    public int kernelLevel(int depth) {
        return levels - depth;
    }

    @Override
    public String levelName(int depth) {
        return "level " + kernelLevel(depth);
    }

    @Override
    public long pgsizeBitmap() {
        return (4L << 10) | (2L << 20) | (1L << 30);
    }

    @Override
    public long apertureEnd() {
        int bits = firstStage ? width - 1 : width;
        return bits >= 64 ? -1L : (1L << bits) - 1;
    }

    @Override
    public int leafDepth(long pgsize) {
        if (pgsize == 4096) return levels - 1;
        if (pgsize == (2L << 20)) return levels - 2;
        if (pgsize == (1L << 30) && levels >= 3) return levels - 3;
        return -1;
    }

    @Override
    public boolean freesCoveredTables() {
        return true;
    }

    @Override
    public String describe() {
        return "Intel VT-d " + (firstStage ? "first-stage" : "second-stage") + ", " + width + "-bit: agaw "
                + agaw(width)
                + ", " + levels + " levels, 4K/2M/1G pages";
    }
}
