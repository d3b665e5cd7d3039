package org.dmascope.model.kernel.iommu;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.dmascope.model.kernel.rule.KernelRule;
import org.dmascope.model.topology.DmaRange;
import org.dmascope.model.topology.HostBridge;
import org.dmascope.model.topology.HostWindow;
import org.dmascope.model.topology.Platform;

/**
 * R-IOMMU-1 what {@code iommu_dma_init_domain()} reserves in a fresh DMA domain, through
 * {@code iova_reserve_iommu_regions()} (drivers/iommu/dma-iommu.c). Both functions below read the same
 * in a v6.11+ copy (kernelorg-mirror/linux_kernel_git_leon_linux-rdma @4805cf7591f3, with
 * {@code iommu-pages.h}) and a v7.0-rc copy (with {@code kmalloc_obj} and {@code iommupt}), so in the
 * v6.19 the product models as mainline:
 * <ul>
 * <li>{@code iova_reserve_pci_windows()}: every {@code IORESOURCE_MEM} window of the host bridge in
 *     bus space, {@code iova_pfn(res->start - offset) .. iova_pfn(res->end - offset)}, so an IOVA never
 *     aliases a peer BAR's bus address. Then the sorted {@code dma_ranges}: with {@code start} = 0 at
 *     first and one past the previous range's bus end afterwards, and {@code end} the next range's bus
 *     start, the kernel reserves {@code iova_pfn(start) .. iova_pfn(end)} when {@code end > start}, so
 *     the first granule of the next range goes too; after the last range it reserves up to
 *     {@code ~(phys_addr_t)0}.
 *     "One past the end" is 64-bit arithmetic: a last range ending at 2^64 − 1 wraps {@code start} to
 *     0 and the kernel then reserves the whole IOVA space. {@code iommu_dma_ranges_sort} orders the
 *     ranges by {@code res->start}, their CPU address; they are sorted by bus address here, which gives
 *     the same order unless two ranges' CPU and bus orders disagree, and then the kernel meets
 *     {@code end < start} and fails the domain with -EINVAL ("Failed to reserve IOVA"), as it does for
 *     overlapping ranges. That failure is not modelled: such a hole is simply empty.</li>
 * <li>the IOMMU driver's reserved regions except {@code IOMMU_RESV_SW_MSI}: the x86 interrupt window
 *     0xFEE0_0000-0xFEEF_FFFF for VT-d ({@code IOAPIC_RANGE_*}) and AMD-Vi ({@code MSI_RANGE_*}), plus
 *     AMD's HyperTransport range 0xFD_0000_0000-0xFF_FFFF_FFFF [uncertain: newer kernels skip it when
 *     the IOMMU reports that it ignores that range]. Firmware RMRR/IVMD regions are not in the
 *     topology.</li>
 * </ul>
 * Each region is a byte range with inclusive ends, as the kernel computes it before
 * {@code iova_pfn()}; {@link IommuDmaDomain#attach} turns both ends into granule frames the same way,
 * so a partly covered granule at either end is reserved whole.
 */
@KernelRule("R-IOMMU-1")
public final class IovaReservedRegions {
    public static final long MSI_RANGE_START = 0xFEE0_0000L;
    public static final long MSI_RANGE_END = 0xFEEF_FFFFL;
    public static final long HT_RANGE_START = 0xFD_0000_0000L;
    public static final long HT_RANGE_END = 0xFF_FFFF_FFFFL;

    private IovaReservedRegions() {
    }

    public static List<ReservedRegion> of(HostBridge hb, Platform.IommuDriver driver) {
        List<ReservedRegion> out = new ArrayList<>();
        if (hb != null) {
            for (HostWindow w : hb.windows()) {
                if (!w.kind().isMemory()) continue;
                out.add(new ReservedRegion(w.busRange().start(), w.busRange().end(),
                        "host bridge " + hb.id() + " " + w.kind().jsonName() + " window (bus addresses of peer BARs)"));
            }
            dmaRangeHoles(hb, out);
        }
        if (driver == Platform.IommuDriver.INTEL_VTD || driver == Platform.IommuDriver.AMD_VI) {
            out.add(new ReservedRegion(MSI_RANGE_START, MSI_RANGE_END, "x86 MSI/interrupt window (IOMMU_RESV_MSI)"));
        }
        if (driver == Platform.IommuDriver.AMD_VI) {
            out.add(new ReservedRegion(HT_RANGE_START, HT_RANGE_END, "AMD HyperTransport range (IOMMU_RESV_RESERVED)"));
        }
        return out;
    }

    /** The {@code dma_ranges} loop of {@code iova_reserve_pci_windows()}, its {@code goto resv_iova} included. */
    private static void dmaRangeHoles(HostBridge hb, List<ReservedRegion> out) {
        List<DmaRange> ranges = new ArrayList<>(hb.dmaRanges());
        ranges.sort(Comparator.comparing(DmaRange::busStart, Long::compareUnsigned));
        long start = 0;
        for (int i = 0; i < ranges.size(); i++) {
            DmaRange r = ranges.get(i);
            long end = r.busStart();
            if (Long.compareUnsigned(end, start) > 0) {
                out.add(new ReservedRegion(start, end, "not covered by the host bridge's dma-ranges"));
            }
            start = r.busRange().end() + 1;
            if (i == ranges.size() - 1 && end != -1L && Long.compareUnsigned(-1L, start) > 0) {
                out.add(new ReservedRegion(start, -1L, start == 0
                        ? "the last dma-range ends at 2^64-1, so the kernel's start wraps to 0 and it reserves "
                                + "everything"
                        : "above the host bridge's last dma-range"));
            }
        }
    }
}
