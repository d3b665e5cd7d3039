package org.dmascope.model.designs;

import java.util.List;

import org.dmascope.model.mapping.DmaSegments;

/**
 * Question 2, proposal: a separate output array of {@code struct dma_range}. Christoph Hellwig, "Re: Phyr
 * Starter", linux-kernel, 20 Jan 2022 (https://lkml.indiana.edu/hypermail/linux/kernel/2201.2/04965.html):
 * "I have some prototype could that takes a bio_vec as input and returns an
 * array of struct dma_range { dma_addr_t addr; u32 len; }"; the u32 flags word (the bus-address flag) in
 * the padding is Logan Gunthorpe's, "Re: Phyr Starter", 11 Jan 2022, Message-ID
 * {@code <ef01ce7d-f1d3-0bbb-38ba-2de4d3f7e31a@deltatee.com>}: "struct dma_range { dma_addr_t dmar_addr;
 * u32 dmar_len; u32 dmar_flags; };", so an entry stays 16 bytes. One array, as large as it needs to be.
 */
public final class DmaRangeArray extends DmaOutput {
    static final String LAYOUT = """
            struct dma_range {
            	dma_addr_t	addr;
            	u32		len;
            	u32		flags;	/* in the padding: the bus-address flag */
            };""";

    @Override
    public Design evaluate(DesignInput in) {
        List<Figure> f = figures();
        common(in, f);
        long n = in.dmaSegments();
        long bytes = n * DmaSegments.DMA_RANGE_BYTES;
        f.add(Figure.of("bytes", "bytes", bytes));
        f.add(Figure.of("chains", "chain entries", 0));
        f.add(Figure.of("unusedFields", "unused fields", 0));
        f.add(Figure.of("contiguousPages", "pages of one allocation", (bytes + 4095) / 4096));
        return new Design(Question.OUTPUT, "dma_range-array", "one dma_range array",
                "proposal, Phyr Starter thread, 2022 (Christoph Hellwig's prototype, 20 Jan)", false, LAYOUT,
                Layouts.X86_64,
                "Output apart from input: one range for an IOMMU-contiguous buffer, a few (dma_addr, len, "
                        + "bus flag) pairs when IOVAs and P2P bus addresses mix.",
                "Not merged as such; the open question was chaining: one array needs one allocation as large "
                        + "as the list (kvmalloc), which a scattered dma-direct buffer makes large.",
                f, segments(in));
    }
}
