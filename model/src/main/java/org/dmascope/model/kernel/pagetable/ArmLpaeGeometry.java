package org.dmascope.model.kernel.pagetable;

import org.dmascope.model.kernel.rule.KernelRule;
import org.dmascope.model.util.ByteSize;

/**
 * R-PT-1 ARM LPAE tables ({@code arm_lpae_alloc_pgtable}, {@code arm_64_lpae_alloc_pgtable_s2} in
 * drivers/iommu/io-pgtable-arm.c): {@code bits_per_level = log2(granule) - 3},
 * {@code levels = ceil((ias - log2(granule)) / bits_per_level)}, start level {@code 4 - levels}, the
 * pgd takes the remaining bits. Page sizes: 4K granule {4K, 2M, 1G}; 16K {16K, 32M}; 64K {64K, 512M}.
 * Stage 2 concatenates up to 16 first-level tables instead of a start level 0 (the pre-v6.13 rule
 * {@code pgd_pages <= ARM_LPAE_S2_MAX_CONCAT_PAGES} [uncertain for newer kernels]).
 */
@KernelRule("R-PT-1")
public final class ArmLpaeGeometry implements PageTableGeometry {
    private static final int ARM_LPAE_MAX_LEVELS = 4;
    private static final int ARM_LPAE_S2_MAX_CONCAT_PAGES = 16;

    private final long granule;
    private final int ias;
    private final boolean stage2;
    private final int bitsPerLevel;
    private final int startLevel;
    private final int pgdBits;
    private final int levels;

    public ArmLpaeGeometry(long granule, int ias, boolean stage2) {
        if (granule != 4096 && granule != 16384 && granule != 65536) {
            throw new IllegalArgumentException("ARM LPAE granule must be 4K, 16K or 64K");
        }
        int maxIas = granule == 65536 ? 52 : 48;
        if (ias < 32 || ias > maxIas) throw new IllegalArgumentException("ARM LPAE input size must be 32.." + maxIas
                + " bits");
        this.granule = granule;
        this.ias = ias;
        this.stage2 = stage2;
        int pgShift = Long.numberOfTrailingZeros(granule);
        this.bitsPerLevel = pgShift - 3;
        int vaBits = ias - pgShift;
        int lv = (vaBits + bitsPerLevel - 1) / bitsPerLevel;
        int start = ARM_LPAE_MAX_LEVELS - lv;
        int pgd = vaBits - bitsPerLevel * (lv - 1);
        if (stage2 && start == 0) {
            long pgdPages = Math.max(1, ((1L << pgd) * 8) / granule);
            if ((1L << pgd) <= ARM_LPAE_S2_MAX_CONCAT_PAGES && pgdPages <= ARM_LPAE_S2_MAX_CONCAT_PAGES) {
                pgd += bitsPerLevel;
                start++;
                lv--;
            }
        }
        this.startLevel = start;
        this.pgdBits = pgd;
        this.levels = lv;
    }

    @Override
    public IoPgtableFmt format() {
        return stage2 ? IoPgtableFmt.ARM_64_LPAE_S2 : IoPgtableFmt.ARM_64_LPAE_S1;
    }

    public int startLevel() {
        return startLevel;
    }

    public int pgdBits() {
        return pgdBits;
    }

    public int bitsPerLevel() {
        return bitsPerLevel;
    }

    @Override
    public int levels() {
        return levels;
    }

    /** {@code ARM_LPAE_LVL_SHIFT(l) = (4 - l) * bits_per_level + 3}. */
    @Override
    public int shift(int depth) {
        int l = startLevel + depth;
        return (ARM_LPAE_MAX_LEVELS - l) * bitsPerLevel + 3;
    }

    @Override
    public int indexBits(int depth) {
        return depth == 0 ? pgdBits : bitsPerLevel;
    }

    @Override
    public int kernelLevel(int depth) {
        return startLevel + depth;
    }

    @Override
    public String levelName(int depth) {
        return "L" + kernelLevel(depth);
    }

    @Override
    public long pgsizeBitmap() {
        if (granule == 4096) return (4L << 10) | (2L << 20) | (1L << 30);
        if (granule == 16384) return (16L << 10) | (32L << 20);
        return (64L << 10) | (512L << 20);
    }

    @Override
    public long apertureEnd() {
        return ias >= 64 ? -1L : (1L << ias) - 1;
    }

    @Override
    public int leafDepth(long pgsize) {
        if ((pgsizeBitmap() & pgsize) == 0 || Long.bitCount(pgsize) != 1) return -1;
        for (int d = 0; d < levels; d++) if (entrySize(d) == pgsize) return d;
        return -1;
    }

    @Override
    public boolean freesCoveredTables() {
        return true;
    }

    @Override
    public String describe() {
        return "ARM LPAE " + (stage2 ? "stage 2" : "stage 1") + ", " + ByteSize.format(granule) + " granule, IAS " + ias
                + ": " + levels + " levels from L" + startLevel + ", pgd " + pgdBits + " bits";
    }
}
