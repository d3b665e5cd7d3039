package org.dmascope.model.kernel.sg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * The run-by-run build (ordinary pages, a max segment no run reaches) makes exactly the entries of
 * the general page-by-page build of R-SG-4: a {@code dev_pagemap} index that is the same for every
 * page merges like ordinary memory but takes the general loop, so the two can be compared.
 */
class SgFromPagesRunsTest {
    @Test
    void runsGiveTheSameEntriesAsTheGeneralBuild() {
        SplittableRandom r = new SplittableRandom(42);
        for (int round = 0; round < 500; round++) {
            int n = 1 + r.nextInt(round < 50 ? 4 : 300);
            long[] pages = new long[n];
            long next = (1 + r.nextInt(1 << 20)) << 12;
            for (int i = 0; i < n; i++) {
                pages[i] = r.nextInt(3) == 0 || i == 0 ? (1 + r.nextInt(1 << 24)) << 12 : next;
                next = pages[i] + 4096;
            }
            long offset = r.nextBoolean() ? 0 : r.nextLong(4096);
            long room = (long) n * 4096 - offset;
            long size = n == 1 ? 1 + r.nextLong(room) : room - r.nextLong(Math.min(room - (long) (n - 1) * 4096
                    + offset, 4096));
            long maxSeg = r.nextBoolean() ? 0xFFFF_FFFFL : ((long) n << 12) + r.nextLong(1 << 20);
            ScatterList runs = SgFromPages.build(pages, null, n, offset, size, maxSeg);
            ScatterList general = SgFromPages.build(pages, new int[n], n, offset, size, maxSeg);
            ScatterList counted = SgFromPages.build(pages, null, n, offset, size, maxSeg, runs.nents());
            String what = "round " + round + ": " + n + " pages, offset " + offset + ", size " + size;
            assertEquals(general.nents(), runs.nents(), what);
            assertEquals(general.nents(), counted.nents(), what);
            for (int i = 0; i < general.nents(); i++) {
                assertEquals(general.page(i), runs.page(i), what + ", entry " + i);
                assertEquals(general.offset(i), runs.offset(i), what + ", entry " + i);
                assertEquals(general.length(i), runs.length(i), what + ", entry " + i);
                assertEquals(ScatterList.NO_PROVIDER, runs.provider(i));
                assertEquals(runs.length(i), counted.length(i));
            }
            assertEquals(size, runs.totalLength(), what);
        }
    }

    @Test
    void aWrongRunCountIsRefused() {
        long[] pages = {0x1000, 0x2000, 0x9000};
        assertThrows(IllegalArgumentException.class, () -> SgFromPages.build(pages, null, 3, 0, 0x3000, 0xFFFF_FFFFL,
                3));
    }
}
