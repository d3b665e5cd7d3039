package org.dmascope.model.designs;

import java.util.ArrayList;
import java.util.List;

/**
 * Question 6, mainline: the mapped scatterlist keeps its page pointers, so the CPU can reach every byte
 * ({@code kmap} of host pages; P2P pages through the provider's ZONE_DEVICE mapping, by MMIO).
 */
public final class PageBackedList extends CpuAccess {
    @Override
    public Design evaluate(DesignInput in) {
        List<Figure> f = new ArrayList<>();
        f.add(Figure.of("cpuReadable", "CPU-readable", true));
        f.add(Figure.of("cpuReadableBytes", "bytes the CPU can reach", in.bytes()));
        f.add(Figure.of("mmioBytes", "of which by MMIO (P2P)", in.p2pBytes()));
        f.add(Figure.of("consumersServed", "consumers served", CONSUMERS.size()));
        f.add(Figure.of("consumersBroken", "consumers broken", 0));
        return new Design(Question.CPU_ACCESS, "page-backed", "page-backed scatterlist",
                "mainline (include/linux/scatterlist.h: page_link)", true, "unsigned long page_link;", Layouts.X86_64,
                "Software RDMA and block bounce read the data with the CPU, so a list that drops the pages "
                        + "breaks them.",
                "Still the default; every consumer that may touch the data keeps taking page-backed lists.",
                f, table(true));
    }
}
