package org.dmascope.model.mapping;

/**
 * The generator of {@link java.util.SplittableRandom} created with {@code new SplittableRandom(seed)}
 * (SplitMix64 with the golden gamma, Steele, Lea and Flood 2014), giving the same numbers, with its
 * state in the open: the page placement keeps the seed in a local variable in its hot loop instead of
 * loading and storing a field for every draw. {@code SplitMixTest} checks it against
 * {@code SplittableRandom}.
 */
final class SplitMix {
    /** The increment of {@code new SplittableRandom(seed)}. */
    static final long GOLDEN_GAMMA = 0x9e37_79b9_7f4a_7c15L;

    /** The state: add {@link #GOLDEN_GAMMA}, then mix, for every draw. */
    long seed;

    SplitMix(long seed) {
        this.seed = seed;
    }

    /** Stafford's variant 13 of the 64-bit finaliser: {@code nextLong()} of state {@code z}. */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58_476d_1ce4_e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d0_49bb_1331_11ebL;
        return z ^ (z >>> 31);
    }

    /** The high 32 bits of Stafford's variant 4: {@code nextInt()} of state {@code z}. */
    static int mix32(long z) {
        z = (z ^ (z >>> 33)) * 0x62a9_d9ed_7997_05f5L;
        return (int) (((z ^ (z >>> 28)) * 0xcb24_d0a5_c88c_35b3L) >>> 32);
    }

    long nextLong() {
        return mix64(seed += GOLDEN_GAMMA);
    }

    int nextInt() {
        return mix32(seed += GOLDEN_GAMMA);
    }

    double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in {@code [0, bound)}, rejecting over-represented draws as {@code SplittableRandom} does. */
    long nextLong(long bound) {
        if (bound <= 0) throw new IllegalArgumentException("bound must be positive");
        long m = bound - 1;
        long r = nextLong();
        if ((bound & m) == 0L) return r & m;
        for (long u = r >>> 1; u + m - (r = u % bound) < 0L; u = nextLong() >>> 1) {
            // rejected: draw again
        }
        return r;
    }

    /** Uniform in {@code [0, bound)}, as {@code SplittableRandom.nextInt(bound)}. */
    int nextInt(int bound) {
        if (bound <= 0) throw new IllegalArgumentException("bound must be positive");
        int m = bound - 1;
        int r = nextInt();
        if ((bound & m) == 0) return r & m;
        for (int u = r >>> 1; u + m - (r = u % bound) < 0; u = nextInt() >>> 1) {
            // rejected: draw again
        }
        return r;
    }
}
