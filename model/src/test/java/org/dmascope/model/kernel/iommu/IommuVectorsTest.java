package org.dmascope.model.kernel.iommu;

import static org.dmascope.model.kernel.dma.KernelArith.DMA_MAPPING_ERROR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.dmascope.model.kernel.dma.DeviceDma;
import org.dmascope.model.kernel.dma.DmaDirection;
import org.dmascope.model.kernel.dma.Errno;
import org.dmascope.model.kernel.dma.KernelArith;
import org.dmascope.model.kernel.dma.P2pMapState;
import org.dmascope.model.kernel.dma.P2pProvider;
import org.dmascope.model.kernel.p2p.P2pMapType;
import org.dmascope.model.kernel.pagetable.VtdGeometry;
import org.dmascope.model.kernel.profile.KernelProfile;
import org.dmascope.model.kernel.sg.ScatterList;
import org.dmascope.model.kernel.swiotlb.SwiotlbContext;
import org.dmascope.model.kernel.swiotlb.SwiotlbPool;
import org.dmascope.model.kernel.swiotlb.SwiotlbSizing;
import org.dmascope.model.kernel.trace.MapTrace;
import org.dmascope.model.topology.Bdf;
import org.junit.jupiter.api.Test;

/**
 * Section 3.4 of kernel-dma-rules.md: dma-iommu scatter-gather and IOVA vectors IO-1..IO-15, under the
 * IOMMU defaults of section 3 (fresh DMA domain, 4 KiB granule, 64-bit PCI device trying 32-bit IOVAs
 * first, only the x86 MSI window reserved near 4 GiB): R-IOMMU-6 and R-IOMMU-7 (the two passes of
 * {@code iommu_dma_map_sg}, IO-1..IO-9), R-IOMMU-5 and R-IOMMU-4 ({@code iommu_dma_map_phys} and
 * {@code __iommu_dma_map}, IO-10..IO-12), R-IOMMU-2 and R-IOMMU-3 (IOVA allocation, IO-13, IO-15),
 * R-IOMMU-9 (the two-step API, IO-14), and R-GRP-4 (the lazy domain's flush queue).
 */
class IommuVectorsTest {
    static final KernelProfile MAINLINE = KernelProfile.MAINLINE;
    static final P2pProvider EPB = new P2pProvider(Bdf.parse("04:00.0"), 2, 0x38_0000_0000L, 1L << 30, 0);
    static final ReservedRegion MSI = new ReservedRegion(IovaReservedRegions.MSI_RANGE_START,
            IovaReservedRegions.MSI_RANGE_END, "MSI");

    static IommuDmaDomain domain() {
        return domain(new VtdGeometry(48, false));
    }

    static IommuDmaDomain domain(VtdGeometry g) {
        IommuDmaDomain d = new IommuDmaDomain("test", g, DmaDomainType.DMA, 0);
        d.attach("dev", List.of(MSI));
        return d;
    }

    static DeviceDma dev() {
        return DeviceDma.pciDefaults64();
    }

    static IommuDeviceState pci() {
        return new IommuDeviceState(true, false);
    }

    static IommuMapSg.Result mapSg(IommuDmaDomain d, ScatterList sg, DeviceDma dev, P2pMapType type) {
        return IommuMapSg.map(sg, d, dev, pci(), DmaDirection.BIDIRECTIONAL, SwiotlbContext.NONE,
                new P2pMapState(i -> type),
                i -> EPB, MAINLINE, new MapTrace());
    }

    static ScatterList pages(long... phys) {
        ScatterList sg = new ScatterList(phys.length);
        for (long p : phys) sg.add(p, 0, 0x1000, ScatterList.NO_PROVIDER);
        return sg;
    }

    static void assertSeg(ScatterList sg, int i, long addr, long len) {
        assertEquals(addr, sg.dmaAddress(i), "segment " + i + " address");
        assertEquals(len, sg.dmaLength(i), "segment " + i + " length");
    }

