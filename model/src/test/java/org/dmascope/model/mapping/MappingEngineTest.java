package org.dmascope.model.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dmascope.model.kernel.p2p.P2pMapType;
import org.dmascope.model.kernel.pagetable.PageTableChanges;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.Topology;
import org.junit.jupiter.api.Test;

/** The engine end to end on the shipped sample and on machines built in code (issue 5, done-when). */
class MappingEngineTest {
    static final P2pMapTypeSource NO_P2P = (p, c) -> {
        throw new AssertionError("no P2P buffer in this test");
    };

    static Mapping map(Topology t, String initiator, String spec, MapApi api, IommuMode mode, DmaState state,
            P2pMapTypeSource src) {
        MapRequest req = MapRequest.builder(t, Bdf.parse(initiator), BufferSpecParser.parse(spec)).api(api)
                .iommuMode(mode).build();
        return new MappingEngine(src).map(req, state);
    }

    @Test
    void hostBufferThroughTheIommuGivesMergedIovaSegmentsAndTheirPageTableEntries() {
        Topology t = Samples.switchP2pServer();
        DmaState state = new DmaState();
        Mapping m = map(t, "0000:06:00.0", "host:node0:1MiB:scattered:seed=7", MapApi.SG, IommuMode.DMA_FQ, state,
                NO_P2P);
        assertTrue(m.verdict().isOk(), m.verdict().toString());
        assertEquals(P2pMapType.NONE, m.mapType());
        DmaSegments s = m.segments();
        assertEquals(1, s.count(), "the NIC's 2 GiB max segment lets the whole contiguous IOVA range merge");
        assertEquals(1L << 20, s.totalLength());
        assertTrue(s.has(0, DmaSegments.IOVA));
        assertEquals(0xFFF0_0000L, s.address(0), "256 pages, aligned down from 4 GiB below the MSI window");
        PageTableChanges pt = m.pageTable();
        assertEquals(256, pt.leafCount());
        assertTrue(m.inputs().count() > 1, "scattered pages give several scatterlist entries");
        assertEquals(m.inputs().count(), s.inputCount(0));
        for (int i = 0; i < pt.leafCount(); i++) {
            assertEquals(4096, pt.leafSize(i));
            assertEquals(1, pt.leafLevel(i));
            assertEquals(m.pinned().page(i), pt.leafPhys(i), "leaf " + i + " points at the buffer's page " + i);
            assertEquals(4, pt.walk(i).size(), "VT-d 48-bit: levels 4..1");
        }
        assertTrue(m.steps().stream().anyMatch(st -> st.kind() == StepKind.PAGE_TABLE));
        Mapping next = map(t, "0000:06:00.0", "host:node0:4KiB", MapApi.SG, IommuMode.DMA_FQ, state, NO_P2P);
        assertEquals(0xFFEF_F000L, next.segments().address(0), "the next IOVA comes from below the first range");
    }

    @Test
    void secondMappingLandsBelowTheFirstAndUnmapFreesEverything() {
        Topology t = Samples.switchP2pServer();
        DmaState state = new DmaState();
        Mapping a = map(t, "0000:06:00.0", "host:node0:64KiB:contiguous", MapApi.SG, IommuMode.DMA, state, NO_P2P);
        Mapping b = map(t, "0000:06:00.0", "host:node0:64KiB:contiguous:seed=2", MapApi.SG, IommuMode.DMA, state,
                NO_P2P);
        assertEquals(0xFFFF_0000L, a.segments().address(0));
        assertEquals(0xFFFE_0000L, b.segments().address(0));
        assertEquals(2, state.liveMappings("device 0000:06:00.0").size());
        UnmapResult ua = state.unmap(a);
        assertEquals(16, ua.leafEntriesCleared());
        assertEquals(1, ua.iovaFreed());
        state.unmap(b);
        assertTrue(state.isEmpty());
    }

    @Test
    void lazyDomainKeepsUnmappedIovaQueuedUntilAFlush() {
        Topology t = Samples.switchP2pServer();
        DmaState state = new DmaState();
        Mapping a = map(t, "0000:06:00.0", "host:node0:8KiB", MapApi.PHYS, IommuMode.DMA_FQ, state, NO_P2P);
        UnmapResult u = state.unmap(a);
        assertEquals(1, u.iovaQueued());
        assertFalse(state.isEmpty(), "the IOVA waits in the flush queue");
        Mapping b = map(t, "0000:06:00.0", "host:node0:8KiB", MapApi.PHYS, IommuMode.DMA_FQ, state, NO_P2P);
        assertTrue(b.segments().address(0) < a.segments().address(0), "queued IOVA is not reused");
        state.unmap(b);
        assertEquals(2, state.flush("device 0000:06:00.0"));
        assertTrue(state.isEmpty());
    }

