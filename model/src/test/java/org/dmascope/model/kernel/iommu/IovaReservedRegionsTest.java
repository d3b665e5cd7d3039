package org.dmascope.model.kernel.iommu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.dmascope.model.kernel.iova.IovaRange;
import org.dmascope.model.kernel.pagetable.ArmLpaeGeometry;
import org.dmascope.model.topology.DmaRange;
import org.dmascope.model.topology.HostBridge;
import org.dmascope.model.topology.HostWindow;
import org.dmascope.model.topology.Platform;
import org.dmascope.model.topology.Provenance;
import org.junit.jupiter.api.Test;

/** R-IOMMU-1 what a DMA domain reserves. */
class IovaReservedRegionsTest {
    @Test
    void ba4_windowsAreReservedInBusSpace() {
        HostBridge hb = new HostBridge("pci0000:00", 0, 0, Optional.empty(), OptionalInt.empty(),
                List.of(new HostWindow(HostWindow.Kind.MEMORY, 0x40_0000_0000L, 0, 0x1_0000_0000L),
                        new HostWindow(HostWindow.Kind.IO, 0x1000, 0x1000, 0x1000)), List.of(), Provenance.NONE);
        List<ReservedRegion> r = IovaReservedRegions.of(hb, Platform.IommuDriver.ARM_SMMU_V3);
        assertEquals(1, r.size(), "I/O windows are not reserved; SMMU's software MSI region is not either");
        assertEquals(0, r.get(0).start());
        assertEquals(0xFFFF_FFFFL, r.get(0).end());
    }

    @Test
    void gapsAroundDmaRangesAreReserved() {
        HostBridge hb = new HostBridge("pci0000:00", 0, 0, Optional.empty(), OptionalInt.empty(), List.of(),
                List.of(new DmaRange(0x8000_0000L, 0x8000_0000L, 0x8000_0000L), new DmaRange(0, 0x1_0000_0000L,
                        0x1_0000_0000L)),
                Provenance.NONE);
        List<ReservedRegion> r = IovaReservedRegions.of(hb, Platform.IommuDriver.ARM_SMMU_V3);
        assertEquals(2, r.size());
        assertEquals(new ReservedRegion(0, 0x8000_0000L, "not covered by the host bridge's dma-ranges"), r.get(0));
        assertEquals(0x2_0000_0000L, r.get(1).start());
        assertEquals(-1L, r.get(1).end());
    }

    /**
     * Formerly checked on a second, test-only copy of this rule (HostBridgeIovaReservations, which
     * rounded the ends out to granules itself): the kernel reserves {@code iova_pfn(start) ..
     * iova_pfn(end)}, so the hole below a range ends with that range's first granule, and everything
     * above the last range is reserved.
     */
    @Test
    void ba4_dmaRangeHolesBecomeWholeGranulesInTheDomain() {
        HostBridge hb = new HostBridge("pci0000:00", 0, 0, Optional.empty(), OptionalInt.empty(), List.of(),
                List.of(new DmaRange(0x8000_0000L, 0x8000_0000L, 0x8000_0000L)), Provenance.NONE);
        IommuDmaDomain d = new IommuDmaDomain("gaps", new ArmLpaeGeometry(4096, 48, false), DmaDomainType.DMA, 0);
        d.attach("dev", IovaReservedRegions.of(hb, Platform.IommuDriver.ARM_SMMU_V3));
        List<IovaRange> ranges = d.iovad().ranges();
        assertEquals(2, ranges.size());
        assertEquals(0, ranges.get(0).pfnLo());
        assertEquals(0x8_0000L, ranges.get(0).pfnHi(),
                "up to and including the first page of the range: 0x8000_0000-0x8000_0FFF");
        assertEquals(0x10_0000L, ranges.get(1).pfnLo(), "everything from 4 GiB");
        assertEquals(-1L >>> 12, ranges.get(1).pfnHi());
        assertNull(d.iovad().find(0x8_0001L), "the rest of the range is free");
    }

    @Test
    void aLastDmaRangeEndingAt2To64WrapsAndTheKernelReservesEverything() {
        HostBridge hb = new HostBridge("pci0000:00", 0, 0, Optional.empty(), OptionalInt.empty(), List.of(),
                List.of(new DmaRange(0x8000_0000_0000_0000L, 0x8000_0000_0000_0000L, 0x8000_0000_0000_0000L)),
                        Provenance.NONE);
        List<ReservedRegion> r = IovaReservedRegions.of(hb, Platform.IommuDriver.ARM_SMMU_V3);
        assertEquals(2, r.size());
        assertEquals(0, r.get(1).start(), "start = res->end - offset + 1 wraps to 0");
        assertEquals(-1L, r.get(1).end());
    }

    @Test
    void x86DriversReserveTheInterruptWindow() {
        List<ReservedRegion> vtd = IovaReservedRegions.of(null, Platform.IommuDriver.INTEL_VTD);
        assertEquals(List.of(new ReservedRegion(0xFEE0_0000L, 0xFEEF_FFFFL,
                "x86 MSI/interrupt window (IOMMU_RESV_MSI)")), vtd);
        assertEquals(2, IovaReservedRegions.of(null, Platform.IommuDriver.AMD_VI).size());
    }

    @Test
    void domainNeverHandsOutIovaZero() {
        IommuDmaDomain d = new IommuDmaDomain("z", new org.dmascope.model.kernel.pagetable.VtdGeometry(48, false),
                DmaDomainType.DMA, 0);
        assertEquals(1, d.iovad().startPfn());
    }
}