    @Test
    void io1_unalignedEntryTakesTwoGranulesAndKeepsItsOffset() {
        IommuDmaDomain d = domain();
        ScatterList sg = new ScatterList(1);
        sg.add(0x1_0000_0000L, 0x200, 0x1000, ScatterList.NO_PROVIDER);
        IommuMapSg.Result r = mapSg(d, sg, dev(), P2pMapType.NONE);
        assertEquals(1, r.result().count());
        assertEquals(0xFFFF_E000L, r.iova().iova());
        assertEquals(0x2000, r.iova().length());
        assertEquals(0x1_0000_0000L, d.pageTable().iovaToPhys(0xFFFF_E000L));
        assertEquals(0x1_0000_1000L, d.pageTable().iovaToPhys(0xFFFF_F000L));
        assertSeg(sg, 0, 0xFFFF_E200L, 0x1000);
        assertEquals(0x200, sg.offset(0), "the caller's offset is restored");
    }

    @Test
    void io2_discontiguousPagesBecomeOneSegment() {
        IommuDmaDomain d = domain();
        ScatterList sg = pages(0x1_0000_0000L, 0x2_0000_0000L, 0x3_0000_0000L);
        IommuMapSg.Result r = mapSg(d, sg, dev(), P2pMapType.NONE);
        assertEquals(0xFFFF_C000L, r.iova().iova(), "3 pages round to 4, aligned to 4");
        assertEquals(1, r.result().count());
        assertSeg(sg, 0, 0xFFFF_C000L, 0x3000);
        assertEquals(0x3_0000_0000L, d.pageTable().iovaToPhys(0xFFFF_E000L));
    }

    @Test
    void io3_maxSegmentSizeStopsTheMerge() {
        ScatterList sg = pages(0x1_0000_0000L, 0x2_0000_0000L, 0x3_0000_0000L);
        IommuMapSg.Result r = mapSg(domain(), sg, dev().withMaxSegSize(0x1000), P2pMapType.NONE);
        assertEquals(3, r.result().count());
        assertSeg(sg, 0, 0xFFFF_C000L, 0x1000);
        assertSeg(sg, 1, 0xFFFF_D000L, 0x1000);
        assertSeg(sg, 2, 0xFFFF_E000L, 0x1000);
    }

    @Test
    void io4_entryNotEndingOnAGranuleClosesTheSegment() {
        ScatterList sg = new ScatterList(2);
        sg.add(0x1_0000_0000L, 0, 0x800, ScatterList.NO_PROVIDER);
        sg.add(0x2_0000_0000L, 0, 0x1000, ScatterList.NO_PROVIDER);
        IommuMapSg.Result r = mapSg(domain(), sg, dev(), P2pMapType.NONE);
        assertEquals(0xFFFF_E000L, r.iova().iova());
        assertEquals(2, r.result().count());
        assertSeg(sg, 0, 0xFFFF_E000L, 0x800);
        assertSeg(sg, 1, 0xFFFF_F000L, 0x1000);
    }

    @Test
    void io5_entryStartingMidGranuleStartsANewSegment() {
        ScatterList sg = new ScatterList(2);
        sg.add(0x1_0000_0000L, 0, 0x1000, ScatterList.NO_PROVIDER);
        sg.add(0x2_0000_0000L, 0x800, 0x800, ScatterList.NO_PROVIDER);
        IommuMapSg.Result r = mapSg(domain(), sg, dev(), P2pMapType.NONE);
        assertEquals(0xFFFF_E000L, r.iova().iova());
        assertEquals(2, r.result().count());
        assertSeg(sg, 0, 0xFFFF_E000L, 0x1000);
        assertSeg(sg, 1, 0xFFFF_F800L, 0x800);
    }

    @Test
    void io6_segmentBoundaryPadsThePreviousEntry() {
        ScatterList sg = new ScatterList(2);
        sg.add(0x1_0000_0000L, 0, 0xF000, ScatterList.NO_PROVIDER);
        sg.add(0x2_0000_0000L, 0, 0x2000, ScatterList.NO_PROVIDER);
        IommuMapSg.Result r = mapSg(domain(), sg, dev().withSegBoundaryMask(0xFFFF), P2pMapType.NONE);
        assertEquals(0x12000, r.iova().length(), "0x1000 of padding joins the first entry");
        assertEquals(0xFFFE_0000L, r.iova().iova(), "18 pages round to 32");
        assertEquals(2, r.result().count());
        assertSeg(sg, 0, 0xFFFE_0000L, 0xF000);
        assertSeg(sg, 1, 0xFFFF_0000L, 0x2000);
    }

