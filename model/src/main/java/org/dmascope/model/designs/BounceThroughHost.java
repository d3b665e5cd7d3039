package org.dmascope.model.designs;

import java.util.ArrayList;
import java.util.List;

import org.dmascope.model.mapping.Mapping;

/**
 * Question 4, proposal: bounce BAR memory the initiator cannot reach peer to peer through host memory, as
 * the DMA API bounces for any other limitation: the initiator DMAs to or from a host bounce buffer and a
 * CPU copies between it and the BAR.
 *
 * <p>Jason Gunthorpe, "Re: [RFC PATCH 00/28] Removing struct page from P2PDMA", 27 Jun 2019 (linux-kernel,
 * linux-block, linux-nvme, linux-pci, linux-rdma), Message-ID {@code <20190627063223.GA7736@ziepe.ca>}:
 * "When an IO against that is run it should succeed, even if that means bounce buffering the IO - as the
 * user has really asked for this transfer to happen." And, the same day, {@code <20190627163504.GB9568@ziepe.ca>}:
 * "Don't we already expect the DMA mapper to handle bouncing for lots of cases, how is this case different?"
 *
 * <p>Logan Gunthorpe answered in {@code <6afe4027-26c8-df4e-65ce-49df07dec54d@deltatee.com>}: "I think it
 * would be a larger layering violation to have the NVMe driver (for example) memcpy data off a GPU's bar
 * during a dma_map step to support this bouncing." and in
 * {@code <4894142c-3233-a3bb-f9a3-4a4985136e9b@deltatee.com>}: "This is different because it's special
 * memory where the DMA mapper can't possibly know the best way to transfer the data." He would have the
 * provider's driver copy with its own DMA engine before the I/O; dmascope computes Jason Gunthorpe's version,
 * the mapper's bounce with a CPU copy, as {@code swiotlb_bounce()} copies.
 */
public final class BounceThroughHost extends UnreachableBar {
    /** The design's key; selecting it in the Designs tab draws its {@link BounceRoute} on the canvas. */
    public static final String KEY = "bounce";
    static final String SOURCE = "proposal, \"Removing struct page from P2PDMA\" thread, 2019 (Jason Gunthorpe, "
            + "<20190627063223.GA7736@ziepe.ca>)";
    /** Copied from the message: the hyphen and "IO" are Jason Gunthorpe's. */
    static final String ARGUMENT = "\"When an IO against that is run it should succeed, even if that means bounce "
            + "buffering the IO - as the user has really asked for this transfer to happen.\"";
    static final String FATE = "Not merged: Logan Gunthorpe answered that a memcpy off the BAR during dma_map is "
            + "\"a larger layering violation\" and the provider's own DMA engine copies better; mainline refuses "
            + "(NOT_SUPPORTED) and leaves any copy to the caller.";

    @Override
    public Design evaluate(DesignInput in) {
        List<Mapping> refused = unreachable(in);
        long bytes = refused.stream().mapToLong(m -> m.pinned().size()).sum();
        long copied = refused.stream().mapToLong(UnreachableBar::copyBytes).sum();
        List<Figure> f = new ArrayList<>();
        f.add(Figure.of("unreachableBytes", "bytes the initiator cannot reach P2P", bytes));
        f.add(Figure.of("bounceBytes", "bytes copied", copied));
        f.add(Figure.of("refused", "transfer refused", false));
        f.add(Figure.of("kernelVerdict", "kernel verdict", String.join(", ", in.kernelVerdicts())));
        f.add(Figure.of("copyRunsOn", "where a copy runs", refused.isEmpty() ? "-"
                : String.join("; ", refused.stream().map(m -> copyRunsOn(in, m)).toList())));
        return new Design(Question.UNREACHABLE_BAR, KEY, "bounce through host memory",
                SOURCE, false, "", Layouts.X86_64, ARGUMENT, FATE,
                f, EntryTable.ofRows(COLUMNS, rows(in, true)));
    }
}
