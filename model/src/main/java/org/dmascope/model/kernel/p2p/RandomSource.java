package org.dmascope.model.kernel.p2p;

import java.util.SplittableRandom;

/**
 * Where {@code get_random_u32_below(n)} draws from in {@link P2pmemFinder}: injectable so results
 * can be reproduced (seeded) or pinned in tests.
 */
@FunctionalInterface
public interface RandomSource {
    /** A number in {@code [0, bound)}. */
    int below(int bound);

    static RandomSource seeded(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        return r::nextInt;
    }
}
