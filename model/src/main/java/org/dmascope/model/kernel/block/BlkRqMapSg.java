package org.dmascope.model.kernel.block;

import org.dmascope.model.kernel.sg.ScatterList;

/**
 * R-BLK-6 {@code __blk_rq_map_sg()} / {@code blk_rq_map_sg()} (block/blk-merge.c, blk-mq-dma.c): one
 * scatterlist entry per physical vector of {@link BlkMapIter} ({@code sg_set_page(sg,
 * phys_to_page(paddr), len, offset_in_page(paddr))}); the count is the request's
 * {@code nr_phys_segments}. The list is then handed to {@code dma_map_sg}.
 */
public final class BlkRqMapSg {
    private BlkRqMapSg() {
    }

    public static ScatterList map(Bvecs request, QueueLimits lim) {
        ScatterList sg = new ScatterList(request.count());
        BlkMapIter it = new BlkMapIter(request, lim);
        while (it.next()) sg.addPhys(it.paddr(), it.len(), it.provider());
        return sg;
    }
}
