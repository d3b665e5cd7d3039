package org.dmascope.model.mapping;

import java.util.Arrays;
import java.util.OptionalLong;

import org.dmascope.model.util.Hex;

/**
 * How a host buffer's pages lie in physical memory.
 *
 * @param kind  the layout
 * @param seed  random seed for placement (contiguous, scattered, huge pages)
 * @param at    for a contiguous buffer: the physical address of its first page
 * @param pages for an explicit layout: the physical address of each 4 KiB page
 */
public record PageLayout(Kind kind, long seed, OptionalLong at, long[] pages) {

    public enum Kind {
        CONTIGUOUS("contiguous"), SCATTERED("scattered"), HUGE_2M("huge2m"), HUGE_1G("huge1g"), EXPLICIT("pages");

        private final String spec;

        Kind(String spec) {
            this.spec = spec;
        }

        public String spec() {
            return spec;
        }
    }

    /** Seed used when none is given. */
    public static final long DEFAULT_SEED = 1;

    public PageLayout {
        pages = pages == null ? new long[0] : pages.clone();
    }

    public static PageLayout contiguous() {
        return new PageLayout(Kind.CONTIGUOUS, DEFAULT_SEED, OptionalLong.empty(), null);
    }

    public static PageLayout scattered(long seed) {
        return new PageLayout(Kind.SCATTERED, seed, OptionalLong.empty(), null);
    }

    public static PageLayout explicit(long... pages) {
        return new PageLayout(Kind.EXPLICIT, DEFAULT_SEED, OptionalLong.empty(), pages);
    }

    /** The size of one placement unit: 4 KiB, 2 MiB or 1 GiB. */
    public long unit() {
        switch (kind) {
            case HUGE_2M:
                return 2L << 20;
            case HUGE_1G:
                return 1L << 30;
            default:
                return 4096;
        }
    }

    @Override
    public long[] pages() {
        return pages.clone();
    }

    /** The spec spelling, e.g. {@code scattered:seed=7}. */
    public String spec() {
        StringBuilder sb = new StringBuilder();
        if (kind == Kind.EXPLICIT) {
            sb.append("pages=");
            for (int i = 0; i < pages.length; i++) {
                if (i > 0) sb.append(',');
                sb.append(Hex.addr(pages[i]));
            }
            return sb.toString();
        }
        sb.append(kind.spec());
        if (kind != Kind.CONTIGUOUS || at.isEmpty()) {
            if (seed != DEFAULT_SEED) sb.append(":seed=").append(seed);
        }
        at.ifPresent(a -> sb.append(":at=").append(Hex.addr(a)));
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PageLayout p && p.kind == kind && p.seed == seed && p.at.equals(at)
                && Arrays.equals(p.pages, pages);
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + Long.hashCode(seed) + Arrays.hashCode(pages);
    }
}
