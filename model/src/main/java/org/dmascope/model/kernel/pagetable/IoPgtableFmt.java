package org.dmascope.model.kernel.pagetable;

import org.dmascope.model.kernel.rule.KernelRule;

/**
 * R-PT-3 {@code enum io_pgtable_fmt} (include/linux/io-pgtable.h) in declaration order, plus the
 * native VT-d formats that never went through io-pgtable. {@link #modelled()} says which of them
 * this model can build ({@link PageTableGeometry} implementations).
 */
@KernelRule("R-PT-3")
public enum IoPgtableFmt {
    ARM_32_LPAE_S1(false),
    ARM_32_LPAE_S2(false),
    ARM_64_LPAE_S1(true),
    ARM_64_LPAE_S2(true),
    ARM_V7S(false),
    ARM_MALI_LPAE(false),
    AMD_IOMMU_V1(true),
    AMD_IOMMU_V2(false),
    APPLE_DART(false),
    APPLE_DART2(false),
    /** Intel VT-d second-stage (legacy) tables: not an io-pgtable format. */
    VTD_SECOND_STAGE(true),
    /** Intel VT-d first-stage (scalable mode) tables: not an io-pgtable format. */
    VTD_FIRST_STAGE(true);

    private final boolean modelled;

    IoPgtableFmt(boolean modelled) {
        this.modelled = modelled;
    }

    public boolean modelled() {
        return modelled;
    }
}
