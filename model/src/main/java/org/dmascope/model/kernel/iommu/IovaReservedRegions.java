package org.dmascope.model.kernel.iommu;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.dmascope.model.topology.DmaRange;
import org.dmascope.model.topology.HostBridge;
import org.dmascope.model.topology.HostWindow;
import org.dmascope.model.topology.Platform;

/**
 * R-IOMMU-1 what {@code iommu_dma_init_domain()} reserves (drivers/iommu/dma-iommu.c,
 * {@code iova_reserve_pci_windows} and {@code iova_reserve_iommu_regions}, read in torvalds/linux):
 * every host-bridge memory window in bus space ({@code res->start - offset .. res->end - offset}), so an
 * IOVA never aliases a peer's BAR; the holes below, between and above the host bridge's sorted
 * {@code dma_ranges} (the kernel reserves up to and including the first page of the next range); and
 * the IOMMU driver's reserved regions except software MSI: the x86 interrupt window
 * 0xFEE0_0000-0xFEEF_FFFF for VT-d ({@code IOAPIC_RANGE_*}) and AMD-Vi ({@code MSI_RANGE_*}), plus AMD's
 * HyperTransport range 0xFD_0000_0000-0xFF_FFFF_FFFF [uncertain: newer kernels skip it when the IOMMU
 * reports that it ignores that range]. Firmware RMRR/IVMD regions are not in the topology.
 */
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
                out.add(new ReservedRegion(w.busStart(), w.busStart() + w.size() - 1,
                        "host bridge " + hb.id() + " " + w.kind().jsonName() + " window (bus addresses of peer BARs)"));
            }
            List<DmaRange> ranges = new ArrayList<>(hb.dmaRanges());
            ranges.sort(Comparator.comparing(DmaRange::busStart, Long::compareUnsigned));
            long start = 0;
            for (int i = 0; i < ranges.size(); i++) {
                DmaRange r = ranges.get(i);
                long end = r.busStart();
                if (Long.compareUnsigned(end, start) > 0) {
                    out.add(new ReservedRegion(start, end, "not covered by the host bridge's dma-ranges"));
                }
                start = r.busStart() + r.size();
                if (i == ranges.size() - 1 && start != 0) {
                    out.add(new ReservedRegion(start, -1L, "above the host bridge's last dma-range"));
                }
            }
        }
        if (driver == Platform.IommuDriver.INTEL_VTD || driver == Platform.IommuDriver.AMD_VI) {
            out.add(new ReservedRegion(MSI_RANGE_START, MSI_RANGE_END, "x86 MSI/interrupt window (IOMMU_RESV_MSI)"));
        }
        if (driver == Platform.IommuDriver.AMD_VI) {
            out.add(new ReservedRegion(HT_RANGE_START, HT_RANGE_END, "AMD HyperTransport range (IOMMU_RESV_RESERVED)"));
        }
        return out;
    }
}
