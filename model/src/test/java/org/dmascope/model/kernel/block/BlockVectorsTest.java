package org.dmascope.model.kernel.block;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.dmascope.model.kernel.DmaApi;
import org.dmascope.model.kernel.dma.DeviceDma;
import org.dmascope.model.kernel.dma.DmaDirection;
import org.dmascope.model.kernel.dma.P2pMapState;
import org.dmascope.model.kernel.dma.P2pProvider;
import org.dmascope.model.kernel.dma.SegmentCollector;
import org.dmascope.model.kernel.iommu.DmaDomainType;
import org.dmascope.model.kernel.iommu.IommuDeviceState;
import org.dmascope.model.kernel.iommu.IommuDmaDomain;
import org.dmascope.model.kernel.iommu.IovaReservedRegions;
import org.dmascope.model.kernel.iommu.ReservedRegion;
import org.dmascope.model.kernel.p2p.P2pMapType;
import org.dmascope.model.kernel.pagetable.VtdGeometry;
import org.dmascope.model.kernel.profile.KernelProfile;
import org.dmascope.model.kernel.sg.ScatterList;
import org.dmascope.model.kernel.swiotlb.SwiotlbContext;
import org.dmascope.model.kernel.trace.MapTrace;
import org.dmascope.model.topology.Bdf;
import org.junit.jupiter.api.Test;

/**
 * Section 3.10 of kernel-dma-rules.md, block part: BLK-1..BLK-6 on R-BLK-1 (queue limits), R-BLK-2
 * (segment size at an address), R-BLK-3 (virt-boundary gaps), R-BLK-4 (bio splitting), R-BLK-5
 * (physical merging), R-BLK-6 ({@code blk_map_iter_next}, {@code __blk_rq_map_sg}) and R-BLK-7 (the
 * DMA iterator).
 */
class BlockVectorsTest {
    static final P2pProvider EPB = new P2pProvider(Bdf.parse("04:00.0"), 2, 0x38_0000_0000L, 1L << 30, 0);

    static QueueLimits defaults() {
        return QueueLimits.validate(0, 0, 0, 0, 0, 0, 0);
    }

    static QueueLimits nvme() {
        return QueueLimits.validate(127, 0, 0, 0xFFF, 3, 512, 256);
    }

    static Bvecs vecs(long... addrLen) {
        Bvecs v = new Bvecs(addrLen.length / 2);
        for (int i = 0; i < addrLen.length; i += 2) v.add(addrLen[i], addrLen[i + 1], -1);
        return v;
    }

    static DmaApi api(boolean iommu) {
        IommuDmaDomain d = null;
        if (iommu) {
            d = new IommuDmaDomain("blk", new VtdGeometry(48, false), DmaDomainType.DMA, 0);
            d.attach("dev", List.of(new ReservedRegion(IovaReservedRegions.MSI_RANGE_START,
                    IovaReservedRegions.MSI_RANGE_END, "MSI")));
        }
        return new DmaApi(DeviceDma.pciDefaults64(), DmaDirection.FROM_DEVICE, SwiotlbContext.NONE, d,
                new IommuDeviceState(true, false), KernelProfile.MAINLINE, new MapTrace());
    }

    static void assertSeg(SegmentCollector c, int i, long addr, long len) {
        assertEquals(addr, c.addr(i), "segment " + i + " address");
        assertEquals(len, c.len(i), "segment " + i + " length");
    }

    @Test
    void blk1_contiguousVectorsMergeIntoOneEntry() {
        ScatterList sg = BlkMapIter.mapSg(vecs(0x1_0000_0000L, 0x1000, 0x1_0000_1000L, 0x1000), defaults());
        assertEquals(1, sg.nents());
        assertEquals(0x1_0000_0000L, sg.phys(0));
        assertEquals(0x2000, sg.length(0));
    }

