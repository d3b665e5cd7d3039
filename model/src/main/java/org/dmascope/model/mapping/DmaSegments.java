package org.dmascope.model.mapping;

import java.util.ArrayList;
import java.util.List;

import org.dmascope.model.kernel.dma.SegmentCollector;

/**
 * What the device is handed: DMA segments (address, length, flags) and, for each, the run of input
 * entries that formed it. Primitive columns; the same list read as {@code struct dma_range} entries
 * is the "dma_range" form of section 5.
 */
public final class DmaSegments {
    /** {@code SG_DMA_BUS_ADDRESS}: a PCI bus address (P2P inside the fabric). */
    public static final int BUS = SegmentCollector.BUS;
    /**
     * This segment's address is a swiotlb bounce buffer (named {@code BOUNCED}); the kernel's {@code SG_DMA_SWIOTLB}
     * mark is the list's ({@link #swiotlbMarked()}).
     */
    public static final int SWIOTLB = SegmentCollector.SWIOTLB;
    /** The kernel left the address unassigned (v6.16-7.0 dma-direct THRU_HOST_BRIDGE, R-DIR-4). */
    public static final int UNSET = SegmentCollector.UNSET;
    /** An IOVA translated by the IOMMU. */
    public static final int IOVA = SegmentCollector.IOVA;
    /** {@code struct dma_range { dma_addr_t addr; u32 len; }}: 16 bytes with padding. */
    public static final int DMA_RANGE_BYTES = 16;

    static final DmaSegments EMPTY = new DmaSegments(new SegmentCollector());

    private final long[] addr;
    private final long[] len;
    private final byte[] flags;
    private final int[] first;
    private final int[] count;
    private final boolean swiotlbMarked;

    DmaSegments(SegmentCollector c) {
        swiotlbMarked = c.listSwiotlb();
        addr = c.addrs();
        len = c.lens();
        flags = c.flagsArray();
        first = c.firsts();
        count = c.counts();
    }

    public int count() {
        return addr.length;
    }

    public long address(int i) {
        return addr[i];
    }

    public long length(int i) {
        return len[i];
    }

    public int flags(int i) {
        return flags[i];
    }

    public boolean has(int i, int flag) {
        return (flags[i] & flag) != 0;
    }

    /**
     * True when the kernel marked the list {@code SG_DMA_SWIOTLB} ({@code sg_dma_mark_swiotlb()} on the first entry,
     * dma-iommu's swiotlb path for an untrusted device): a property of the whole list, which the sync and unmap
     * calls read from the first entry.
     */
    public boolean swiotlbMarked() {
        return swiotlbMarked;
    }

    /**
     * Flag names: {@code BUS} ({@code SG_DMA_BUS_ADDRESS}), {@code BOUNCED} (the address is a bounce buffer; not the
     * list's {@code SG_DMA_SWIOTLB} mark), {@code IOVA}, {@code UNSET}.
     */
    public List<String> flagNames(int i) {
        List<String> out = new ArrayList<>(2);
        if (has(i, BUS)) out.add("BUS");
        if (has(i, SWIOTLB)) out.add("BOUNCED");
        if (has(i, IOVA)) out.add("IOVA");
        if (has(i, UNSET)) out.add("UNSET");
        return out;
    }

    /** First input entry that formed segment {@code i}. */
    public int firstInput(int i) {
        return first[i];
    }

    /** Number of consecutive input entries merged into segment {@code i}. */
    public int inputCount(int i) {
        return count[i];
    }

    public long totalLength() {
        long t = 0;
        for (long l : len) t += l;
        return t;
    }

    long footprintBytes() {
        return 40 + 25L * addr.length;
    }
}