    @Test
    void io7_busAddressEntryUsesNoIova() {
        ScatterList sg = new ScatterList(3);
        sg.add(0x1_0000_0000L, 0, 0x1000, ScatterList.NO_PROVIDER);
        sg.add(0x38_0000_2000L, 0, 0x1000, 0);
        sg.add(0x2_0000_0000L, 0, 0x1000, ScatterList.NO_PROVIDER);
        IommuMapSg.Result r = mapSg(domain(), sg, dev(), P2pMapType.BUS_ADDR);
        assertEquals(0xFFFF_E000L, r.iova().iova());
        assertEquals(0x2000, r.iova().length());
        assertEquals(3, r.result().count());
        assertSeg(sg, 0, 0xFFFF_E000L, 0x1000);
        assertSeg(sg, 1, 0x38_0000_2000L, 0x1000);
        assertTrue(sg.isBusAddress(1));
        assertFalse(sg.isBusAddress(0));
        assertSeg(sg, 2, 0xFFFF_F000L, 0x1000);
    }

    @Test
    void io8_onlyBusAddressesNeedNoIovaAtAll() {
        IommuDmaDomain d = domain();
        ScatterList sg = new ScatterList(2);
        sg.add(0x38_0000_2000L, 0, 0x1000, 0);
        sg.add(0x38_0001_0000L, 0, 0x1000, 0);
        IommuMapSg.Result r = mapSg(d, sg, dev(), P2pMapType.BUS_ADDR);
        assertNull(r.iova());
        assertEquals(2, r.result().count());
        assertSeg(sg, 0, 0x38_0000_2000L, 0x1000);
        assertSeg(sg, 1, 0x38_0001_0000L, 0x1000);
        assertTrue(sg.isBusAddress(0) && sg.isBusAddress(1));
        assertTrue(d.pageTable().isEmpty());
    }

    @Test
    void io8_busAddressLengthIsTheFirstEntrysInV616AndItsOwnBefore() {
        ScatterList sg = new ScatterList(2);
        sg.add(0x38_0000_2000L, 0, 0x1000, 0);
        sg.add(0x38_0001_0000L, 0, 0x3000, 0);
        IommuMapSg.map(sg, domain(), dev(), pci(), DmaDirection.BIDIRECTIONAL, SwiotlbContext.NONE,
                new P2pMapState(i -> P2pMapType.BUS_ADDR), i -> EPB, MAINLINE, new MapTrace());
        assertEquals(0x1000, sg.dmaLength(1), "sg_dma_len(s) = sg->length: the first entry's length");
        ScatterList old = new ScatterList(2);
        old.add(0x38_0000_2000L, 0, 0x1000, 0);
        old.add(0x38_0001_0000L, 0, 0x3000, 0);
        IommuMapSg.map(old, domain(), dev(), pci(), DmaDirection.BIDIRECTIONAL, SwiotlbContext.NONE,
                new P2pMapState(i -> P2pMapType.BUS_ADDR), i -> EPB, KernelProfile.V5_15, new MapTrace());
        assertEquals(0x3000, old.dmaLength(1));
    }

    @Test
    void io9_thruHostBridgePageGetsAnIovaForItsCpuAddress() {
        IommuDmaDomain d = domain();
        ScatterList sg = new ScatterList(1);
        sg.add(0x38_0000_2000L, 0, 0x1000, 0);
        IommuMapSg.Result r = mapSg(d, sg, dev(), P2pMapType.THRU_HOST_BRIDGE);
        assertSeg(sg, 0, 0xFFFF_F000L, 0x1000);
        assertFalse(sg.isBusAddress(0));
        assertEquals(0x38_0000_2000L, d.pageTable().iovaToPhys(0xFFFF_F000L));
        assertEquals(1, r.result().count());
    }

