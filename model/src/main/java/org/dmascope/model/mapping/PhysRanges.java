package org.dmascope.model.mapping;

import java.util.Arrays;

/**
 * A list of physical ranges ("phyr": {@code struct phyr { phys_addr_t addr; size_t len; }}, Wilcox
 * 2022, kernel-dma-rules.md section 5): the pinned buffer as maximal physically contiguous runs,
 * 16 bytes per range instead of 8 bytes per page plus a 32-byte scatterlist entry per chunk.
 */
public final class PhysRanges {
    /** Bytes per range: a 64-bit address and a 64-bit length. */
    public static final int BYTES_PER_RANGE = 16;

    private final long[] addr;
    private final long[] len;

    PhysRanges(long[] addr, long[] len) {
        this.addr = addr;
        this.len = len;
    }

    public int count() {
        return addr.length;
    }

    public long addr(int i) {
        return addr[i];
    }

    public long len(int i) {
        return len[i];
    }

    public long totalBytes() {
        long t = 0;
        for (long l : len) t += l;
        return t;
    }

    public long metadataBytes() {
        return (long) addr.length * BYTES_PER_RANGE;
    }

    long footprintBytes() {
        return 32 + 16L * addr.length;
    }

    /**
     * Merges consecutive pages into ranges, starting {@code offset} into the first page and covering {@code size}
     * bytes.
     */
    static int countRanges(long[] pages, int nPages) {
        int ranges = nPages == 0 ? 0 : 1;
        for (int i = 1; i < nPages; i++) if (pages[i] != pages[i - 1] + 4096) ranges++;
        return ranges;
    }

    static PhysRanges ofPages(long[] pages, int nPages, long offset, long size) {
        int ranges = countRanges(pages, nPages);
        long[] a = new long[ranges];
        long[] l = new long[ranges];
        int n = 0;
        long left = size;
        for (int i = 0; i < nPages && left > 0; i++) {
            long start = pages[i] + (i == 0 ? offset : 0);
            long chunk = Math.min(left, 4096 - (i == 0 ? offset : 0));
            if (n > 0 && a[n - 1] + l[n - 1] == start) {
                l[n - 1] += chunk;
            } else {
                a[n] = start;
                l[n] = chunk;
                n++;
            }
            left -= chunk;
        }
        return new PhysRanges(n == ranges ? a : Arrays.copyOf(a, n), n == ranges ? l : Arrays.copyOf(l, n));
    }
}
