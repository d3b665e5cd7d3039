package org.dmascope.model.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** The page placement's generator draws exactly what {@code new SplittableRandom(seed)} draws. */
class SplitMixTest {
    private static final long[] SEEDS = {0, 1, 7, 11, -1, Long.MIN_VALUE, Long.MAX_VALUE, 0x1234_5678_9ABCL};

    @Test
    void unboundedDrawsMatchSplittableRandom() {
        for (long seed : SEEDS) {
            SplittableRandom want = new SplittableRandom(seed);
            SplitMix got = new SplitMix(seed);
            for (int i = 0; i < 2000; i++) {
                switch (i % 3) {
                    case 0:
                        assertEquals(want.nextLong(), got.nextLong(), "nextLong, seed " + seed + " draw " + i);
                        break;
                    case 1:
                        assertEquals(want.nextInt(), got.nextInt(), "nextInt, seed " + seed + " draw " + i);
                        break;
                    default:
                        assertEquals(want.nextDouble(), got.nextDouble(), "nextDouble, seed " + seed + " draw " + i);
                }
            }
        }
    }

    @Test
    void boundedDrawsMatchSplittableRandomIncludingRejections() {
        long[] longBounds = {1, 2, 3, 1000, 262_144, 1L << 40, (1L << 62) + 1, Long.MAX_VALUE, 0x5555_5555_5555_5555L};
        int[] intBounds = {1, 2, 3, 100, 16_384, (1 << 30) + 1, Integer.MAX_VALUE, 0x5555_5555};
        for (long seed : SEEDS) {
            SplittableRandom want = new SplittableRandom(seed);
            SplitMix got = new SplitMix(seed);
            for (int i = 0; i < 3000; i++) {
                long lb = longBounds[i % longBounds.length];
                int ib = intBounds[i % intBounds.length];
                assertEquals(want.nextLong(lb), got.nextLong(lb), "nextLong(" + lb + "), seed " + seed);
                assertEquals(want.nextInt(ib), got.nextInt(ib), "nextInt(" + ib + "), seed " + seed);
            }
            assertEquals(want.nextLong(), got.nextLong(), "still in step, seed " + seed);
        }
    }

    @Test
    void topTwoBitsZeroIsExactlyADrawBelowAQuarter() {
        SplittableRandom a = new SplittableRandom(3);
        SplitMix b = new SplitMix(3);
        for (int i = 0; i < 100_000; i++) assertEquals(a.nextDouble() < 0.25, b.nextLong() >>> 62 == 0);
    }
}