    @Test
    void io9_notSupportedFailsWithEremoteioAndRestoresTheList() {
        IommuDmaDomain d = domain();
        ScatterList sg = new ScatterList(2);
        sg.add(0x1_0000_0000L, 0x200, 0x800, ScatterList.NO_PROVIDER);
        sg.add(0x38_0000_2000L, 0, 0x1000, 0);
        IommuMapSg.Result r = mapSg(d, sg, dev(), P2pMapType.NOT_SUPPORTED);
        assertEquals(Errno.EREMOTEIO, r.result().error());
        assertEquals(0x200, sg.offset(0));
        assertEquals(0x800, sg.length(0));
        assertTrue(d.iovad().isEmpty());
    }

    @Test
    void io10_untrustedDeviceBouncesIntoWholeGranules() {
        IommuDmaDomain d = domain();
        SwiotlbPool pool = new SwiotlbPool(new SwiotlbSizing(0x5000_0000L, 32768, 1, false));
        SwiotlbContext tlb = new SwiotlbContext(pool, false, 0, false);
        ScatterList sg = new ScatterList(1);
        sg.add(0x1_2345_6000L, 0x100, 0x200, ScatterList.NO_PROVIDER);
        MapTrace trace = new MapTrace();
        IommuMapSg.Result r = IommuMapSg.map(sg, d, dev().withUntrusted(true), pci(), DmaDirection.BIDIRECTIONAL, tlb,
                new P2pMapState(i -> P2pMapType.NONE), i -> EPB, MAINLINE, trace);
        assertEquals(1, r.result().count());
        assertTrue(sg.isSwiotlb());
        assertEquals(0x5000_0000L, trace.bounces().get(0).tlbAddr(), "offset not kept: min align mask is 0");
        assertEquals(2, trace.bounces().get(0).nslots());
        assertSeg(sg, 0, 0xFFFF_F000L, 0x200);
        assertEquals(0x5000_0000L, d.pageTable().iovaToPhys(0xFFFF_F000L));
    }

    @Test
    void io11_fortyPagesAreNotRoundedButAlignedTo64() {
        IommuDmaDomain d = domain();
        long dma = IommuMapPhys.map(d, dev(), pci(), 0x1_0000_0000L, 0x28000, DmaDirection.TO_DEVICE, false,
                SwiotlbContext.NONE,
                MAINLINE, new MapTrace());
        assertEquals(0xFFFC_0000L, dma);
        assertEquals(0xFFFE7L, d.iovad().find(0xFFFC0).pfnHi(), "40 pages, not 64");
    }

    @Test
    void io12_nextAllocationStartsBelowTheCachedNode() {
        IommuDmaDomain d = domain();
        IommuMapPhys.map(d, dev(), pci(), 0x1_0000_0000L, 0x28000, DmaDirection.TO_DEVICE, false, SwiotlbContext.NONE,
                MAINLINE,
                new MapTrace());
        long dma = IommuMapPhys.map(d, dev(), pci(), 0x2_0000_0000L, 0x1000, DmaDirection.TO_DEVICE, false,
                SwiotlbContext.NONE,
                MAINLINE, new MapTrace());
        assertEquals(0xFFFB_F000L, dma, "the 24-page hole above is not reused");
    }

