package org.dmascope.model.designs;

import java.util.ArrayList;
import java.util.List;

import org.dmascope.model.mapping.Mapping;

/**
 * Question 4, proposal: treat unreachable BAR memory like any other DMA limitation and bounce it through
 * host memory, the 2019 discussion of P2PDMA without struct page (as issue 15 summarises it): the
 * initiator DMAs to or from a host bounce buffer and a CPU copies between it and the BAR.
 */
public final class BounceThroughHost extends UnreachableBar {
    /** The design's key; selecting it in the Designs tab draws its {@link BounceRoute} on the canvas. */
    public static final String KEY = "bounce";

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
                "proposal, P2PDMA without struct page thread, 2019", false, "", Layouts.X86_64,
                "An unreachable BAR is one more DMA limitation like a narrow mask, and swiotlb-style bouncing "
                        + "keeps the transfer working.",
                "Not merged: the copy runs on a CPU through uncached MMIO, slower than the host memory the caller "
                        + "could have used, so mainline refuses and lets the caller choose.",
                f, EntryTable.ofRows(COLUMNS, rows(in, true)));
    }
}
