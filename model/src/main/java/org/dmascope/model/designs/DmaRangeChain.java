package org.dmascope.model.designs;

import java.util.List;

import org.dmascope.model.mapping.DmaSegments;

/**
 * Question 2, proposal: the same {@code dma_range} entries in page-sized arrays chained like a
 * scatterlist's (the open question of Hellwig's "Re: Phyr Starter", 20 Jan 2022: "if this needs the
 * chaining support that the current scatterlist has"). A 4 KiB page holds 256 16-byte entries; every
 * array but the last gives its last slot to the link, as sg chaining does (R-SG-2).
 */
public final class DmaRangeChain extends DmaOutput {
    static final int PER_PAGE = 4096 / DmaSegments.DMA_RANGE_BYTES;

    /** Link entries for {@code n} ranges in arrays of {@link #PER_PAGE}: (n - 2) / 255 when n exceeds one array. */
    static long chains(long n) {
        return n > PER_PAGE ? (n - 2) / (PER_PAGE - 1) : 0;
    }

    @Override
    public Design evaluate(DesignInput in) {
        List<Figure> f = figures();
        common(in, f);
        long n = in.dmaSegments();
        long chains = chains(n);
        f.add(Figure.of("bytes", "bytes", (n + chains) * DmaSegments.DMA_RANGE_BYTES));
        f.add(Figure.of("chains", "chain entries", chains));
        f.add(Figure.of("unusedFields", "unused fields", 0));
        f.add(Figure.of("contiguousPages", "pages of one allocation", n == 0 ? 0 : 1));
        return new Design(Question.OUTPUT, "dma_range-chain", "chained dma_range arrays",
                "proposal, Phyr Starter thread, 2022 (Logan Gunthorpe, "
                        + "<ef01ce7d-f1d3-0bbb-38ba-2de4d3f7e31a@deltatee.com>)",
                false, DmaRangeArray.LAYOUT,
                Layouts.X86_64 + "; 256 entries per 4 KiB array",
                "Chaining keeps every allocation to one page however scattered the buffer, at one link entry "
                        + "per page and a walk instead of an index.",
                "Not merged; mainline callers of the new APIs keep (dma_addr, len) in their own structures "
                        + "(NVMe PRP/SGL, RDMA MRs) and need no list at all.",
                f, segments(in));
    }
}