    @Test
    void io13_exhausted32BitSpaceFallsBackAboveAndStaysThere() {
        IommuDmaDomain d = domain();
        d.attach("filler", List.of(new ReservedRegion(0, 0xFFFF_FFFFL, "32-bit space taken")));
        IommuDeviceState st = pci();
        MapTrace trace = new MapTrace();
        long dma = IommuMapPhys.map(d, dev(), st, 0x1_0000_0000L, 0x1000, DmaDirection.TO_DEVICE, false,
                SwiotlbContext.NONE, MAINLINE,
                trace);
        assertEquals(0xFFFF_FFFF_F000L, dma, "second-stage 48-bit aperture");
        assertFalse(st.pci32bitWorkaround(), "sticky since v6.4");
        assertEquals("Using 48-bit DMA addresses", trace.kernelLog().get(0),
                "bits_per(dma_limit) after the aperture clamp");

        IommuDmaDomain first = domain(new VtdGeometry(48, true));
        first.attach("filler", List.of(new ReservedRegion(0, 0xFFFF_FFFFL, "32-bit space taken")));
        long fs = IommuMapPhys.map(first, dev(), pci(), 0x1_0000_0000L, 0x1000, DmaDirection.TO_DEVICE, false,
                SwiotlbContext.NONE,
                MAINLINE, new MapTrace());
        assertEquals(0x7FFF_FFFF_F000L, fs, "first-stage aperture 2^47 - 1");

        IommuDeviceState old = pci();
        IommuMapPhys.map(d, dev(), old, 0x1_0000_0000L, 0x1000, DmaDirection.TO_DEVICE, false, SwiotlbContext.NONE,
                KernelProfile.V6_1, new MapTrace());
        assertTrue(old.pci32bitWorkaround(), "6.1 (before the v6.4 boundary) retries below 4 GiB every time");
        IommuDeviceState at = pci();
        IommuMapPhys.map(d, dev(), at, 0x1_0000_0000L, 0x1000, DmaDirection.TO_DEVICE, false, SwiotlbContext.NONE,
                KernelProfile.V6_6, new MapTrace());
        assertFalse(at.pci32bitWorkaround(), "6.6 (after v6.4) gives up on the 32-bit space for good");
    }

    @Test
    void io14_twoStepApiLinksRangesIntoOneIovaRange() {
        IommuDmaDomain d = domain();
        IovaTwoStep.State s = new IovaTwoStep.State();
        assertTrue(IovaTwoStep.tryAlloc(d, dev(), pci(), s, 0x1_0000_0200L, 0x3000, MAINLINE, new MapTrace()));
        assertEquals(0xFFFF_C200L, s.addr());
        assertEquals(0x3000, s.size());
        assertNull(IovaTwoStep.link(d, dev(), s, 0x1_0000_0200L, 0, 0xE00, DmaDirection.TO_DEVICE, false,
                SwiotlbContext.NONE,
                new MapTrace()));
        assertNull(IovaTwoStep.link(d, dev(), s, 0x2_0000_0000L, 0xE00, 0x2000, DmaDirection.TO_DEVICE, false,
                SwiotlbContext.NONE,
                new MapTrace()));
        IovaTwoStep.sync(s);
        assertEquals(0x2E00, s.linked());
        assertEquals(0x1_0000_0000L, d.pageTable().iovaToPhys(0xFFFF_C000L));
        assertEquals(0x2_0000_0000L, d.pageTable().iovaToPhys(0xFFFF_D000L));
        assertEquals(0x2_0000_1000L, d.pageTable().iovaToPhys(0xFFFF_E000L));
        assertEquals(Errno.EIO, IovaTwoStep.link(d, dev(), s, 0x3_0000_0100L, 0x2E00, 0x100, DmaDirection.TO_DEVICE,
                false,
                SwiotlbContext.NONE, new MapTrace()));
        assertFalse(IovaTwoStep.tryAlloc(null, dev(), pci(), new IovaTwoStep.State(), 0x1_0000_0000L, 0x1000, MAINLINE,
                new MapTrace()),
                "dma-direct: no IOVA");
    }

    @Test
    void io15_thirtyTwoBitDeviceNeverFallsBackAbove4GiB() {
        IommuDmaDomain d = domain();
        IommuDeviceState st = pci();
        DeviceDma dev32 = dev().withMask(KernelArith.dmaBitMask(32));
        ScatterList sg = pages(0x1_0000_0000L);
        IommuMapSg.Result r = IommuMapSg.map(sg, d, dev32, st, DmaDirection.BIDIRECTIONAL, SwiotlbContext.NONE,
                new P2pMapState(i -> P2pMapType.NONE), i -> EPB, MAINLINE, new MapTrace());
        assertEquals(0xFFFF_F000L, r.iova().iova());
        assertTrue(st.pci32bitWorkaround(), "the 32-bit-first attempt only runs for limits above 4 GiB");

        IommuDmaDomain full = domain();
        full.attach("filler", List.of(new ReservedRegion(0, 0xFFFF_FFFFL, "32-bit space taken")));
        IommuMapSg.Result fail = IommuMapSg.map(pages(0x1_0000_0000L), full, dev32, pci(), DmaDirection.BIDIRECTIONAL,
                SwiotlbContext.NONE, new P2pMapState(i -> P2pMapType.NONE), i -> EPB, MAINLINE, new MapTrace());
        assertEquals(Errno.ENOMEM, fail.result().error());
    }

