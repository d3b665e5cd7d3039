package org.dmascope.model.designs;

import java.util.ArrayList;
import java.util.List;

import org.dmascope.model.mapping.Mapping;

/**
 * Question 4, mainline: a provider the initiator cannot reach peer to peer gives
 * {@code PCI_P2PDMA_MAP_NOT_SUPPORTED} and the mapping fails ({@code -EREMOTEIO} from
 * {@code dma_map_sgtable}, drivers/pci/p2pdma.c, R-P2P-8/R-P2P-12). The verdict is the engine's.
 */
public final class RefuseUnreachable extends UnreachableBar {
    @Override
    public Design evaluate(DesignInput in) {
        List<Mapping> refused = unreachable(in);
        long bytes = refused.stream().mapToLong(m -> m.pinned().size()).sum();
        List<Figure> f = new ArrayList<>();
        f.add(Figure.of("unreachableBytes", "bytes the initiator cannot reach P2P", bytes));
        f.add(Figure.of("bounceBytes", "bytes copied", 0));
        f.add(Figure.of("refused", "transfer refused", !refused.isEmpty()));
        f.add(Figure.of("kernelVerdict", "kernel verdict", String.join(", ", in.kernelVerdicts())));
        f.add(Figure.of("copyRunsOn", "where a copy runs", "-"));
        return new Design(Question.UNREACHABLE_BAR, "refuse", "refuse (NOT_SUPPORTED)",
                "mainline since 4.20 (drivers/pci/p2pdma.c, pci_p2pdma_map_type)", true, "", Layouts.X86_64,
                "A P2P transfer that would cross an unsupported host bridge is better refused than silently slow "
                        + "or corrupt; the caller can allocate host memory instead.",
                "What mainline does: -EREMOTEIO from dma_map_sgtable(), NOT_SUPPORTED from pci_p2pdma_map_type().",
                f, EntryTable.ofRows(COLUMNS, rows(in, false)));
    }
}
