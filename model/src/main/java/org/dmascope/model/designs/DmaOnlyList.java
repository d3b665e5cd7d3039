package org.dmascope.model.designs;

import java.util.ArrayList;
import java.util.List;

/**
 * Question 6, proposal: a DMA-only scatterlist with no page pointers ({@code sgl_dma_map_user} is the
 * label this lab gives it; the thread says "DMA-only SGL"): Jason Gunthorpe, "Re: [RFC PATCH 3/5] mm/vma: add
 * support for peer to peer to device vma", linux-mm, 31 Jan 2019 ("realize that he created a DMA-only SGL -
 * make that a formal type of the kernel ... Basically invert the API flow - the DMA map would be done close
 * to GUP"), as quoted in Logan Gunthorpe's reply the same day (https://lkml.org/lkml/2019/1/31/834), which
 * answers: "The DMA-only SGL will work for some use cases, but I think it's going to be a challenge for
 * others. We care most about NVMe and, therefore, the block layer." Its mainline descendant is the premapped
 * dma-buf I/O of 7.4 (io_uring dma-buf, BIO_DMABUF_MAP, nvme PRP/SGL from DMA addresses; kernel-timeline K15).
 */
public final class DmaOnlyList extends CpuAccess {
    @Override
    public Design evaluate(DesignInput in) {
        List<Figure> f = new ArrayList<>();
        f.add(Figure.of("cpuReadable", "CPU-readable", false));
        f.add(Figure.of("cpuReadableBytes", "bytes the CPU can reach", 0));
        f.add(Figure.of("mmioBytes", "of which by MMIO (P2P)", 0));
        f.add(Figure.of("consumersServed", "consumers served", CONSUMERS.size() - needingCpu()));
        f.add(Figure.of("consumersBroken", "consumers broken", needingCpu()));
        return new Design(Question.CPU_ACCESS, "dma-only", "DMA-only scatterlist (sgl_dma_map_user)",
                "proposal, 'peer to peer to device vma' thread, linux-mm, 2019 (Jason Gunthorpe, quoted in "
                        + "lkml.org/lkml/2019/1/31/834)", false,
                "dma_addr_t dma_address; unsigned int dma_length;  /* no page_link */", Layouts.X86_64,
                "Map close to GUP and hand drivers only DMA addresses; memory without struct page then never "
                        + "needs one.",
                "Landed in spirit as 7.4's premapped dma-buf I/O (mapped once at registration); the page-backed "
                        + "list stays for consumers that copy with the CPU.",
                f, table(false));
    }
}