    @Test
    void strictUnmapFreesIntoTheRangeCacheAndTheSameIovaComesBack() {
        IommuDmaDomain d = domain();
        long dma = IommuMapPhys.map(d, dev(), pci(), 0x1_0000_0000L, 0x1000, DmaDirection.TO_DEVICE, false,
                SwiotlbContext.NONE,
                MAINLINE, new MapTrace());
        IommuDmaUnmap.Result u = IommuDmaUnmap.unmap(d, dma, 0x1000);
        assertFalse(u.queued());
        assertEquals(1, u.leafEntriesCleared());
        assertEquals(List.of(0xFFFFFL), d.iovad().cachedPfns());
        MapTrace trace = new MapTrace();
        long again = IommuMapPhys.map(d, dev(), pci(), 0x2_0000_0000L, 0x1000, DmaDirection.TO_DEVICE, false,
                SwiotlbContext.NONE,
                MAINLINE, trace);
        assertEquals(dma, again);
        assertTrue(trace.iovas().get(0).fromRangeCache());
    }

    @Test
    void lazyUnmapKeepsTheIovaInTheFlushQueueUntilAFlush() {
        IommuDmaDomain d = new IommuDmaDomain("lazy", new VtdGeometry(48, false), DmaDomainType.DMA_FQ, 0);
        d.attach("dev", List.of(MSI));
        long dma = IommuMapPhys.map(d, dev(), pci(), 0x1_0000_0000L, 0x1000, DmaDirection.TO_DEVICE, false,
                SwiotlbContext.NONE,
                MAINLINE, new MapTrace());
        IommuDmaUnmap.Result u = IommuDmaUnmap.unmap(d, dma, 0x1000);
        assertTrue(u.queued());
        assertTrue(d.pageTable().isEmpty(), "page-table entries are cleared at once");
        assertEquals(1, d.flushQueue().entries().size());
        long next = IommuMapPhys.map(d, dev(), pci(), 0x2_0000_0000L, 0x1000, DmaDirection.TO_DEVICE, false,
                SwiotlbContext.NONE,
                MAINLINE, new MapTrace());
        assertNotEquals(dma, next, "a queued IOVA is not reused before the flush");
        assertEquals(1, d.flush());
        assertTrue(d.flushQueue().isEmpty());
        assertEquals(List.of(0xFFFFFL), d.iovad().cachedPfns());
    }

    @Test
    void fullFlushQueueFlushesBeforeQueueingMore() {
        IommuDmaDomain d = new IommuDmaDomain("lazy", new VtdGeometry(48, false), DmaDomainType.DMA_FQ, 0);
        d.attach("dev", List.of(MSI));
        long[] iova = new long[FlushQueue.IOVA_DEFAULT_FQ_SIZE];
        for (int i = 0; i < iova.length; i++) {
            iova[i] = IommuMapPhys.map(d, dev(), pci(), 0x1_0000_0000L + i * 0x1000L, 0x1000, DmaDirection.TO_DEVICE,
                    false,
                    SwiotlbContext.NONE, MAINLINE, new MapTrace());
            assertNotEquals(DMA_MAPPING_ERROR, iova[i]);
        }
        boolean forced = false;
        for (long a : iova) forced |= IommuDmaUnmap.unmap(d, a, 0x1000).queueFlushed();
        assertTrue(forced, "the 256th entry does not fit: the queue flushes itself");
        assertEquals(1, d.flushQueue().entries().size());
    }
}
