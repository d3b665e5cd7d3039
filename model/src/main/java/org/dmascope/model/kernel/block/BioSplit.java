package org.dmascope.model.kernel.block;

import java.util.ArrayList;
import java.util.List;

import org.dmascope.model.kernel.dma.KernelArith;
import org.dmascope.model.kernel.rule.KernelRule;

/**
 * R-BLK-4 {@code bio_split_rw_at()} / {@code bvec_split_segs()} (block/blk-merge.c): walks the
 * vectors counting segments; a vector that fits in the min segment size counts as one (fast path),
 * otherwise it is cut by R-BLK-2 (stopping at a virt-boundary-aligned point); the bio is split before
 * a virt-boundary gap (R-BLK-3), or when the segment count or the byte limit would be exceeded, at a
 * position rounded down to the logical block size. Splitting repeats on the remainder, giving the
 * requests the device sees.
 */
@KernelRule("R-BLK-4")
public final class BioSplit {
    private BioSplit() {
    }

    /** One request carved out of the stream: its vectors and its segment estimate. */
    public record Request(Bvecs bvecs, int nrPhysSegments) {
    }

    public static List<Request> split(Bvecs all, QueueLimits lim) {
        List<Request> out = new ArrayList<>();
        int idx = 0;
        long done = 0;
        long maxBytes = KernelArith.alignDown(lim.maxBytes(), lim.logicalBlockSize());
        while (idx < all.n) {
            int nsegs = 0;
            long bytes = 0;
            boolean split = false;
            long prevOff = 0;
            long prevLen = 0;
            boolean havePrev = false;
            int i = idx;
            long d = done;
            for (; i < all.n; i++, d = 0) {
                long p = all.paddr[i] + d;
                long l = all.len[i] - d;
                long off = Bvecs.offset(p);
                if (havePrev && BvecGap.gapToPrev(lim, prevOff, prevLen, off)) {
                    split = true;
                    break;
                }
                if (nsegs < lim.maxSegments() && bytes + l <= maxBytes && off + l <= lim.minSegmentSize()) {
                    nsegs++;
                    bytes += l;
                } else {
                    long maxLen = maxBytes - bytes;
                    long len = Math.min(l, maxLen);
                    long total = 0;
                    while (len != 0 && nsegs < lim.maxSegments()) {
                        long seg = MaxSegmentSize.of(lim, p + total, len);
                        nsegs++;
                        total += seg;
                        len -= seg;
                        if (((off + total) & lim.virtBoundaryMask()) != 0) break;
                    }
                    bytes += total;
                    if (len > 0 || l > maxLen) {
                        split = true;
                        break;
                    }
                }
                prevOff = off;
                prevLen = l;
                havePrev = true;
            }
            long reqBytes = split ? KernelArith.alignDown(bytes, lim.logicalBlockSize()) : bytes;
            if (reqBytes == 0) reqBytes = Math.min(lim.logicalBlockSize(), remaining(all, idx, done));
            Bvecs req = new Bvecs(8);
            long left = reqBytes;
            while (left > 0) {
                long avail = all.len[idx] - done;
                long take = Math.min(avail, left);
                req.add(all.paddr[idx] + done, take, all.provider[idx]);
                left -= take;
                done += take;
                if (done == all.len[idx]) {
                    idx++;
                    done = 0;
                }
            }
            out.add(new Request(req, nsegs));
        }
        return out;
    }

    private static long remaining(Bvecs all, int idx, long done) {
        long t = -done;
        for (int i = idx; i < all.n; i++) t += all.len[i];
        return t;
    }
}
