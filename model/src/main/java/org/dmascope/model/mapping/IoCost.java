package org.dmascope.model.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.dmascope.model.kernel.nvme.NvmeDescriptors;
import org.dmascope.model.kernel.profile.KernelFeature;

/**
 * What one I/O of the current buffer and device costs on each mapping path: the scatterlist
 * ({@code dma_map_sg}), a block request (the kernel's own choice: the DMA iterator from 6.17, else
 * {@code blk_rq_map_sg}), the two-step IOVA API, and a buffer premapped once as a dma-buf (io_uring, 7.4), which
 * pays the two-step cost at registration and nothing per I/O. Each path is run through the engine on a fresh
 * kernel state, so the counts are the engine's, not estimates.
 *
 * @param path           what the row is: {@code dma_map_sg}, {@code block request}, {@code dma_iova_link},
 *                       {@code premapped dma-buf}
 * @param refusal        why this path cannot run here ("… is not in Linux 6.12 (since 6.16)", or the engine's
 *                       verdict), empty when it ran
 * @param iovaAllocs     IOVA ranges allocated per I/O
 * @param ptes           I/O page-table leaf entries written per I/O
 * @param invalidations  synchronous IOTLB invalidations at unmap (0 under a flush queue, which defers them)
 * @param mapCalls       DMA API map calls per I/O
 * @param unmapCalls     DMA API unmap calls per I/O
 * @param metadataBytes  bytes describing the buffer per I/O (scatterlist, or phys ranges + DMA ranges)
 * @param segments       DMA segments the device gets
 * @param nvme           the NVMe PRP/SGL descriptors those segments need (R-NVME-1)
 */
public record IoCost(String path, Optional<String> refusal, int iovaAllocs, int ptes, int invalidations,
                     int mapCalls, int unmapCalls, long metadataBytes, int segments, NvmeDescriptors.Result nvme) {

    /** The four paths for {@code req}'s buffer and device, in the order above. */
    public static List<IoCost> of(MappingEngine engine, MapRequest req) {
        List<IoCost> out = new ArrayList<>();
        if (req.buffer() instanceof BufferSpec.DmaBuf) {
            out.add(premapped("premapped dma-buf", engine, req, req));
            return out;
        }
        out.add(run("dma_map_sg", engine, with(req, MapApi.SG)));
        out.add(run("block request", engine, with(req, MapApi.BLOCK)));
        IoCost iova = run("dma_iova_link", engine, with(req, MapApi.IOVA));
        out.add(iova);
        out.add(premapped("premapped dma-buf", engine, req, with(req, MapApi.IOVA)));
        return out;
    }

    private static MapRequest with(MapRequest r, MapApi api) {
        return new MapRequest(r.topology(), r.initiator(), r.buffer(), api, r.iommuMode(), r.domainId(),
                r.dmaOverrides(), r.profile(), BlockPath.AUTO, r.cpu(), r.platform(), r.queue());
    }

    private static IoCost refused(String path, String why) {
        return new IoCost(path, Optional.of(why), 0, 0, 0, 0, 0, 0, 0, new NvmeDescriptors.Result(0, 0, 0, 0));
    }

    private static Mapping map(MappingEngine engine, MapRequest req) {
        return engine.map(req, new DmaState());
    }

    private static IoCost run(String path, MappingEngine engine, MapRequest req) {
        Optional<String> missing = MappingEngine.missingFeature(req);
        if (missing.isPresent()) return refused(path, missing.get());
        Mapping m = map(engine, req);
        if (!m.verdict().isOk()) return refused(path, m.verdict().kernelReturn());
        boolean iommu = req.iommuMode().translates();
        boolean strict = req.iommuMode() == IommuMode.DMA;
        int ranges = m.inputs().count();
        int requests = requests(m);
        int map;
        int unmap;
        long meta;
        MetadataCost c = m.cost();
        switch (req.api()) {
            case SG:
                map = 1;
                unmap = 1;
                meta = c.scatterlistBytes();
                break;
            case BLOCK:
                boolean iter = m.steps().stream().anyMatch(s -> s.title().equals("Map each request with the DMA "
                        + "iterator"));
                // the iterator: one blk_rq_dma_map_iter_start/next call per DMA segment, one unmap per request;
                // blk_rq_map_sg: one dma_map_sg and one dma_unmap_sg per request
                map = iter ? m.segments().count() : requests;
                unmap = requests;
                meta = iter ? c.phyrBytes() + c.dmaRangeBytes() : c.scatterlistBytes();
                break;
            default:
                boolean linked = m.segments().count() == 1 && iommu;
                // dma_iova_try_alloc + one dma_iova_link per range + dma_iova_sync; dma_iova_destroy;
                // without an IOVA the fallback maps and unmaps each range
                map = linked ? ranges + 2 : ranges;
                unmap = linked ? 1 : ranges;
                meta = c.phyrBytes() + c.dmaRangeBytes();
        }
        int inval = strict ? unmap : 0;
        NvmeDescriptors.Result nvme = requests > 1 && requests == m.segments().count() ? perSegment(m) : nvme(m);
        return new IoCost(path, Optional.empty(), m.iovaAllocations().size(), m.pageTable().leafCount(), inval, map,
                unmap, meta, m.segments().count(), nvme);
    }

    /**
     * A dma-buf premapped at registration (an RDMA MR, an iommufd IOAS mapping, an io_uring registered buffer):
     * the mapping happens once, so an I/O allocates, writes and invalidates nothing and calls no map function; the
     * device gets the registered DMA addresses.
     */
    private static IoCost premapped(String path, MappingEngine engine, MapRequest original, MapRequest registration) {
        // a host buffer is premapped through io_uring (7.4); a dma-buf's importer brings its own feature
        if (!(original.buffer() instanceof BufferSpec.DmaBuf)) {
            Optional<String> since = KernelFeature.IO_URING_DMABUF.refusal(original.profile());
            if (since.isPresent()) return refused(path, since.get());
        }
        Optional<String> missing = MappingEngine.missingFeature(registration);
        if (missing.isPresent()) return refused(path, missing.get());
        Mapping m = map(engine, registration);
        if (!m.verdict().isOk()) return refused(path, m.verdict().kernelReturn());
        return new IoCost(path, Optional.empty(), 0, 0, 0, 0, 0, 0, m.segments().count(), nvme(m));
    }

    private static int requests(Mapping m) {
        for (Step s : m.steps()) {
            String r = s.outputs().get("requests");
            if (s.kind() == StepKind.BLOCK && r != null) return Integer.parseInt(r);
        }
        return 1;
    }

    /** One NVMe command per segment (a block request each): the descriptors summed over the commands. */
    private static NvmeDescriptors.Result perSegment(Mapping m) {
        DmaSegments s = m.segments();
        long prps = 0;
        long pages = 0;
        int sgl = 0;
        long sglBytes = 0;
        for (int i = 0; i < s.count(); i++) {
            NvmeDescriptors.Result r = NvmeDescriptors.of(new long[] {s.address(i)}, new long[] {s.length(i)}, 1);
            prps += r.prpEntries();
            pages += r.prpListPages();
            sgl += r.sglDescriptors();
            sglBytes += r.sglListBytes();
        }
        return new NvmeDescriptors.Result(prps, pages, sgl, sglBytes);
    }

    private static NvmeDescriptors.Result nvme(Mapping m) {
        DmaSegments s = m.segments();
        long[] a = new long[s.count()];
        long[] l = new long[s.count()];
        for (int i = 0; i < s.count(); i++) {
            a[i] = s.address(i);
            l[i] = s.length(i);
        }
        return NvmeDescriptors.of(a, l, s.count());
    }
}