    @Test
    void blk2_maxSegmentSizeKeepsThemApart() {
        QueueLimits lim = QueueLimits.validate(0, 0x1000, 0, 0, 0, 0, 0);
        assertEquals(2, BlkMapIter.mapSg(vecs(0x1_0000_0000L, 0x1000, 0x1_0000_1000L, 0x1000), lim).nents());
    }

    @Test
    void blk3_segmentBoundarySplitsAMultiPageVector() {
        ScatterList sg = BlkMapIter.mapSg(vecs(0xFFFF_F000L, 0x2000), defaults());
        assertEquals(2, sg.nents());
        assertEquals(0xFFFF_F000L, sg.phys(0));
        assertEquals(0x1000, sg.length(0));
        assertEquals(0x1_0000_0000L, sg.phys(1));
        assertEquals(0x1000, sg.length(1));
        assertEquals(2, BioSplit.split(vecs(0xFFFF_F000L, 0x2000), defaults()).get(0).nrPhysSegments(),
                "nr_phys_segments");
    }

    @Test
    void blk4_nvmeRequestBecomesOneIovaSegmentWithAnIommu() {
        SegmentCollector out = new SegmentCollector();
        Bvecs v = vecs(0x1_0000_0000L, 0x1000, 0x2_0000_0000L, 0x2000);
        BlkDmaIter.Result r = BlkDmaIter.map(v, nvme(), api(true), new P2pMapState(i -> P2pMapType.NONE), i -> EPB,
                false, out, 0);
        assertNull(r.error());
        assertEquals(BlkDmaIter.Way.ONE_IOVA_RANGE, r.way());
        assertEquals(1, out.size());
        assertSeg(out, 0, 0xFFFF_C000L, 0x3000);
        assertEquals(2, out.inputCount(0));

        SegmentCollector direct = new SegmentCollector();
        BlkDmaIter.Result d = BlkDmaIter.map(v, nvme(), api(false), new P2pMapState(i -> P2pMapType.NONE), i -> EPB,
                false, direct, 0);
        assertEquals(BlkDmaIter.Way.PER_VECTOR, d.way(), "dma-direct: try_alloc fails, one segment per vector");
        assertEquals(2, direct.size());
        assertSeg(direct, 0, 0x1_0000_0000L, 0x1000);
        assertSeg(direct, 1, 0x2_0000_0000L, 0x2000);
    }

    @Test
    void blk5_withoutVirtBoundaryEachVectorGetsItsOwnIova() {
        SegmentCollector out = new SegmentCollector();
        Bvecs v = vecs(0x1_0000_0000L, 0x1000, 0x2_0000_0000L, 0x2000);
        BlkDmaIter.Result r = BlkDmaIter.map(v, defaults(), api(true), new P2pMapState(i -> P2pMapType.NONE), i -> EPB,
                false, out, 0);
        assertEquals(BlkDmaIter.Way.PER_VECTOR, r.way());
        assertEquals(2, out.size());
        assertSeg(out, 0, 0xFFFF_F000L, 0x1000);
        assertSeg(out, 1, 0xFFFF_C000L, 0x2000);
    }

    @Test
    void blk6_busAddressP2pRequestIsBusMappedWithoutIova() {
        SegmentCollector out = new SegmentCollector();
        DmaApi api = api(true);
        Bvecs v = new Bvecs(2);
        v.add(0x38_0000_2000L, 0x1000, 0);
        v.add(0x38_0000_8000L, 0x2000, 0);
        BlkDmaIter.Result r = BlkDmaIter.map(v, nvme(), api, new P2pMapState(i -> P2pMapType.BUS_ADDR), i -> EPB, true,
                out, 0);
        assertEquals(BlkDmaIter.Way.BUS_ADDRESSES, r.way());
        assertEquals(2, out.size());
        assertSeg(out, 0, 0x38_0000_2000L, 0x1000);
        assertSeg(out, 1, 0x38_0000_8000L, 0x2000);
        assertTrue((out.flags(0) & SegmentCollector.BUS) != 0);
        assertTrue(api.domain().pageTable().isEmpty());
        assertTrue(api.domain().iovad().isEmpty());

        BlkDmaIter.Result bad = BlkDmaIter.map(v, nvme(), api, new P2pMapState(i -> P2pMapType.NOT_SUPPORTED), i -> EPB,
                true,
                new SegmentCollector(), 0);
        assertEquals("BLK_STS_INVAL", bad.status());
    }

