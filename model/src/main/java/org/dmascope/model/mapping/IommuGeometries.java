package org.dmascope.model.mapping;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.dmascope.model.kernel.dma.KernelArith;
import org.dmascope.model.kernel.pagetable.AmdV1Geometry;
import org.dmascope.model.kernel.pagetable.ArmLpaeGeometry;
import org.dmascope.model.kernel.pagetable.PageTableGeometry;
import org.dmascope.model.kernel.pagetable.VtdGeometry;
import org.dmascope.model.kernel.platform.AssumptionSource;
import org.dmascope.model.kernel.platform.PlatformAssumptions;
import org.dmascope.model.topology.Platform;

/**
 * The page-table format a platform's DMA domains use, from what the topology says about its IOMMU,
 * with stated defaults for what it leaves out: VT-d second-stage, AMD v1, ARM LPAE stage 1; 48-bit
 * input addresses; 4 KiB granule.
 */
public final class IommuGeometries {
    /** Address width used when the topology does not give one. */
    public static final int DEFAULT_WIDTH = 48;

    private IommuGeometries() {
    }

    /**
     * The topology's IOMMU facts with what the boot decided over them: the running driver, the DMA domains'
     * page-table format when a command line chose it ({@code intel_iommu=sm_on|sm_off},
     * {@code amd_iommu=pgtbl_v1|pgtbl_v2}, R-CMD-10) and the IOVA width that format allows.
     */
    public static Platform.Iommu resolved(Platform.Iommu iommu, PlatformAssumptions a) {
        Optional<Platform.IommuDriver> driver = a.iommuPresent() ? Optional.of(a.iommu()) : iommu.driver();
        // a default format is left unset, so the geometry says it assumed one
        Optional<Platform.PageTableFormat> fmt = a.pageTableAssumption().source() == AssumptionSource.DEFAULT
                ? Optional.empty() : Optional.of(a.pageTable());
        OptionalInt width = iommu.addressWidth();
        if (a.maxIovaBits().isPresent()) {
            width = OptionalInt.of(Math.min(width.orElse(DEFAULT_WIDTH), a.maxIovaBits().getAsInt()));
        }
        return new Platform.Iommu(driver, iommu.defaultDomain(), iommu.strict(), width, fmt, iommu.granule());
    }

    /**
     * @param notes receives a sentence per assumed value
     * @throws IllegalArgumentException for a granule larger than the 4 KiB pages this model's kernel uses
     */
    public static PageTableGeometry of(Platform.Iommu iommu, List<String> notes) {
        Platform.IommuDriver driver = iommu.driver().orElse(Platform.IommuDriver.INTEL_VTD);
        int width = iommu.addressWidth().orElse(DEFAULT_WIDTH);
        if (iommu.addressWidth().isEmpty()) notes.add("IOMMU address width unknown: assuming " + DEFAULT_WIDTH
                + " bits");
        long granule = iommu.granule().orElse(KernelArith.PAGE_SIZE);
        Platform.PageTableFormat fmt = iommu.pageTableFormat().orElse(defaultFormat(driver));
        if (iommu.pageTableFormat().isEmpty()) notes.add("page-table format unknown: assuming " + fmt.jsonName()
                + " for " + driver.jsonName());
        switch (fmt) {
            case VTD_FIRST_STAGE:
                return new VtdGeometry(width, true);
            case AMD_V1:
                return new AmdV1Geometry(width);
            case ARM_64_LPAE_S1:
            case ARM_64_LPAE_S2:
                if (granule > KernelArith.PAGE_SIZE) {
                    throw new IllegalArgumentException("an IOMMU granule of " + granule
                            + " bytes needs a kernel with pages that large; "
                            + "this model maps with 4 KiB pages (the page-walk view still shows the " + granule
                                    + "-byte format)");
                }
                return new ArmLpaeGeometry(granule, Math.min(width, 48),
                        fmt == Platform.PageTableFormat.ARM_64_LPAE_S2);
            case AMD_V2:
                notes.add("AMD v2 (x86-style) tables are drawn as VT-d first-stage tables: same 4-level 9-bit layout");
                return new VtdGeometry(width, true);
            default:
                return new VtdGeometry(width, false);
        }
    }

    private static Platform.PageTableFormat defaultFormat(Platform.IommuDriver d) {
        switch (d) {
            case AMD_VI:
                return Platform.PageTableFormat.AMD_V1;
            case ARM_SMMU_V3:
                return Platform.PageTableFormat.ARM_64_LPAE_S1;
            default:
                return Platform.PageTableFormat.VTD_SECOND_STAGE;
        }
    }
}
