package org.dmascope.model.kernel.dma;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;

import org.dmascope.model.kernel.p2p.P2pMapType;
import org.dmascope.model.topology.AddressRange;
import org.dmascope.model.topology.HostBridge;
import org.dmascope.model.topology.HostWindow;
import org.dmascope.model.topology.Provenance;
import org.junit.jupiter.api.Test;

/**
 * R-P2P-9 state caching, R-P2P-10 the first containing window (BA-1..BA-3 are in BusAddressVectorsTest), R-P2P-12
 * mapper actions.
 */
class P2pRulesTest {
    static HostBridge bridge(HostWindow... w) {
        return new HostBridge("pci0000:00", 0, 0, Optional.empty(), OptionalInt.empty(), List.of(w), List.of(),
                Provenance.NONE);
    }

    @Test
    void barOutsideEveryWindowHasOffsetZeroAndTheFirstContainingWindowWins() {
        HostBridge hb = bridge(new HostWindow(HostWindow.Kind.MEMORY, 0x40_0000_0000L, 0x1000_0000L, 0x1000_0000L),
                new HostWindow(HostWindow.Kind.MEMORY, 0x40_0000_0000L, 0, 0x1_0000_0000L));
        assertEquals(0, P2pBusOffset.of(hb, AddressRange.ofSize(0x50_0000_0000L, 4096)));
        assertEquals(-0x40_0000_0000L + 0x1000_0000L, P2pBusOffset.of(hb, AddressRange.ofSize(0x40_0000_0000L, 4096)));
        assertEquals(-0x40_0000_0000L, P2pBusOffset.of(hb, AddressRange.ofSize(0x40_8000_0000L, 4096)),
                "the first window does not contain the BAR");
    }

    @Test
    void mapStateLooksUpOncePerProviderRun() {
        AtomicInteger calls = new AtomicInteger();
        P2pMapState s = new P2pMapState(i -> {
            calls.incrementAndGet();
            return i == 0 ? P2pMapType.BUS_ADDR : P2pMapType.THRU_HOST_BRIDGE;
        });
        assertEquals(P2pMapType.NONE, s.state(-1));
        assertEquals(P2pMapType.BUS_ADDR, s.state(0));
        assertEquals(P2pMapType.BUS_ADDR, s.state(0));
        assertEquals(P2pMapType.NONE, s.state(-1), "RAM in between does not reset the cache");
        assertEquals(P2pMapType.BUS_ADDR, s.state(0));
        assertEquals(1, calls.get());
        assertEquals(P2pMapType.THRU_HOST_BRIDGE, s.state(1));
        assertEquals(2, s.lookups());
        assertEquals(1, s.mem());
    }

    @Test
    void mapperActionsPerMapType() {
        assertEquals(P2pMapperAction.MAP_NORMALLY, P2pMapperAction.of(P2pMapType.NONE));
        assertEquals(P2pMapperAction.BUS_ADDRESS, P2pMapperAction.of(P2pMapType.BUS_ADDR));
        assertEquals(P2pMapperAction.MAP_CPU_PHYS, P2pMapperAction.of(P2pMapType.THRU_HOST_BRIDGE));
        assertEquals(P2pMapperAction.REJECT, P2pMapperAction.of(P2pMapType.NOT_SUPPORTED));
        assertEquals(P2pMapperAction.REJECT, P2pMapperAction.of(P2pMapType.UNKNOWN));
    }

    @Test
    void kernelArithmeticMatchesC() {
        assertEquals(0, KernelArith.flsLong(0));
        assertEquals(64, KernelArith.flsLong(-1L));
        assertEquals(32, KernelArith.roundupPowOfTwo(18));
        assertEquals(2, KernelArith.orderBase2(3));
        assertEquals(5, KernelArith.minNotZero(0, 5));
        assertEquals(5, KernelArith.minNotZero(-1L, 5), "unsigned: all ones is the largest");
        assertEquals(-1L, KernelArith.dmaBitMask(64));
        assertEquals(48, KernelArith.bitsPer((1L << 48) - 1));
    }
}
