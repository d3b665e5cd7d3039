package org.dmascope.model.kernel.block;

import java.util.Arrays;

/**
 * The bio vectors of a request in columns: physical address, length, and the P2P provider of the
 * page (-1 for RAM). Multi-page vectors: {@code bio_add_page} merges physically contiguous pages of
 * the same {@code dev_pagemap} into one vector.
 */
public final class Bvecs {
    long[] paddr;
    long[] len;
    int[] provider;
    int n;

    public Bvecs(int capacity) {
        int c = Math.max(4, capacity);
        paddr = new long[c];
        len = new long[c];
        provider = new int[c];
    }

    public void add(long p, long l, int prov) {
        if (n == paddr.length) {
            paddr = Arrays.copyOf(paddr, n * 2);
            len = Arrays.copyOf(len, n * 2);
            provider = Arrays.copyOf(provider, n * 2);
        }
        paddr[n] = p;
        len[n] = l;
        provider[n] = prov;
        n++;
    }

    public int count() {
        return n;
    }

    public long paddr(int i) {
        return paddr[i];
    }

    public long len(int i) {
        return len[i];
    }

    public int provider(int i) {
        return provider[i];
    }

    public long totalBytes() {
        long t = 0;
        for (int i = 0; i < n; i++) t += len[i];
        return t;
    }

    /** {@code bv_offset} as the masks see it: the offset within the first page. */
    static long offset(long paddr) {
        return paddr & 0xFFF;
    }
}
