package org.dmascope.model.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.SplittableRandom;

import org.dmascope.model.kernel.iommu.IommuDmaDomain;
import org.dmascope.model.kernel.iommu.ReservedRegion;
import org.dmascope.model.kernel.pagetable.PageTableChanges;
import org.dmascope.model.kernel.trace.MapTrace;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.DmaParameters;
import org.dmascope.model.topology.Topology;
import org.dmascope.model.util.ByteSize;
import org.junit.jupiter.api.Test;

/**
 * Properties over random buffers, layouts and device parameters (fixed seeds): the device is handed
 * exactly the buffer's bytes; live IOVA ranges never overlap each other or a reservation and their
 * page-table entries stay in place; where the kernel promises it, segments respect the max segment
 * size and the segment boundary; unmapping everything leaves the domain and the pool empty.
 */
class MappingPropertiesTest {
    static final P2pMapTypeSource NO_P2P = (p, c) -> {
        throw new AssertionError("host buffers only");
    };
    static final long[] MAX_SEG = {4096, 65536, 0xFFFF_FFFFL};
    static final long[] BOUNDARY = {0xFFFF, 0xF_FFFF, 0xFFFF_FFFFL};
    static final Topology T = Samples.switchP2pServer();
    static final Bdf NIC = Bdf.parse("0000:06:00.0");

    record Case(BufferSpec buffer, MapApi api, IommuMode mode, DmaParameters dma, String text) {
    }

    static Case randomCase(SplittableRandom r, boolean iommu) {
        long size = 1 + r.nextLong(r.nextBoolean() ? 64L << 10 : 4L << 20);
        int layoutPick = r.nextInt(4);
        PageLayout layout;
        switch (layoutPick) {
            case 0:
                layout = PageLayout.contiguous();
                break;
            case 1:
                layout = new PageLayout(PageLayout.Kind.HUGE_2M, r.nextLong(1000), OptionalLong.empty(), null);
                break;
            default:
                layout = PageLayout.scattered(r.nextLong(1_000_000));
        }
        long offset = r.nextInt(8) == 0 ? 0 : r.nextLong(Math.min(layout.unit(), 4096));
        BufferSpec b = new BufferSpec.Host(0, size, offset, layout,
                org.dmascope.model.kernel.dma.DmaDirection.BIDIRECTIONAL);
        MapApi api = MapApi.values()[r.nextInt(MapApi.values().length)];
        IommuMode mode = iommu ? (r.nextBoolean() ? IommuMode.DMA : IommuMode.DMA_FQ) : IommuMode.OFF;
        DmaParameters dma = new DmaParameters(OptionalInt.of(64), OptionalLong.of(MAX_SEG[r.nextInt(3)]),
                OptionalLong.of(BOUNDARY[r.nextInt(3)]), OptionalLong.empty());
        return new Case(b, api, mode, dma, b.spec() + " " + api + " " + mode + " maxseg "
                + ByteSize.format(dma.maxSegmentSize().getAsLong())
                + " boundary 0x" + Long.toHexString(dma.segmentBoundaryMask().getAsLong()));
    }

    static Mapping map(Case c, DmaState state) {
        MapRequest req = MapRequest.builder(T, NIC, c.buffer).api(c.api).iommuMode(c.mode).dma(c.dma)
                .blockPath(BlockPath.MAP_SG).build();
        return new MappingEngine(NO_P2P).map(req, state);
    }

    @Test
    void theDeviceIsHandedExactlyTheBuffer() {
        SplittableRandom r = new SplittableRandom(20240501);
        for (int i = 0; i < 150; i++) {
            Case c = randomCase(r, r.nextBoolean());
            DmaState state = new DmaState();
            Mapping m = map(c, state);
            assertTrue(m.verdict().isOk(), c.text + ": " + m.verdict());
            assertEquals(c.buffer.size(), m.segments().totalLength(), c.text);
            assertEquals(c.buffer.size(), m.phyr().totalBytes(), c.text);
            long inputs = 0;
            for (int k = 0; k < m.inputs().count(); k++) inputs += m.inputs().length(k);
            assertEquals(c.buffer.size(), inputs, c.text);
        }
    }

    @Test
    void segmentsRespectMaxSegmentSizeAndBoundaryWhereTheKernelPromisesIt() {
        SplittableRandom r = new SplittableRandom(77);
        for (int i = 0; i < 150; i++) {
            Case c = randomCase(r, r.nextBoolean());
            long maxSeg0 = c.dma.maxSegmentSize().getAsLong();
            long mask0 = c.dma.segmentBoundaryMask().getAsLong();
            // dma_map_sg keeps an entry inside a boundary window only if the entry fits one: a device whose
            // max segment exceeds its boundary window is misconfigured, and the kernel does not split
            boolean promised = c.api == MapApi.BLOCK || (c.api == MapApi.SG && c.mode.translates() && maxSeg0 <= mask0
                    + 1);
            if (!promised) continue;
            Mapping m = map(c, new DmaState());
            assertTrue(m.verdict().isOk(), c.text);
            DmaSegments s = m.segments();
            long maxSeg = c.dma.maxSegmentSize().getAsLong();
            long mask = c.dma.segmentBoundaryMask().getAsLong();
            for (int k = 0; k < s.count(); k++) {
                long a = s.address(k);
                long end = a + s.length(k) - 1;
                assertTrue(s.length(k) <= maxSeg, c.text + ": segment " + k + " is " + s.length(k) + " bytes");
                assertEquals(a | mask, end | mask, c.text + ": segment " + k + " crosses a segment boundary");
            }
        }
    }

