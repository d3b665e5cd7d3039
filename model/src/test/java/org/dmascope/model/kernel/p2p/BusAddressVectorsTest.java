package org.dmascope.model.kernel.p2p;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalLong;

import org.dmascope.model.kernel.KernelProfile;
import org.dmascope.model.kernel.P2pMapType;
import org.dmascope.model.kernel.dma.DeviceDma;
import org.dmascope.model.kernel.dma.MapTrace;
import org.dmascope.model.kernel.fixtures.Fx;
import org.dmascope.model.kernel.fixtures.T1;
import org.dmascope.model.kernel.iommu.DmaDomainType;
import org.dmascope.model.kernel.iommu.IommuAllocIova;
import org.dmascope.model.kernel.iommu.IommuDeviceState;
import org.dmascope.model.kernel.iommu.IommuDmaDomain;
import org.dmascope.model.kernel.iommu.IovaReservedRegions;
import org.dmascope.model.kernel.iommu.ReservedRegion;
import org.dmascope.model.kernel.iova.IovaRange;
import org.dmascope.model.kernel.pagetable.ArmLpaeGeometry;
import org.dmascope.model.topology.AddressRange;
import org.dmascope.model.topology.HostBridge;
import org.dmascope.model.topology.HostWindow;
import org.dmascope.model.topology.Platform;
import org.junit.jupiter.api.Test;

/** The vectors of kernel-dma-rules.md section 3.2 (R-P2P-10, R-IOMMU-1 reservations). */
class BusAddressVectorsTest {
    private static final long GIB = 1L << 30;

    /** BA-2's device-tree host bridge: CPU 0x40_0000_0000 is bus 0x0, a 4 GiB window. */
    private static HostBridge dtHostBridge() {
        return Fx.hostBridge(0, 0, new HostWindow(HostWindow.Kind.MEMORY, 0x40_0000_0000L, 0, 4 * GIB));
    }

    @Test
    void ba1_x86WindowWithOffsetZeroGivesTheCpuAddressFlaggedAsBusAddress() {
        PciBusAddress.Translation t = PciBusAddress.ofMemoryBar(T1.hostBridge0(), AddressRange.ofSize(0x38_0000_0000L, GIB));
        assertEquals(0, t.busOffset());
        P2pDmaAddress.Result r = P2pDmaAddress.directIdentity(P2pMapType.BUS_ADDR, 0x38_0000_2000L, t.busOffset());
        assertEquals(OptionalLong.of(0x38_0000_2000L), r.address());
        assertTrue(r.busAddress());
    }

    @Test
    void ba2_deviceTreeOffsetIsSubtracted() {
        PciBusAddress.Translation t = PciBusAddress.ofMemoryBar(dtHostBridge(), AddressRange.ofSize(0x40_1000_0000L, 0x100_0000L));
        assertEquals(-0x40_0000_0000L, t.busOffset());
        assertEquals(0x1000_0000L, t.busStart());
        P2pDmaAddress.Result r = P2pDmaAddress.directIdentity(P2pMapType.BUS_ADDR, 0x40_1000_3000L, t.busOffset());
        assertEquals(OptionalLong.of(0x1000_3000L), r.address());
    }

    @Test
    void ba2_barOutsideEveryWindowKeepsOffsetZero() {
        PciBusAddress.Translation t = PciBusAddress.ofMemoryBar(dtHostBridge(), AddressRange.ofSize(0x80_0000_0000L, 0x1000));
        assertEquals(0, t.busOffset());
        assertTrue(t.window().isEmpty());
    }

    @Test
    void ba3_thruHostBridgeWithDmaDirectUsesTheCpuPhysicalAddress() {
        PciBusAddress.Translation t = PciBusAddress.ofMemoryBar(dtHostBridge(), AddressRange.ofSize(0x40_1000_0000L, 0x100_0000L));
        P2pDmaAddress.Result r = P2pDmaAddress.directIdentity(P2pMapType.THRU_HOST_BRIDGE, 0x40_1000_3000L, t.busOffset());
        assertEquals(OptionalLong.of(0x40_1000_3000L), r.address());
        assertFalse(r.busAddress());
        assertTrue(P2pDmaAddress.directIdentity(P2pMapType.NOT_SUPPORTED, 0x40_1000_3000L, 0).address().isEmpty());
    }

    /**
     * BA-4 on what the engine runs: {@link IovaReservedRegions} reserves the 4 GiB window in bus space,
     * the domain turns it into granule frames, and a 64-bit PCI device's 32-bit-first IOVA attempt
     * finds no room, so it allocates above 4 GiB at once and stops trying (R-IOMMU-2 since v6.4).
     */
    @Test
    void ba4_busWindowIsReservedSoThe32BitFirstAttemptHasNoRoom() {
        List<ReservedRegion> reserved = IovaReservedRegions.of(dtHostBridge(), Platform.IommuDriver.ARM_SMMU_V3);
        assertEquals(1, reserved.size());
        assertEquals(0, reserved.get(0).start());
        assertEquals(0xFFFF_FFFFL, reserved.get(0).end());

        IommuDmaDomain d = new IommuDmaDomain("ba4", new ArmLpaeGeometry(4096, 48, false), DmaDomainType.DMA, 0);
        d.attach("0000:01:00.0", reserved);
        IovaRange r = d.iovad().find(0xF_FFFFL);
        assertEquals(IovaRange.Kind.RESERVED, r.kind());
        assertEquals(0, r.pfnLo());
        assertEquals(0xF_FFFFL, r.pfnHi(), "iova_pfn(0xffffffff): the whole window, granule by granule");

        IommuDeviceState pci = new IommuDeviceState(true, false);
        MapTrace trace = new MapTrace();
        long iova = IommuAllocIova.alloc(d, 0x1000, -1L, DeviceDma.pciDefaults64(), pci, KernelProfile.MAINLINE, trace);
        assertTrue(Long.compareUnsigned(iova, 0xFFFF_FFFFL) > 0, "above 4 GiB: " + Long.toHexString(iova));
        assertFalse(pci.pci32bitWorkaround(), "the failed 32-bit attempt is not repeated");
        assertTrue(trace.kernelLog().stream().anyMatch(l -> l.startsWith("Using ")));
    }
}
