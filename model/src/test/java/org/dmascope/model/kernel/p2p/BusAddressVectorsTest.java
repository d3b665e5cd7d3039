package org.dmascope.model.kernel.p2p;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalLong;

import org.dmascope.model.kernel.P2pMapType;
import org.dmascope.model.kernel.fixtures.Fx;
import org.dmascope.model.kernel.fixtures.T1;
import org.dmascope.model.topology.AddressRange;
import org.dmascope.model.topology.HostBridge;
import org.dmascope.model.topology.HostWindow;
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

    @Test
    void ba4_busWindowIsReservedSoThe32BitFirstAttemptHasNoRoom() {
        List<AddressRange> reserved = HostBridgeIovaReservations.of(dtHostBridge(), 4096);
        assertEquals(List.of(new AddressRange(0, 0xFFFF_FFFFL)), reserved);
        assertEquals(0, HostBridgeIovaReservations.freeBytes(reserved, 0x1000, 0xFFFF_FFFFL));
        assertEquals(1L << 32, HostBridgeIovaReservations.freeBytes(reserved, 0x1_0000_0000L, 0x1_FFFF_FFFFL));
    }

    @Test
    void ba4_dmaRangeGapsAreReservedToo() {
        HostBridge hb = new HostBridge("pci0000:00", 0, 0, java.util.Optional.empty(), java.util.OptionalInt.empty(), List.of(),
                List.of(new org.dmascope.model.topology.DmaRange(0x8000_0000L, 0x8000_0000L, 0x8000_0000L)),
                org.dmascope.model.topology.Provenance.NONE);
        List<AddressRange> reserved = HostBridgeIovaReservations.of(hb, 4096);
        assertEquals(new AddressRange(0, 0x8000_0FFFL), reserved.get(0), "start up to the first range's start page");
        assertEquals(new AddressRange(0x1_0000_0000L, -1L), reserved.get(1), "everything above the last range");
    }
}