    @Test
    void limitsDefaultsAndVirtBoundary() {
        QueueLimits d = defaults();
        assertEquals(128, d.maxSegments());
        assertEquals(65536, d.maxSegmentSize());
        assertEquals(0xFFFF_FFFFL, d.segBoundaryMask());
        assertEquals(511, d.dmaAlignment());
        assertEquals(4096, d.minSegmentSize());
        assertEquals(0xFFFF_FFFFL, nvme().maxSegmentSize(), "a virt boundary lifts the segment size limit");
        assertEquals(0x1000, QueueLimits.validate(0, 0, 0xFFF, 0, 0, 0, 0).minSegmentSize() , "seg boundary 4K");
        assertEquals(0x800, QueueLimits.validate(0, 0x800, 0, 0, 0, 0, 0).minSegmentSize());
    }

    @Test
    void getMaxSegmentSizeStopsAtTheBoundary() {
        assertEquals(0x1000, MaxSegmentSize.of(defaults(), 0xFFFF_F000L, 0xFFFF_FFFFL));
        assertEquals(0x10000, MaxSegmentSize.of(defaults(), 0x1_0000_0000L, 0xFFFF_FFFFL));
        assertEquals(0x200, MaxSegmentSize.of(defaults(), 0x1_0000_0000L, 0x200));
    }

    @Test
    void gapAtTheVirtBoundarySplitsTheBio() {
        assertTrue(BvecGap.gapToPrev(nvme(), 0x200, 0x200, 0));
        assertTrue(BvecGap.gapToPrev(nvme(), 0, 0x1000, 0x200));
        assertEquals(false, BvecGap.gapToPrev(nvme(), 0, 0x1000, 0));
        List<BioSplit.Request> reqs = BioSplit.split(vecs(0x1_0000_0000L, 0x800, 0x2_0000_0000L, 0x1000), nvme());
        assertEquals(2, reqs.size(), "the first vector ends mid-page: a gap");
        assertEquals(0x800, reqs.get(0).bvecs().totalBytes());
    }

    @Test
    void requestsAreSplitAtTheSegmentAndByteLimits() {
        Bvecs v = new Bvecs(300);
        for (int i = 0; i < 300; i++) v.add(0x1_0000_0000L + i * 0x2000L, 0x1000, -1);
        List<BioSplit.Request> reqs = BioSplit.split(v, defaults());
        assertEquals(255 * 512, reqs.get(0).bvecs().totalBytes(),
                "BLK_SAFE_MAX_SECTORS (255) sectors, the default max_hw_sectors");
        assertEquals(32, reqs.get(0).bvecs().count(), "31 whole pages and part of the 32nd");
        long total = reqs.stream().mapToLong(r -> r.bvecs().totalBytes()).sum();
        assertEquals(300 * 0x1000L, total);
        QueueLimits big = QueueLimits.validate(128, 0, 0, 0, 0, 512, 2560);
        assertEquals(128, BioSplit.split(v, big).get(0).nrPhysSegments(), "max_segments");
    }

    @Test
    void physMergeableNeedsOneBoundaryWindow() {
        assertTrue(BvecPhysMergeable.mergeable(defaults(), 0x1000, 0x1000, 0x2000, 0x1000));
        assertEquals(false, BvecPhysMergeable.mergeable(defaults(), 0xFFFF_F000L, 0x1000, 0x1_0000_0000L, 0x1000));
        assertEquals(false, BvecPhysMergeable.mergeable(defaults(), 0x1000, 0x1000, 0x3000, 0x1000));
    }
}
