package org.dmascope.model.kernel.block;

import org.dmascope.model.kernel.rule.KernelRule;
import org.dmascope.model.kernel.sg.ScatterList;

/**
 * R-BLK-6 {@code blk_map_iter_next()} (block/blk-mq-dma.c, v6.17; the same walk built
 * {@code __blk_rq_map_sg}'s segments before): take the current vector clipped to the segment size
 * allowed at its address (R-BLK-2); once that vector is used up, keep absorbing whole following
 * vectors while the total stays within the limit computed at the segment start and the vectors are
 * physically mergeable (R-BLK-5). {@link #mapSg} is {@code __blk_rq_map_sg()} on top of it.
 */
@KernelRule("R-BLK-6")
public final class BlkMapIter {
    private final Bvecs v;
    private final QueueLimits lim;
    private int idx;
    private long done;
    private long paddr;
    private long len;
    private int provider;

    public BlkMapIter(Bvecs v, QueueLimits lim) {
        this.v = v;
        this.lim = lim;
    }

    /**
     * {@code __blk_rq_map_sg()} / {@code blk_rq_map_sg()} (block/blk-merge.c, blk-mq-dma.c): one
     * scatterlist entry per physical vector ({@code sg_set_page(sg, phys_to_page(paddr), len,
     * offset_in_page(paddr))}); the count is the request's {@code nr_phys_segments}. The list is then
     * handed to {@code dma_map_sg}.
     */
    public static ScatterList mapSg(Bvecs request, QueueLimits lim) {
        ScatterList sg = new ScatterList(request.count());
        BlkMapIter it = new BlkMapIter(request, lim);
        while (it.next()) sg.addPhys(it.paddr(), it.len(), it.provider());
        return sg;
    }

    /** Advances to the next physical vector; false at the end. */
    public boolean next() {
        if (idx >= v.n) return false;
        paddr = v.paddr[idx] + done;
        provider = v.provider[idx];
        long maxSize = MaxSegmentSize.of(lim, paddr, 0xFFFF_FFFFL);
        long l = Math.min(v.len[idx] - done, maxSize);
        done += l;
        if (done == v.len[idx]) {
            idx++;
            done = 0;
        }
        while (done == 0 && idx < v.n) {
            long nl = v.len[idx];
            if (l + nl > maxSize || !BvecPhysMergeable.mergeable(lim, paddr, l, v.paddr[idx], nl)) break;
            l += nl;
            idx++;
        }
        len = l;
        return true;
    }

    public long paddr() {
        return paddr;
    }

    public long len() {
        return len;
    }

    /** The P2P provider of the vector's first page (-1 for RAM). */
    public int provider() {
        return provider;
    }
}
