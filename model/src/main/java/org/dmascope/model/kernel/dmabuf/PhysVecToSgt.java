package org.dmascope.model.kernel.dmabuf;

import static org.dmascope.model.kernel.dma.KernelArith.DMA_MAPPING_ERROR;

import java.util.ArrayList;
import java.util.List;

import org.dmascope.model.kernel.DmaApi;
import org.dmascope.model.kernel.dma.Errno;
import org.dmascope.model.kernel.dma.P2pProvider;
import org.dmascope.model.kernel.iommu.IovaTwoStep;
import org.dmascope.model.kernel.p2p.P2pMapType;
import org.dmascope.model.kernel.rule.KernelRule;

/**
 * R-DMABUF-2: {@code dma_buf_phys_vec_to_sgt()}, drivers/dma-buf/dma-buf-mapping.c (torvalds/linux 0b9828c7231e,
 * v6.19+), what {@code dma_buf_map_attachment()} returns for a vfio dma-buf. The exporter's physical vectors
 * become a scatterlist with a DMA list only (no pages):
 * <ul>
 *   <li>{@code pci_p2pdma_map_type(provider, importer)} BUS_ADDR: each vector at its bus address, no IOVA;</li>
 *   <li>THRU_HOST_BRIDGE: {@code dma_iova_try_alloc()} for the whole size; with an IOVA each vector is
 *       {@code dma_iova_link()}ed with {@code DMA_ATTR_MMIO}, one {@code dma_iova_sync()}, one entry for the
 *       whole range; without (dma-direct) each vector is {@code dma_map_phys(..., DMA_ATTR_MMIO)};</li>
 *   <li>any other map type: -EINVAL;</li>
 *   <li>an entry holds at most {@code MAX_SG_ENT_SZ = ALIGN_DOWN(UINT_MAX, PAGE_SIZE)} bytes; longer stretches
 *       are cut ({@code fill_sg_entry()}).</li>
 * </ul>
 */
@KernelRule("R-DMABUF-2")
public final class PhysVecToSgt {
    /** {@code MAX_SG_ENT_SZ}: the largest page-aligned length a 32-bit {@code sg_dma_len} holds. */
    public static final long MAX_SG_ENT_SZ = 0xFFFFFFFFL & -VfioDmaBuf.PAGE;

    /** How the addresses were made. */
    public enum Way {
        BUS_ADDRESSES, ONE_IOVA_RANGE, MAP_PHYS_EACH
    }

    /** One scatterlist entry: DMA address and length. */
    public record Entry(long dma, long len) {
    }

    /** The table, or the errno that {@code ERR_PTR} carried. */
    public record Result(List<Entry> entries, Way way, Errno error, long iova) {
        public boolean isOk() {
            return error == null;
        }
    }

    private PhysVecToSgt() {
    }

    /**
     * @param paddr the exporter's physical vectors ({@code phys_vec[i].paddr})
     * @param len   their lengths
     */
    public static Result map(P2pMapType type, P2pProvider provider, long[] paddr, long[] len, DmaApi api) {
        long size = 0;
        for (long l : len) size += l;
        List<Entry> out = new ArrayList<>();
        if (type == P2pMapType.BUS_ADDR) {
            for (int i = 0; i < paddr.length; i++) fill(out, len[i], provider.busAddress(paddr[i]));
            return new Result(out, Way.BUS_ADDRESSES, null, 0);
        }
        if (type != P2pMapType.THRU_HOST_BRIDGE) return new Result(List.of(), null, Errno.EINVAL, 0);
        IovaTwoStep.State state = new IovaTwoStep.State();
        if (api.iovaTryAlloc(state, paddr[0], size)) {
            long mapped = 0;
            for (int i = 0; i < paddr.length; i++) {
                Errno e = api.iovaLink(state, paddr[i], mapped, len[i], true);
                if (e != null) {
                    api.iovaAbort(state);
                    return new Result(List.of(), Way.ONE_IOVA_RANGE, e, 0);
                }
                mapped += len[i];
            }
            api.iovaSync(state);
            fill(out, mapped, state.addr());
            return new Result(out, Way.ONE_IOVA_RANGE, null, state.addr());
        }
        for (int i = 0; i < paddr.length; i++) {
            long dma = api.mapPhys(paddr[i], len[i], true);
            if (dma == DMA_MAPPING_ERROR) return new Result(List.of(), Way.MAP_PHYS_EACH, Errno.EIO, 0);
            fill(out, len[i], dma);
        }
        return new Result(out, Way.MAP_PHYS_EACH, null, 0);
    }

    /** {@code fill_sg_entry()}: {@code length} bytes from {@code addr} in entries of at most MAX_SG_ENT_SZ. */
    static void fill(List<Entry> out, long length, long addr) {
        while (length > 0) {
            long l = Math.min(length, MAX_SG_ENT_SZ);
            out.add(new Entry(addr, l));
            length -= l;
            addr += l;
        }
    }

    /** {@code calc_sg_nents()}: the entries the table is allocated with. */
    public static int entries(boolean iova, long[] len, long size) {
        if (iova) return (int) ((size + MAX_SG_ENT_SZ - 1) / MAX_SG_ENT_SZ);
        int n = 0;
        for (long l : len) n += (int) ((l + MAX_SG_ENT_SZ - 1) / MAX_SG_ENT_SZ);
        return n;
    }
}