    @Test
    void liveIovaRangesNeverOverlapAndUnmappingEverythingEmptiesTheState() {
        SplittableRandom r = new SplittableRandom(4242);
        DmaState state = new DmaState();
        List<Mapping> live = new ArrayList<>();
        for (int op = 0; op < 400; op++) {
            if (!live.isEmpty() && r.nextInt(3) == 0) {
                Mapping gone = live.remove(r.nextInt(live.size()));
                state.unmap(gone);
            } else {
                Case c = randomCase(r, true);
                Mapping m = map(c, state);
                assertTrue(m.verdict().isOk(), c.text + ": " + m.verdict());
                live.add(m);
            }
            if (r.nextInt(10) == 0) state.flushAll();
            checkNoOverlap(state, live);
        }
        for (Mapping m : live) state.unmap(m);
        state.flushAll();
        assertTrue(state.isEmpty());
        IommuDmaDomain d = state.domain("device " + NIC).orElseThrow();
        assertTrue(d.pageTable().isEmpty());
        assertEquals(d.iovad().cachedPfns().size(), d.iovad().allocatedCount(), "only range-cache entries remain");
        d.iovad().flushRcaches();
        assertTrue(d.iovad().isEmpty());
        assertTrue(state.swiotlb().map(p -> p.isEmpty()).orElse(true));
    }

    private static void checkNoOverlap(DmaState state, List<Mapping> live) {
        IommuDmaDomain d = state.domain("device " + NIC).orElseThrow();
        List<long[]> ranges = new ArrayList<>();
        for (Mapping m : live) {
            assertFalse(m.resources().isEmpty(), m + " holds its IOVA");
            for (MapTrace.IovaAllocation a : m.iovaAllocations()) {
                ranges.add(new long[] {a.iova(), a.iova() + a.pagesAllocated() * 4096 - 1});
            }
            PageTableChanges pt = m.pageTable();
            for (int i = 0; i < pt.leafCount(); i += Math.max(1, pt.leafCount() / 8)) {
                assertEquals(pt.leafPhys(i), d.pageTable().iovaToPhys(pt.leafIova(i)),
                        m + " leaf " + i + " is still mapped");
            }
        }
        ranges.sort((x, y) -> Long.compareUnsigned(x[0], y[0]));
        for (int i = 1; i < ranges.size(); i++) {
            assertTrue(Long.compareUnsigned(ranges.get(i - 1)[1], ranges.get(i)[0]) < 0, "live IOVA ranges overlap");
        }
        for (long[] a : ranges) {
            for (ReservedRegion rr : d.reservedRegions()) {
                assertTrue(Long.compareUnsigned(a[1], rr.start()) < 0 || Long.compareUnsigned(a[0], rr.end()) > 0,
                        "an IOVA overlaps the reservation " + rr.reason());
            }
        }
    }

    @Test
    void swiotlbPoolReturnsToEmptyAfterRandomBounces() {
        Topology t = Samples.noIommu32BitDevice();
        SplittableRandom r = new SplittableRandom(9);
        DmaState state = new DmaState();
        List<Mapping> live = new ArrayList<>();
        for (int op = 0; op < 300; op++) {
            if (!live.isEmpty() && r.nextBoolean()) {
                state.unmap(live.remove(r.nextInt(live.size())));
                continue;
            }
            long size = 1 + r.nextLong(200 << 10);
            BufferSpec b = new BufferSpec.Host(0, size, r.nextLong(4096), PageLayout.scattered(r.nextLong(1000)),
                    org.dmascope.model.kernel.dma.DmaDirection.FROM_DEVICE);
            MapApi api = r.nextBoolean() ? MapApi.SG : MapApi.PHYS;
            Mapping m = new MappingEngine(NO_P2P).map(MapRequest.builder(t, Bdf.parse("0000:00:02.0"), b).api(api)
                    .iommuMode(IommuMode.OFF).build(), state);
            if (m.verdict().isOk()) {
                assertEquals(size, m.segments().totalLength());
                for (int k = 0; k < m.segments().count(); k++) {
                    assertTrue(m.segments().address(k) + m.segments().length(k) <= 1L << 32,
                            "the 32-bit device can reach every segment");
                }
                live.add(m);
            } else {
                assertEquals("SWIOTLB_FULL", m.verdict().code(), b.spec());
            }
        }
        for (Mapping m : live) state.unmap(m);
        assertTrue(state.isEmpty());
        assertEquals(0, state.swiotlb().orElseThrow().used());
    }
}
