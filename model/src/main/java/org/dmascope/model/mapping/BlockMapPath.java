package org.dmascope.model.mapping;

import java.util.Arrays;
import java.util.List;

import org.dmascope.model.kernel.block.BioSplit;
import org.dmascope.model.kernel.block.BlkDmaIter;
import org.dmascope.model.kernel.block.BlkMapIter;
import org.dmascope.model.kernel.block.Bvecs;
import org.dmascope.model.kernel.block.QueueLimits;
import org.dmascope.model.kernel.dma.SgMapResult;
import org.dmascope.model.kernel.profile.KernelFeature;
import org.dmascope.model.kernel.sg.ScatterList;
import org.dmascope.model.kernel.sg.SgTableLayout;
import org.dmascope.model.util.ByteSize;
import org.dmascope.model.util.Hex;

/**
 * A direct-I/O block request: the pages become bio vectors, the block layer splits them into
 * requests by the queue limits, and each request is mapped with the DMA iterator (v6.17+ NVMe) or
 * with {@code blk_rq_map_sg} and {@code dma_map_sg}.
 */
final class BlockMapPath {
    private BlockMapPath() {
    }

    static void run(MapContext c) {
        QueueLimits lim = BlockLimitsForDevice.of(c.initiator, c.api, MappingEngine.lastRamByte(c.req.topology()),
                c.req.queue());
        PhysRanges r = c.buf.phyr();
        Bvecs all = new Bvecs(r.count());
        int[] rangeProvider = c.buf.entries() != null ? c.buf.entries().rangeProviderIndices() : null;
        for (int i = 0; i < r.count(); i++) {
            all.add(r.addr(i), r.len(i), rangeProvider != null ? rangeProvider[i] : c.buf.isP2p() ? 0 : -1);
        }
        List<BioSplit.Request> reqs = BioSplit.split(all, lim);
        boolean iter = useIterator(c);
        c.step(Step.of(StepKind.BLOCK, "R-BLK-1, R-BLK-4, R-BLK-3", "Split into requests by the queue limits")
                .say("bio_add_page() merges contiguous pages into " + all.count()
                        + " bio vectors; bio_split_to_limits() cuts them into requests of at most "
                        + lim.maxSegments() + " segments and " + ByteSize.format(lim.maxBytes())
                                + (lim.virtBoundaryMask() != 0
                        ? ", and wherever a vector would leave a gap at the device's "
                                + ByteSize.format(lim.virtBoundaryMask() + 1) + " virt boundary." : "."))
                .in("vectors", all.count()).in("max segment", ByteSize.format(lim.maxSegmentSize()))
                .in("segment boundary", Hex.addr(lim.segBoundaryMask())).in("virt boundary",
                        Hex.addr(lim.virtBoundaryMask()))
                .out("requests", reqs.size()).build());
        long[] va = new long[Math.max(16, r.count())];
        long[] vl = new long[va.length];
        boolean[] vp = new boolean[va.length];
        int nv = 0;
        int ways[] = new int[3];
        int sgEntries = 0;
        int sgChains = 0;
        c.startPageTableLog();
        for (BioSplit.Request req : reqs) {
            int base = nv;
            BlkMapIter it = new BlkMapIter(req.bvecs(), lim);
            while (it.next()) {
                if (nv == va.length) {
                    va = Arrays.copyOf(va, nv * 2);
                    vl = Arrays.copyOf(vl, nv * 2);
                    vp = Arrays.copyOf(vp, nv * 2);
                }
                va[nv] = it.paddr();
                vl[nv] = it.len();
                vp[nv] = it.provider() >= 0;
                nv++;
            }
            if (iter) {
                BlkDmaIter.Result res = BlkDmaIter.map(req.bvecs(), lim, c.api, c.newP2pState(), c.providers,
                        c.buf.isP2p(), c.out, base);
                if (res.error() != null) {
                    c.stopPageTableLog();
                    c.inputs = InputEntries.ofVectors(va, vl, vp, nv);
                    SgMapPath.describeFailure(c);
                    c.fail(res.status().equals("BLK_STS_INVAL") ? "BLK_STS_INVAL" : c.codeFor(res.error()), res.error(),
                            "blk_rq_dma_map_iter_start() = false, iter.status = " + res.status(),
                            "request " + reqs.indexOf(req) + " could not be mapped (" + res.status() + ")");
                    return;
                }
                ways[res.way().ordinal()]++;
            } else {
                ScatterList sg = BlkMapIter.mapSg(req.bvecs(), lim);
                SgTableLayout.Layout lay = SgTableLayout.alloc(sg.nents());
                sgEntries += lay.entriesAllocated();
                sgChains += lay.chainEntries();
                SgMapResult m = c.api.mapSg(sg, c.newP2pState(), c.providers);
                if (!m.isOk()) {
                    c.stopPageTableLog();
                    c.inputs = InputEntries.ofVectors(va, vl, vp, nv);
                    SgMapPath.describeFailure(c);
                    c.fail(c.codeFor(m.error()), m.error(), "dma_map_sgtable() = " + m.error().negated(),
                            "request " + reqs.indexOf(req) + ": dma_map_sg failed: " + m.error().meaning());
                    return;
                }
                SgMapPath.collect(c, sg, m.count(), base);
            }
        }
        c.stopPageTableLog();
        c.inputs = InputEntries.ofVectors(va, vl, vp, nv);
        if (!iter) c.sgLayout = new SgTableLayout.Layout(sgEntries - sgChains, sgEntries - sgChains, new int[0],
                sgEntries, sgChains);
        if (iter) {
            c.step(Step.of(StepKind.BLOCK, "R-BLK-7, R-BLK-6, R-BLK-2, R-BLK-5",
                    "Map each request with the DMA iterator")
                    .say("blk_rq_dma_map_iter_start() walks the request's physical vectors (merging neighbours "
                            + "within the segment limits).")
                    .say(ways[BlkDmaIter.Way.ONE_IOVA_RANGE.ordinal()] > 0
                            ? "The queue's virt boundary matches the IOMMU page, so each request is linked into one "
                                    + "IOVA range and becomes one DMA segment."
                            : ways[BlkDmaIter.Way.BUS_ADDRESSES.ordinal()] > 0
                                    ? "The first page is a BUS_ADDR P2P page: every vector gets its bus address, no "
                                    + "IOVA."
                            : "Each vector is mapped with dma_map_phys() on its own.")
                    .in("requests", reqs.size()).in("vectors", nv)
                    .out("one IOVA range", ways[BlkDmaIter.Way.ONE_IOVA_RANGE.ordinal()])
                    .out("per vector", ways[BlkDmaIter.Way.PER_VECTOR.ordinal()])
                    .out("bus addresses", ways[BlkDmaIter.Way.BUS_ADDRESSES.ordinal()]).out("segments",
                            c.out.size())
                    .since("since " + KernelFeature.BLOCK_DMA_ITER.since() + " ("
                            + KernelFeature.BLOCK_DMA_ITER.commit() + ")").build());
        } else {
            c.step(Step.of(StepKind.BLOCK, "R-BLK-6, R-BLK-2, R-BLK-5, R-MAP-2",
                    "blk_rq_map_sg() and dma_map_sg() per request")
                    .say("Each request's vectors become scatterlist entries (neighbours merged within the segment "
                            + "limits), then dma_map_sg() maps them.")
                    .in("requests", reqs.size()).in("entries", nv).out("segments", c.out.size())
                    .since(KernelFeature.BLOCK_DMA_ITER.in(c.req.profile()) ? "" : "before "
                            + KernelFeature.BLOCK_DMA_ITER.since() + " every block driver maps this way (NVMe moved "
                            + "to the DMA iterator in " + KernelFeature.BLOCK_DMA_ITER.since() + ", "
                            + KernelFeature.BLOCK_DMA_ITER.commit() + ")").build());
        }
        if (c.api.usesIommu()) {
            SgMapPath.describeIovaAlloc(c, 0, "R-IOMMU-2, R-IOMMU-3");
            SgMapPath.describePageTable(c, iter ? "dma_iova_link()" : "iommu_map_sg()");
        }
        SgMapPath.describeBounces(c, c.api.usesIommu() ? "dma-iommu" : "dma-direct");
        c.verdict = Verdict.ok(reqs.size() + " request(s) mapped", Words.count(nv, "physical vector") + " became "
                + Words.count(c.out.size(), "DMA segment"));
    }

    static boolean useIterator(MapContext c) {
        BlockPath p = c.req.blockPath();
        // DMA_ITER before 6.17 never reaches here: MappingEngine refuses it (KernelFeature.BLOCK_DMA_ITER)
        boolean available = KernelFeature.BLOCK_DMA_ITER.in(c.req.profile());
        if (p == BlockPath.DMA_ITER) return true;
        if (p == BlockPath.MAP_SG) return false;
        return available && BlockLimitsForDevice.isNvme(c.initiator);
    }
}
