package org.dmascope.model.kernel.iova;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The per-size IOVA range caches ({@code iova_rcache_insert}, {@code iova_rcache_get},
 * {@code iova_magazine_pop} in drivers/iommu/iova.c) for one CPU. Freed ranges of up to 32 pages
 * ({@code IOVA_RANGE_CACHE_MAX_SIZE} = 6 orders) go into a magazine instead of back to the tree; the
 * tree node stays allocated, which is why a freed IOVA is handed out again first. Each order has a
 * loaded and a previous magazine of {@value #IOVA_MAG_SIZE} entries and a depot of full magazines.
 * The depot's 100 ms reclaim timer is not modelled (a depot magazine stays until flushed).
 */
public final class IovaRcache {
    /** {@code IOVA_RANGE_CACHE_MAX_SIZE}: orders 0..5 are cached. */
    public static final int IOVA_RANGE_CACHE_MAX_SIZE = 6;
    /** {@code IOVA_MAG_SIZE}: entries per magazine. */
    public static final int IOVA_MAG_SIZE = 127;

    private static final class Magazine {
        final long[] pfns = new long[IOVA_MAG_SIZE];
        int size;

        boolean full() {
            return size == IOVA_MAG_SIZE;
        }

        /** {@code iova_magazine_pop()}: the highest-indexed pfn not above the limit, swapped out. */
        long pop(long limitPfn) {
            int i = size - 1;
            while (Long.compareUnsigned(pfns[i], limitPfn) > 0) {
                if (i == 0) return 0;
                i--;
            }
            long pfn = pfns[i];
            pfns[i] = pfns[--size];
            return pfn;
        }
    }

    private static final class Cache {
        Magazine loaded = new Magazine();
        Magazine prev = new Magazine();
        final Deque<Magazine> depot = new ArrayDeque<>();
    }

    private final Cache[] caches = new Cache[IOVA_RANGE_CACHE_MAX_SIZE];

    IovaRcache() {
        for (int i = 0; i < caches.length; i++) caches[i] = new Cache();
    }

    /** {@code iova_rcache_insert()}: false when the size is not cacheable. */
    boolean insert(long pfn, long size) {
        int order = org.dmascope.model.kernel.dma.KernelArith.orderBase2(size);
        if (order >= IOVA_RANGE_CACHE_MAX_SIZE) return false;
        Cache c = caches[order];
        if (!c.loaded.full()) {
            c.loaded.pfns[c.loaded.size++] = pfn;
            return true;
        }
        if (!c.prev.full()) {
            Magazine t = c.loaded;
            c.loaded = c.prev;
            c.prev = t;
        } else {
            c.depot.push(c.loaded);
            c.loaded = new Magazine();
        }
        c.loaded.pfns[c.loaded.size++] = pfn;
        return true;
    }

    /** {@code iova_rcache_get(iovad, size, limit_pfn)}: 0 when nothing suitable is cached. */
    long get(long size, long limitPfnExclusive) {
        int order = org.dmascope.model.kernel.dma.KernelArith.orderBase2(size);
        if (order >= IOVA_RANGE_CACHE_MAX_SIZE) return 0;
        Cache c = caches[order];
        long limit = limitPfnExclusive - size;
        boolean has = false;
        if (c.loaded.size > 0) {
            has = true;
        } else if (c.prev.size > 0) {
            Magazine t = c.loaded;
            c.loaded = c.prev;
            c.prev = t;
            has = true;
        } else if (!c.depot.isEmpty()) {
            c.prev = c.loaded;
            c.loaded = c.depot.pop();
            has = true;
        }
        return has ? c.loaded.pop(limit) : 0;
    }

    /** Everything cached, smallest order first; emptied by the caller's flush. */
    List<long[]> drain() {
        List<long[]> out = new ArrayList<>();
        for (int order = 0; order < caches.length; order++) {
            Cache c = caches[order];
            List<Magazine> mags = new ArrayList<>();
            mags.add(c.loaded);
            mags.add(c.prev);
            mags.addAll(c.depot);
            for (Magazine m : mags) {
                for (int i = 0; i < m.size; i++) out.add(new long[] {m.pfns[i], order});
                m.size = 0;
            }
            c.depot.clear();
        }
        return out;
    }

    /** Ranges currently held in the caches. */
    int cachedCount() {
        int n = 0;
        for (Cache c : caches) {
            n += c.loaded.size + c.prev.size;
            for (Magazine m : c.depot) n += m.size;
        }
        return n;
    }

    /** The cached start pfns, for display. */
    List<Long> cachedPfns() {
        List<Long> out = new ArrayList<>();
        for (Cache c : caches) {
            for (int i = 0; i < c.loaded.size; i++) out.add(c.loaded.pfns[i]);
            for (int i = 0; i < c.prev.size; i++) out.add(c.prev.pfns[i]);
            for (Magazine m : c.depot) for (int i = 0; i < m.size; i++) out.add(m.pfns[i]);
        }
        return out;
    }
}