    @Test
    void thirtyTwoBitDeviceWithoutIommuBouncesThroughSwiotlb() {
        Topology t = Samples.noIommu32BitDevice();
        DmaState state = new DmaState();
        Mapping m = map(t, "0000:00:02.0", "host:node0:16KiB:contiguous:at=0x200000000", MapApi.SG, IommuMode.OFF,
                state, NO_P2P);
        assertTrue(m.verdict().isOk(), m.verdict().toString());
        assertEquals(1, m.segments().count());
        assertTrue(m.segments().has(0, DmaSegments.SWIOTLB));
        assertEquals(0x7000_0000L, m.segments().address(0), "the bounce buffer at the pool start, below 4 GiB");
        assertEquals(1, m.swiotlb().size());
        assertEquals(8, m.swiotlb().get(0).nslots());
        assertEquals(PageTableChanges.NONE, m.pageTable());
        assertTrue(m.steps().stream().anyMatch(s -> s.kind() == StepKind.SWIOTLB && s.ruleId().contains("R-TLB-4")));
        state.unmap(m);
        assertTrue(state.isEmpty());
    }

    @Test
    void oversizedBounceIsSwiotlbFull() {
        Topology t = Samples.noIommu32BitDevice();
        Mapping m = map(t, "0000:00:02.0", "host:node0:300KiB:contiguous:at=0x200000000", MapApi.PHYS, IommuMode.OFF,
                new DmaState(),
                NO_P2P);
        assertEquals("SWIOTLB_FULL", m.verdict().code());
        assertTrue(m.kernelLog().get(0).startsWith("swiotlb buffer is full"));
    }

    @Test
    void busAddressP2pBufferGivesBusSegmentsWithNoIova() {
        Topology t = Samples.switchP2pServer();
        DmaState state = new DmaState();
        P2pMapTypeSource busAddr = (provider, client) -> {
            assertEquals(Bdf.parse("0000:05:00.0"), provider.address());
            assertEquals(Bdf.parse("0000:06:00.0"), client.address());
            return P2pMapType.BUS_ADDR;
        };
        Mapping m = map(t, "0000:06:00.0", "bar:0000:05:00.0:2:offset=0x2000:64KiB", MapApi.SG, IommuMode.DMA_FQ, state,
                busAddr);
        assertTrue(m.verdict().isOk());
        assertEquals(P2pMapType.BUS_ADDR, m.mapType());
        assertEquals(1, m.segments().count());
        assertEquals(0x38_4000_2000L, m.segments().address(0), "x86: bus address = CPU address (BA-1)");
        assertTrue(m.segments().has(0, DmaSegments.BUS));
        assertFalse(m.segments().has(0, DmaSegments.IOVA));
        assertEquals(0, m.pageTable().leafCount());
        assertTrue(m.iovaAllocations().isEmpty());
        assertTrue(state.domain("device 0000:06:00.0").orElseThrow().iovad().isEmpty());
    }

    @Test
    void notSupportedP2pIsEremoteio() {
        Topology t = Samples.switchP2pServer();
        DmaState state = new DmaState();
        Mapping m = map(t, "0000:07:00.0", "bar:0000:05:00.0:2:64KiB", MapApi.SG, IommuMode.DMA, state, (p,
                c) -> P2pMapType.NOT_SUPPORTED);
        assertEquals("EREMOTEIO", m.verdict().code());
        assertTrue(m.verdict().kernelReturn().contains("-EREMOTEIO"));
        assertTrue(state.isEmpty());
        assertTrue(state.liveMappings().isEmpty());
    }

    @Test
    void ba2_offsetWindowGivesABusAddressBelowTheCpuAddress() {
        Topology t = Samples.offsetWindowMachine();
        Mapping m = map(t, "0000:01:00.1", "bar:0000:01:00.0:2:offset=0x3000:4KiB", MapApi.SG, IommuMode.DMA,
                new DmaState(),
                (p, c) -> P2pMapType.BUS_ADDR);
        assertEquals(-0x40_0000_0000L, m.pinned().provider().busOffset());
        assertEquals(0x1000_3000L, m.segments().address(0));
        assertTrue(m.segments().has(0, DmaSegments.BUS));
    }

