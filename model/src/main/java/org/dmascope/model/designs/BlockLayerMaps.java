package org.dmascope.model.designs;

import java.util.ArrayList;
import java.util.List;

import org.dmascope.model.kernel.dma.P2pProvider;

/**
 * Question 5, mainline: the initiator's driver maps the request through the block layer
 * ({@code blk_rq_dma_map_iter_start}, block/blk-mq-dma.c, 6.17; before it {@code blk_rq_map_sg} +
 * {@code dma_map_sg}), learning the provider from each page's pgmap; {@code pci_p2pdma_state} re-asks the
 * map type when the pgmap changes (R-P2P-9).
 */
public final class BlockLayerMaps implements DesignModel {
    @Override
    public Question question() {
        return Question.WHO_MAPS;
    }

    @Override
    public Design evaluate(DesignInput in) {
        List<Figure> f = new ArrayList<>();
        f.add(Figure.of("mapper", "who maps", "the driver of " + in.initiator() + " through the block layer"));
        f.add(Figure.of("knowsBothDevices", "knows both devices", false));
        f.add(Figure.of("mapTypeLookups", "map-type look-ups", in.providerChanges()));
        f.add(Figure.of("perEntryChecks", "per-entry checks", in.kernelSgEntries()));
        List<List<String>> rows = new ArrayList<>();
        for (P2pProvider p : in.providers()) {
            rows.add(List.of(ProviderLookup.name(p), in.initiator().toString(),
                    "at the first entry of its pages (pgmap change)"));
        }
        return new Design(Question.WHO_MAPS, "block-layer", "the block layer maps",
                "mainline since 4.20 (page-based P2P through blk-mq), blk_rq_dma_map_iter since 6.17", true,
                "", Layouts.X86_64,
                "The block layer should not know both devices, yet a bio of P2P pages reaches the driver that "
                        + "maps it, so the provider must ride in the pages.",
                "What mainline does for O_DIRECT to a CMB; since 6.17 each bio must be all host memory or all "
                        + "one provider.",
                f, EntryTable.ofRows(List.of("provider", "client", "when"), rows));
    }
}
