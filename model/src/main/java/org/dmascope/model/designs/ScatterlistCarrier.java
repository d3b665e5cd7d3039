package org.dmascope.model.designs;

import java.util.ArrayList;
import java.util.List;

import org.dmascope.model.kernel.sg.ScatterList;
import org.dmascope.model.kernel.sg.SgFromPages;
import org.dmascope.model.kernel.sg.SgTableLayout;
import org.dmascope.model.mapping.InputEntries;
import org.dmascope.model.mapping.Mapping;
import org.dmascope.model.mapping.PinnedBuffer;

/**
 * Question 1, mainline: the GUP → scatterlist → DMA flow. {@code pin_user_pages()} fills an array of
 * page pointers, {@code sg_alloc_table_from_pages()} (lib/scatterlist.c, R-SG-4) turns runs of them into
 * {@code struct scatterlist} entries (include/linux/scatterlist.h), and {@code dma_map_sg()} writes the
 * DMA fields of the first {@code nents} entries in place. Every figure is the engine's: entries and chains
 * from its scatterlist (R-SG-1..4), DMA segments from its mapping.
 */
public final class ScatterlistCarrier implements DesignModel {
    static final String LAYOUT = """
            struct scatterlist {
            	unsigned long	page_link;
            	unsigned int	offset;
            	unsigned int	length;
            	dma_addr_t	dma_address;
            #ifdef CONFIG_NEED_SG_DMA_LENGTH
            	unsigned int	dma_length;
            #endif
            #ifdef CONFIG_NEED_SG_DMA_FLAGS
            	unsigned int	dma_flags;
            #endif
            };""";

    @Override
    public Question question() {
        return Question.CARRIER;
    }

    @Override
    public Design evaluate(DesignInput in) {
        long entries = in.kernelSgEntries();
        long segments = in.dmaSegments();
        List<Figure> f = new ArrayList<>();
        f.add(Figure.of("entries", "entries", entries));
        f.add(Figure.of("chains", "chain entries", in.kernelSgChains()));
        f.add(Figure.of("bytesPerEntry", "bytes per entry", SgTableLayout.SCATTERLIST_BYTES));
        f.add(Figure.of("bytes", "bytes", in.kernelSgBytes()));
        f.add(Figure.of("pageArrayBytes", "page pointers filled first", (long) Layouts.PAGE_POINTER_BYTES
                * in.pages()));
        f.add(Figure.of("lengthSplits", "splits by the length limit", Math.max(0, entries - in.ranges())));
        f.add(Figure.of("unusedFields", "unused fields", 2 * Math.max(0, entries - segments)));
        return new Design(Question.CARRIER, "scatterlist", "struct scatterlist from struct page",
                "mainline since 2.6.24 (chained tables); include/linux/scatterlist.h, lib/scatterlist.c", true,
                LAYOUT, Layouts.X86_64,
                "Every existing driver and IOMMU already speaks it, and the page pointer finds the P2P provider "
                        + "through page->pgmap.",
                "Still the input of dma_map_sg() in mainline; the newer paths (block iterator 6.17, dma-buf "
                        + "6.19) walk phys_vec instead.",
                f, table(in));
    }

    /** The kernel's entries part by part: page, offset, length, and the DMA fields dma_map_sg() wrote. */
    private static EntryTable table(DesignInput in) {
        List<Mapping> parts = in.parts();
        List<ScatterList> lists = new ArrayList<>();
        int[] first = new int[parts.size() + 1];
        for (int p = 0; p < parts.size(); p++) {
            ScatterList l = list(parts.get(p));
            lists.add(l);
            first[p + 1] = first[p] + (l == null ? parts.get(p).inputs().count() : l.nents());
        }
        List<String> cols = List.of("#", "kind", "sg_phys", "length", "dma_address", "dma_length");
        return EntryTable.of(cols, first[parts.size()], (row, col) -> {
                    int p = 0;
                    while (first[p + 1] <= row) p++;
                    Mapping m = parts.get(p);
                    ScatterList l = lists.get(p);
                    int i = row - first[p];
                    boolean dma = m.verdict().isOk() && i < m.segments().count();
                    return switch (col) {
                        case 0 -> Integer.toString(row);
                        case 1 -> Layouts.kind(m.pinned().isP2p());
                        case 2 -> Layouts.hex(l == null ? m.inputs().phys(i) : l.phys(i));
                        case 3 -> Layouts.hex(l == null ? m.inputs().length(i) : l.length(i));
                        case 4 -> dma ? Layouts.hex(m.segments().address(i)) : Layouts.UNUSED;
                        default -> dma ? Layouts.hex(m.segments().length(i)) : Layouts.UNUSED;
                    };
                });
    }

    /**
     * The part's scatterlist as sg_alloc_table_from_pages() builds it (R-SG-4, the engine's own builder),
     * or null when the engine kept the list it mapped (its input fields are read from the mapping).
     */
    private static ScatterList list(Mapping m) {
        InputEntries e = m.inputs();
        if (e.kind() == InputEntries.Kind.SCATTERLIST && e.count() > 0) return null;
        PinnedBuffer b = m.pinned();
        return SgFromPages.build(b.pages(), null, b.pageCount(), b.offset(), b.size(), m.device().maxSegSize());
    }
}
