package org.dmascope.model.io.hwloc;

import java.util.Optional;

/**
 * hwloc bitmaps ({@code cpuset}, {@code nodeset}): comma-separated 32-bit hex words, most significant
 * first, each {@code 0x}-prefixed ({@code 0x000000ff,0xffffffff}; Linux cpumasks and NCCL's {@code affinity}
 * leave the prefix out), an all-zero word left empty
 * ({@code 0x1,,0x3}); a leading {@code 0xf...f} word means "all the rest" and is treated as unknown.
 */
public final class Bitmaps {
    private static final int MAX_BITS = 1 << 16;

    private Bitmaps() {
    }

    /** The set bits, or empty when the text is not a finite bitmap. */
    static Optional<java.util.BitSet> parse(String text) {
        String[] words = text.trim().split(",");
        if (words.length == 0 || words.length > MAX_BITS / 32) return Optional.empty();
        java.util.BitSet bits = new java.util.BitSet();
        for (int w = 0; w < words.length; w++) {
            String word = words[w].trim();
            if (word.startsWith("0x") || word.startsWith("0X")) word = word.substring(2);
            if (word.isEmpty()) continue; // hwloc leaves an all-zero word empty: 0x1,,0x3
            if (word.equals("f...f") || word.length() > 8 || !word.matches("[0-9a-fA-F]+")) return Optional.empty();
            long v = Long.parseLong(word, 16);
            int base = 32 * (words.length - 1 - w);
            for (int b = 0; b < 32; b++) if ((v >> b & 1) != 0) bits.set(base + b);
        }
        return Optional.of(bits);
    }

    /** The one set bit, when exactly one is set. */
    static Optional<Integer> single(String text) {
        return parse(text).filter(b -> b.cardinality() == 1).map(b -> b.nextSetBit(0));
    }

    /** Kernel CPU-list notation: {@code 0-7,16-23}. */
    public static Optional<String> cpuList(String text) {
        Optional<java.util.BitSet> bits = parse(text);
        if (bits.isEmpty() || bits.get().isEmpty()) return Optional.empty();
        java.util.BitSet b = bits.get();
        StringBuilder sb = new StringBuilder();
        for (int i = b.nextSetBit(0); i >= 0; ) {
            int end = b.nextClearBit(i) - 1;
            if (sb.length() > 0) sb.append(',');
            sb.append(i);
            if (end > i) sb.append('-').append(end);
            i = b.nextSetBit(end + 1);
        }
        return Optional.of(sb.toString());
    }
}
