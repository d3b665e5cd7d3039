package org.dmascope.model.kernel.block;

/**
 * R-BLK-6 {@code blk_map_iter_next()} (block/blk-mq-dma.c, v6.17; the same walk built
 * {@code __blk_rq_map_sg}'s segments before): take the current vector clipped to the segment size
 * allowed at its address (R-BLK-2); once that vector is used up, keep absorbing whole following
 * vectors while the total stays within the limit computed at the segment start and the vectors are
 * physically mergeable (R-BLK-5).
 */
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
