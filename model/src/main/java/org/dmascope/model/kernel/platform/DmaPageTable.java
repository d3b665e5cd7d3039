package org.dmascope.model.kernel.platform;

import java.util.Optional;
import java.util.OptionalInt;

import org.dmascope.model.kernel.profile.KernelVersion;
import org.dmascope.model.kernel.rule.KernelRule;
import org.dmascope.model.topology.Platform.IommuDriver;
import org.dmascope.model.topology.Platform.PageTableFormat;

/**
 * R-CMD-10 the page-table format of DMA domains under {@code intel_iommu=sm_on|sm_off} and
 * {@code amd_iommu=pgtbl_v1|pgtbl_v2}:
 * <ul>
 *   <li>VT-d ({@code first_level_by_default()}, drivers/iommu/intel/iommu.c, v5.15.85 and v6.19.0): in
 *       scalable mode a unit that has first-stage translation (FLTS) uses first-stage tables for DMA domains;
 *       legacy mode has second-stage tables only. {@code sm_on} therefore gives first-stage tables — assuming the
 *       unit supports scalable mode and FLTS, which lspci cannot show — and {@code sm_off} (v5.15+) second-stage
 *       ones. v5.4.273 builds every DMA domain on second-stage tables.</li>
 *   <li>AMD ({@code amd_iommu_domain_alloc_paging_flags()}, drivers/iommu/amd/iommu.c, v6.1+): {@code pgtbl_v2}
 *       uses the x86-64-format ("guest", v2) table — assuming the IOMMU supports it, else the kernel logs
 *       "Cannot enable v2 page table for DMA-API. Fallback to v1." — and {@code pgtbl_v1} the AMD host table.
 *       A 4-level v2 table spans 47 IOVA bits in v6.19 (generic page table: the top bit is dropped so the
 *       domain works with and without PASID) and 48 bits in v6.1 – v6.14 ({@code dma_max_address()}).</li>
 * </ul>
 *
 * @param format      the format the line selects, empty when it is silent
 * @param maxIovaBits the IOVA width that format allows, when it limits it
 * @param reason      why, in words
 */
@KernelRule("R-CMD-10")
public record DmaPageTable(Optional<PageTableFormat> format, OptionalInt maxIovaBits, String reason) {
    static final DmaPageTable SILENT = new DmaPageTable(Optional.empty(), OptionalInt.empty(), "");

    /** What {@code line} selects for the DMA domains of {@code driver}. */
    public static DmaPageTable of(KernelCommandLine line, IommuDriver driver) {
        KernelVersion p = line.profile();
        if (driver == IommuDriver.INTEL_VTD && line.scalableMode().isPresent()) {
            if (!line.scalableMode().get()) {
                return new DmaPageTable(Optional.of(PageTableFormat.VTD_SECOND_STAGE), OptionalInt.empty(),
                        "intel_iommu=sm_off: legacy mode, second-stage tables only");
            }
            if (!p.atLeast(5, 6)) {
                return new DmaPageTable(Optional.of(PageTableFormat.VTD_SECOND_STAGE), OptionalInt.empty(),
                        "intel_iommu=sm_on: " + p.label() + " still builds DMA domains on second-stage tables");
            }
            return new DmaPageTable(Optional.of(PageTableFormat.VTD_FIRST_STAGE), OptionalInt.empty(),
                    "intel_iommu=sm_on: scalable mode, first-stage tables for DMA domains (assuming the VT-d unit "
                            + "supports scalable mode and first-stage translation)");
        }
        if (driver == IommuDriver.AMD_VI && line.amdPageTable().isPresent()) {
            if (line.amdPageTable().getAsInt() == 1) {
                return new DmaPageTable(Optional.of(PageTableFormat.AMD_V1), OptionalInt.empty(),
                        "amd_iommu=pgtbl_v1: AMD host (v1) tables");
            }
            int bits = p.atLeast(6, 19) ? 47 : 48;
            return new DmaPageTable(Optional.of(PageTableFormat.AMD_V2), OptionalInt.of(bits),
                    "amd_iommu=pgtbl_v2: x86-64-format (v2) tables, 4 levels, " + bits + "-bit IOVAs (assuming the "
                            + "IOMMU supports v2; otherwise the kernel falls back to v1)");
        }
        return SILENT;
    }
}