    @Test
    void ba4_windowInBusSpaceIsReservedSoIovasAvoidIt() {
        Topology t = Samples.offsetWindowMachine();
        DmaState state = new DmaState();
        Mapping m = map(t, "0000:01:00.1", "host:node0:4KiB", MapApi.SG, IommuMode.DMA, state, NO_P2P);
        assertTrue(Long.compareUnsigned(m.segments().address(0), 0xFFFF_FFFFL) > 0,
                "bus 0..4 GiB is the window: the 32-bit attempt fails and the IOVA lands above");
        assertTrue(m.kernelLog().contains("Using 48-bit DMA addresses"));
    }

    @Test
    void everyApiMapsTheWholeBuffer() {
        Topology t = Samples.switchP2pServer();
        for (MapApi api : MapApi.values()) {
            for (IommuMode mode : new IommuMode[] {IommuMode.DMA, IommuMode.OFF}) {
                DmaState state = new DmaState();
                Mapping m = map(t, "0000:07:00.0", "host:node0:300KiB:scattered:seed=3:offset=0x200", api, mode, state,
                        NO_P2P);
                assertTrue(m.verdict().isOk(), api + " " + mode + ": " + m.verdict());
                assertEquals(300 * 1024, m.segments().totalLength(), api + " " + mode);
                assertNotNull(m.cost());
                state.unmap(m);
                state.flushAll();
                assertTrue(state.isEmpty(), api + " " + mode);
            }
        }
    }

    @Test
    void versionDifferencesAreNarrated() {
        Topology t = Samples.switchP2pServer();
        MapRequest v70 = MapRequest.builder(t, Bdf.parse("0000:06:00.0"),
                BufferSpecParser.parse("bar:0000:05:00.0:2:4KiB"))
                .iommuMode(IommuMode.OFF).profile(org.dmascope.model.kernel.profile.KernelProfile.V7_0).build();
        Mapping m = new MappingEngine((p, c) -> P2pMapType.THRU_HOST_BRIDGE).map(v70, new DmaState());
        assertTrue(m.segments().has(0, DmaSegments.UNSET), "7.0 dma-direct leaves the address unset");
        Step last = m.steps().get(m.steps().size() - 1);
        assertEquals("Version-specific behaviour and assumptions", last.title());
        assertTrue(last.narration().contains("6.16-7.0"), last.narration());
        Mapping newest = map(t, "0000:06:00.0", "bar:0000:05:00.0:2:4KiB", MapApi.SG, IommuMode.OFF, new DmaState(),
                (p, c) -> P2pMapType.THRU_HOST_BRIDGE);
        assertFalse(newest.segments().has(0, DmaSegments.UNSET), "mainline (7.4) has the 7.1 fix");

        MapRequest old = MapRequest.builder(t, Bdf.parse("0000:06:00.0"),
                BufferSpecParser.parse("bar:0000:05:00.0:2:4KiB"))
                .iommuMode(IommuMode.OFF).profile(org.dmascope.model.kernel.profile.KernelProfile.V5_15).build();
        Mapping m515 = new MappingEngine((p, c) -> P2pMapType.THRU_HOST_BRIDGE).map(old, new DmaState());
        assertEquals(0x38_4000_0000L, m515.segments().address(0), "5.15 maps the CPU physical address");
        assertFalse(m515.segments().has(0, DmaSegments.UNSET));
    }

    @Test
    void unknownInitiatorOrNodeIsAClearError() {
        Topology t = Samples.switchP2pServer();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> map(t, "0000:09:00.0", "host:node0:4KiB", MapApi.SG, IommuMode.DMA, new DmaState(), NO_P2P));
        assertTrue(e.getMessage().contains("not in the topology"));
        e = assertThrows(IllegalArgumentException.class,
                () -> map(t, "0000:06:00.0", "host:node3:4KiB", MapApi.SG, IommuMode.DMA, new DmaState(), NO_P2P));
        assertTrue(e.getMessage().contains("NUMA node 3"));
        e = assertThrows(IllegalArgumentException.class,
                () -> map(t, "0000:06:00.0", "bar:0000:04:00.0:1:4KiB", MapApi.SG, IommuMode.DMA, new DmaState(),
                        NO_P2P));
        assertTrue(e.getMessage().contains("pci_p2pdma_add_resource"), e.getMessage());
    }
}
