package org.dmascope.model.designs;

import java.util.Arrays;

/**
 * The buffer's physical ranges cut to fit a length field of at most {@code chunk} bytes: range
 * {@code i} of length L becomes ceil(L / chunk) entries. Row {@code r} is found by binary search in
 * the running entry counts, so nothing per entry is stored.
 */
final class SplitRanges {
    private final DesignInput in;
    private final long chunk;
    /** first[i]: the first entry of range i; first[ranges]: the entry count. */
    private final long[] first;
    private final long p2pEntries;

    /** Use {@link DesignInput#split(long)}, which makes each split once. */
    SplitRanges(DesignInput in, long chunk) {
        this.in = in;
        this.chunk = chunk;
        first = new long[in.ranges() + 1];
        long p2p = 0;
        for (int i = 0; i < in.ranges(); i++) {
            long n = pieces(in.rangeLen(i), chunk);
            first[i + 1] = first[i] + n;
            if (in.rangeProvider(i) != null) p2p += n;
        }
        p2pEntries = p2p;
    }

    /** Entries of P2P memory. */
    long p2pEntries() {
        return p2pEntries;
    }

    static long pieces(long len, long chunk) {
        return len == 0 ? 0 : 1 + (len - 1) / chunk;
    }

    long entries() {
        return first[first.length - 1];
    }

    /** Entries beyond one per range: the splits the length field forces. */
    long splits() {
        return entries() - in.ranges();
    }

    int rows() {
        return (int) Math.min(Integer.MAX_VALUE, entries());
    }

    int range(int row) {
        int i = Arrays.binarySearch(first, row);
        if (i >= 0) {
            while (i + 1 < first.length && first[i + 1] == row) i++;
            return i;
        }
        return -i - 2;
    }

    long addr(int row) {
        int i = range(row);
        return in.rangeAddr(i) + (row - first[i]) * chunk;
    }

    long len(int row) {
        int i = range(row);
        long done = (row - first[i]) * chunk;
        return Math.min(chunk, in.rangeLen(i) - done);
    }

    boolean p2p(int row) {
        return in.rangeProvider(range(row)) != null;
    }

    DesignInput input() {
        return in;
    }
}
