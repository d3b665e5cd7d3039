package org.dmascope.model.mapping;

/** An open-addressing set of non-negative longs: placing a quarter million pages without boxing. */
final class PfnSet {
    private long[] slots;
    private int size;

    PfnSet(int expected) {
        int cap = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        slots = new long[cap];
        java.util.Arrays.fill(slots, -1L);
    }

    boolean contains(long v) {
        int mask = slots.length - 1;
        int i = hash(v) & mask;
        while (true) {
            long s = slots[i];
            if (s == -1L) return false;
            if (s == v) return true;
            i = (i + 1) & mask;
        }
    }

    void add(long v) {
        if ((size + 1) * 2 > slots.length) grow();
        int mask = slots.length - 1;
        int i = hash(v) & mask;
        while (slots[i] != -1L) {
            if (slots[i] == v) return;
            i = (i + 1) & mask;
        }
        slots[i] = v;
        size++;
    }

    private void grow() {
        long[] old = slots;
        slots = new long[old.length * 2];
        java.util.Arrays.fill(slots, -1L);
        size = 0;
        for (long v : old) if (v != -1L) add(v);
    }

    private static int hash(long v) {
        long h = v * 0x9E37_79B9_7F4A_7C15L;
        return (int) (h ^ (h >>> 32));
    }
}
