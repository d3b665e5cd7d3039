package org.dmascope.model.kernel.p2p;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.dmascope.model.kernel.direct.DirectMapSg;
import org.dmascope.model.kernel.dma.DeviceDma;
import org.dmascope.model.kernel.dma.DmaDirection;
import org.dmascope.model.kernel.dma.P2pBusOffset;
import org.dmascope.model.kernel.dma.P2pMapState;
import org.dmascope.model.kernel.dma.P2pProvider;
import org.dmascope.model.kernel.dma.SgMapResult;
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
import org.dmascope.model.kernel.profile.KernelProfile;
import org.dmascope.model.kernel.sg.ScatterList;
import org.dmascope.model.kernel.swiotlb.SwiotlbContext;
import org.dmascope.model.kernel.trace.MapTrace;
import org.dmascope.model.topology.AddressRange;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.HostBridge;
import org.dmascope.model.topology.HostWindow;
import org.dmascope.model.topology.Platform;
import org.junit.jupiter.api.Test;

/**
 * The vectors of kernel-dma-rules.md section 3.2 on the classes the engine runs: R-P2P-10 bus offsets
 * and addresses ({@link P2pBusOffset}) through dma-direct's R-DIR-4 ({@link DirectMapSg}), and R-IOMMU-1
 * reservations ({@link IovaReservedRegions}).
 */
class BusAddressVectorsTest {
    private static final long GIB = 1L << 30;

    /** BA-2's device-tree host bridge: CPU 0x40_0000_0000 is bus 0x0, a 4 GiB window. */
    private static HostBridge dtHostBridge() {
        return Fx.hostBridge(0, 0, new HostWindow(HostWindow.Kind.MEMORY, 0x40_0000_0000L, 0, 4 * GIB));
    }

    /** One P2P page of the provider in a dma-direct scatterlist, mapped by the engine's R-DIR-4. */
    private static ScatterList mapDirect(P2pProvider provider, long paddr, P2pMapType type, KernelProfile profile) {
        ScatterList sg = new ScatterList(1);
        sg.add(paddr, 0, 0x1000, 0);
        SgMapResult r = DirectMapSg.map(sg, DeviceDma.pciDefaults64(), DmaDirection.BIDIRECTIONAL, SwiotlbContext.NONE,
                new P2pMapState(i -> type), i -> provider, profile, new MapTrace());
        assertEquals(SgMapResult.ok(1), r);
        return sg;
    }

    @Test
    void ba1_x86WindowWithOffsetZeroGivesTheCpuAddressFlaggedAsBusAddress() {
        AddressRange bar = AddressRange.ofSize(0x38_0000_0000L, GIB);
        long off = P2pBusOffset.of(T1.hostBridge0(), bar);
        assertEquals(0, off);
        ScatterList sg = mapDirect(new P2pProvider(Bdf.parse(T1.EPB), 2, bar.start(), GIB, off), 0x38_0000_2000L,
                P2pMapType.BUS_ADDR,
                KernelProfile.MAINLINE);
        assertEquals(0x38_0000_2000L, sg.dmaAddress(0));
        assertTrue(sg.isBusAddress(0), "SG_DMA_BUS_ADDRESS");
    }

    @Test
    void ba2_deviceTreeOffsetIsSubtracted() {
        AddressRange bar = AddressRange.ofSize(0x40_1000_0000L, 0x100_0000L);
        long off = P2pBusOffset.of(dtHostBridge(), bar);
        assertEquals(-0x40_0000_0000L, off);
        assertEquals(0x1000_0000L, P2pBusOffset.busAddress(bar.start(), off), "the BAR's bus address");
        ScatterList sg = mapDirect(new P2pProvider(Bdf.parse(T1.EPB), 0, bar.start(), bar.size(), off), 0x40_1000_3000L,
                P2pMapType.BUS_ADDR,
                KernelProfile.MAINLINE);
        assertEquals(0x1000_3000L, sg.dmaAddress(0));
        assertTrue(sg.isBusAddress(0));
    }

    /**
     * BA-3 gives the intended result, the CPU physical address; the product reproduces the kernels:
     * before v6.16 and from v7.1 {@code dma_direct_map_sg} falls through to the normal map (identity range map:
     * CPU address); v6.16-7.0 leave {@code dma_address} unset (R-DIR-4, DD-10).
     */
    @Test
    void ba3_thruHostBridgeWithDmaDirectUsesTheCpuPhysicalAddress() {
        AddressRange bar = AddressRange.ofSize(0x40_1000_0000L, 0x100_0000L);
        P2pProvider p = new P2pProvider(Bdf.parse(T1.EPB), 0, bar.start(), bar.size(), P2pBusOffset.of(dtHostBridge(),
                bar));
        ScatterList before = mapDirect(p, 0x40_1000_3000L, P2pMapType.THRU_HOST_BRIDGE, KernelProfile.V5_15);
        assertEquals(0x40_1000_3000L, before.dmaAddress(0));
        assertFalse(before.isBusAddress(0));
        ScatterList v70 = mapDirect(p, 0x40_1000_3000L, P2pMapType.THRU_HOST_BRIDGE, KernelProfile.V7_0);
        assertTrue((v70.dmaFlags(0) & ScatterList.DMA_ADDRESS_UNSET) != 0, "6.16-7.0: dma_address left unset");
        assertFalse(v70.isBusAddress(0));
        ScatterList v71 = mapDirect(p, 0x40_1000_3000L, P2pMapType.THRU_HOST_BRIDGE, KernelProfile.V7_1);
        assertEquals(0x40_1000_3000L, v71.dmaAddress(0), "7.1 (560000d619ef) maps the CPU address again");
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
