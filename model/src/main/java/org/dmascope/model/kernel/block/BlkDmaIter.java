package org.dmascope.model.kernel.block;

import static org.dmascope.model.kernel.dma.KernelArith.DMA_MAPPING_ERROR;

import java.util.function.IntFunction;

import org.dmascope.model.kernel.DmaApi;
import org.dmascope.model.kernel.dma.Errno;
import org.dmascope.model.kernel.dma.P2pMapState;
import org.dmascope.model.kernel.dma.P2pProvider;
import org.dmascope.model.kernel.dma.SegmentCollector;
import org.dmascope.model.kernel.iommu.IovaTwoStep;
import org.dmascope.model.kernel.p2p.P2pMapType;
import org.dmascope.model.kernel.rule.KernelRule;

/**
 * R-BLK-7 {@code blk_rq_dma_map_iter_start()} / {@code _next()} (block/blk-mq-dma.c, v6.17+, used by
 * NVMe instead of a scatterlist). The first physical vector decides P2P handling for the whole
 * request: {@code BUS_ADDR} → every vector its bus address, no IOVA; {@code THRU_HOST_BRIDGE} → mapped
 * as normal memory (with {@code DMA_ATTR_MMIO} since v6.18); anything else → {@code BLK_STS_INVAL}.
 * When the queue's virt boundary is a multiple of the IOMMU merge boundary and
 * {@code dma_iova_try_alloc} succeeds, all vectors are linked back to back into one IOVA range and the
 * device gets one segment; otherwise each vector is mapped with {@code dma_map_phys} (its own IOVA
 * with an IOMMU).
 */
@KernelRule("R-BLK-7")
public final class BlkDmaIter {
    private BlkDmaIter() {
    }

    /** How the request was mapped. */
    public enum Way { BUS_ADDRESSES, ONE_IOVA_RANGE, PER_VECTOR }

    /** @param status null when mapped; else the blk_status and its errno */
    public record Result(Way way, String status, Errno error, int vectors) {
    }

    /**
     * Maps one request; segments go to {@code out} with input numbers counted from {@code inputBase}.
     */
    public static Result map(Bvecs req, QueueLimits lim, DmaApi api, P2pMapState p2p,
            IntFunction<P2pProvider> providers,
                             boolean reqP2pdma, SegmentCollector out, int inputBase) {
        BlkMapIter it = new BlkMapIter(req, lim);
        long total = req.totalBytes();
        if (!it.next()) return new Result(Way.PER_VECTOR, null, null, 0);
        boolean mmio = false;
        if (reqP2pdma) {
            P2pMapType t = p2p.state(it.provider());
            if (t == P2pMapType.BUS_ADDR) {
                int v = 0;
                P2pProvider prov = providers.apply(p2p.mem());
                do {
                    out.add(prov.busAddress(it.paddr()), it.len(), SegmentCollector.BUS, inputBase + v, 1);
                    v++;
                } while (it.next());
                return new Result(Way.BUS_ADDRESSES, null, null, v);
            } else if (t == P2pMapType.THRU_HOST_BRIDGE) {
                mmio = api.profile().atLeast(6, 18);
            } else if (t != P2pMapType.NONE) {
                return new Result(Way.PER_VECTOR, "BLK_STS_INVAL", Errno.EINVAL, 0);
            }
        }
        IovaTwoStep.State state = new IovaTwoStep.State();
        boolean canIova = ((lim.virtBoundaryMask() + 1) & api.mergeBoundary()) == 0;
        if (canIova && api.iovaTryAlloc(state, it.paddr(), total)) {
            long mapped = 0;
            int v = 0;
            do {
                Errno e = api.iovaLink(state, it.paddr(), mapped, it.len(), mmio);
                if (e != null) {
                    api.iovaAbort(state);
                    return new Result(Way.ONE_IOVA_RANGE, "BLK_STS_IOERR", e, v);
                }
                mapped += it.len();
                v++;
            } while (it.next());
            api.iovaSync(state);
            out.add(state.addr(), mapped, SegmentCollector.IOVA | (state.usesSwiotlb() ? SegmentCollector.SWIOTLB : 0),
                    inputBase,
                    v);
            return new Result(Way.ONE_IOVA_RANGE, null, null, v);
        }
        int v = 0;
        do {
            long dma = api.mapPhys(it.paddr(), it.len(), mmio);
            if (dma == DMA_MAPPING_ERROR) return new Result(Way.PER_VECTOR, "BLK_STS_RESOURCE", Errno.ENOMEM, v);
            int flags = api.usesIommu() ? SegmentCollector.IOVA : 0;
            if (!api.usesIommu() && api.swiotlb().active() && api.swiotlb().pool().contains(
                    org.dmascope.model.kernel.dma.PhysToDma.reverse(api.device().rangeMap(), dma))) {
                flags |= SegmentCollector.SWIOTLB;
            }
            out.add(dma, it.len(), flags, inputBase + v, 1);
            v++;
        } while (it.next());
        return new Result(Way.PER_VECTOR, null, null, v);
    }
}
