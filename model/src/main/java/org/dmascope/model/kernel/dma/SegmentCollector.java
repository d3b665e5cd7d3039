package org.dmascope.model.kernel.dma;

import java.util.Arrays;

/**
 * Output DMA segments as a mapping path produces them, in primitive columns: address, length,
 * flags, and the input entries (a run {@code first .. first + count - 1}) that formed each.
 */
public final class SegmentCollector {
    /** {@code SG_DMA_BUS_ADDRESS}. */
    public static final int BUS = 1;
    /**
     * This segment's address is a swiotlb bounce buffer ({@code is_swiotlb_buffer()} holds for it): a fact
     * about one address. The kernel's own mark, {@code SG_DMA_SWIOTLB}, is the list's: see
     * {@link #markListSwiotlb()}.
     */
    public static final int SWIOTLB = 2;
    /** The kernel left the address unassigned (see R-DIR-4 note). */
    public static final int UNSET = 4;
    /** Translated by the IOMMU (an IOVA). */
    public static final int IOVA = 8;

    long[] addr = new long[16];
    long[] len = new long[16];
    byte[] flags = new byte[16];
    int[] first = new int[16];
    int[] count = new int[16];
    int n;
    boolean listSwiotlb;

    /**
     * {@code sg_dma_mark_swiotlb(sgl)} (include/linux/scatterlist.h): {@code iommu_dma_map_sg_swiotlb()} sets
     * {@code SG_DMA_SWIOTLB} in the first entry's {@code dma_flags}, and {@code sg_dma_is_swiotlb(sgl)} reads it
     * there, so it marks the whole list, not single segments.
     */
    public void markListSwiotlb() {
        listSwiotlb = true;
    }

    public boolean listSwiotlb() {
        return listSwiotlb;
    }

    public void add(long a, long l, int f, int firstInput, int inputCount) {
        if (n == addr.length) {
            int c = n * 2;
            addr = Arrays.copyOf(addr, c);
            len = Arrays.copyOf(len, c);
            flags = Arrays.copyOf(flags, c);
            first = Arrays.copyOf(first, c);
            count = Arrays.copyOf(count, c);
        }
        addr[n] = a;
        len[n] = l;
        flags[n] = (byte) f;
        first[n] = firstInput;
        count[n] = inputCount;
        n++;
    }

    public int size() {
        return n;
    }

    public long addr(int i) {
        return addr[i];
    }

    public long len(int i) {
        return len[i];
    }

    public int flags(int i) {
        return flags[i];
    }

    public int firstInput(int i) {
        return first[i];
    }

    public int inputCount(int i) {
        return count[i];
    }

    public long[] addrs() {
        return Arrays.copyOf(addr, n);
    }

    public long[] lens() {
        return Arrays.copyOf(len, n);
    }

    public byte[] flagsArray() {
        return Arrays.copyOf(flags, n);
    }

    public int[] firsts() {
        return Arrays.copyOf(first, n);
    }

    public int[] counts() {
        return Arrays.copyOf(count, n);
    }
}
