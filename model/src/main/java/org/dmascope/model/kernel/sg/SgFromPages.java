package org.dmascope.model.kernel.sg;

import org.dmascope.model.kernel.dma.Errno;
import org.dmascope.model.kernel.dma.KernelArith;
import org.dmascope.model.kernel.rule.KernelRule;

/**
 * R-SG-4 {@code sg_alloc_append_table_from_pages(pages, n_pages, offset, size, max_segment)}
 * (lib/scatterlist.c), first call (no append): {@code max_segment} is aligned down to a page and must
 * be at least one page; a new chunk starts when the bytes since the chunk start reach
 * {@code max_segment} or the page does not follow the previous one physically or belongs to another
 * {@code dev_pagemap} ({@code pages_are_mergeable}: P2P pages of different providers never merge);
 * each chunk becomes one entry whose first page keeps the buffer offset.
 * {@code sg_alloc_table_from_pages} is this with {@code max_segment = UINT_MAX}.
 */
@KernelRule("R-SG-4")
public final class SgFromPages {
    private SgFromPages() {
    }

    /**
     * @param pages     page-aligned physical address of each page
     * @param pgmap     the provider ({@code dev_pagemap}) of each page, or null when all are ordinary
     * @param offset    offset into the first page
     * @param size      bytes described
     * @param maxSegment largest entry length
     * @return the list, or null when {@code maxSegment} is below a page ({@code -EINVAL}, {@link #ERROR})
     */
    public static ScatterList build(long[] pages, int[] pgmap, int nPages, long offset, long size, long maxSegment) {
        return build(pages, pgmap, nPages, offset, size, maxSegment, -1);
    }

    /**
     * {@link #build(long[], int[], int, long, long, long)} when the caller already knows how many
     * physically contiguous runs the pages form ({@code physRanges}, -1 if not): without
     * {@code dev_pagemap}s and with a max segment no run can reach, that is the number of entries,
     * and the pages need not be counted again.
     */
    public static ScatterList build(long[] pages, int[] pgmap, int nPages, long offset, long size, long maxSegment,
            int physRanges) {
        maxSegment = KernelArith.alignDown(maxSegment, KernelArith.PAGE_SIZE);
        if (maxSegment < KernelArith.PAGE_SIZE) return null;
        boolean noSplit = pgmap == null && nPages > 0 && Long.compareUnsigned(maxSegment,
                (long) (nPages - 1) << KernelArith.PAGE_SHIFT) > 0;
        int entries = physRanges >= 0 && noSplit ? physRanges : countEntries(pages, pgmap, nPages, maxSegment);
        if (noSplit) return buildRuns(pages, nPages, offset, size, entries);
        ScatterList sg = new ScatterList(entries);
        int cur = 0;
        while (cur < nPages) {
            int j = cur + 1;
            long segLen = 0;
            for (; j < nPages; j++) {
                segLen += KernelArith.PAGE_SIZE;
                if (segLen >= maxSegment || !mergeable(pages, pgmap, j)) break;
            }
            long chunkSize = ((long) (j - cur) << KernelArith.PAGE_SHIFT) - offset;
            sg.add(pages[cur], offset, Math.min(size, chunkSize), pgmap == null ? ScatterList.NO_PROVIDER : pgmap[cur]);
            size -= chunkSize;
            offset = 0;
            cur = j;
        }
        return sg;
    }

    /**
     * {@link #build} when only physical contiguity splits entries (no {@code dev_pagemap}s, a max
     * segment no run reaches): one entry per run of consecutive pages, found page by page without a
     * branch on where runs end (a scattered buffer's runs of one to eight pages would mispredict one in
     * every few): each page rewrites its run's entry with the run's first page and length so far.
     * The first entry then starts at {@code offset} and the last ends at {@code size}, as in {@link #build}.
     *
     * @param entries the number of runs (exactly)
     */
    private static ScatterList buildRuns(long[] pages, int nPages, long offset, long size, int entries) {
        ScatterList sg = new ScatterList(entries);
        long[] page = sg.page;
        int[] length = sg.length;
        long prev = pages[0];
        int e = 0;
        int run = 1;
        page[0] = prev;
        length[0] = (int) KernelArith.PAGE_SIZE;
        for (int i = 1; i < nPages; i++) {
            long p = pages[i];
            long gap = p - prev - KernelArith.PAGE_SIZE;
            int starts = (int) ((gap | -gap) >>> 63);
            e += starts;
            run = (run & (starts - 1)) + 1;
            page[e] = p - ((long) (run - 1) << KernelArith.PAGE_SHIFT);
            length[e] = (int) ((long) run << KernelArith.PAGE_SHIFT);
            prev = p;
        }
        sg.nents = e + 1;
        if (sg.nents != entries) throw new IllegalArgumentException(entries + " runs expected, the pages form "
                + sg.nents);
        if (offset == 0 && size == (long) nPages << KernelArith.PAGE_SHIFT && pages.length == nPages) {
            // a separate pass: a running maximum in the loop above would lengthen its chain of dependences
            long longest = 0;
            for (int k = 0; k <= e; k++) longest = Math.max(longest, Integer.toUnsignedLong(length[k]));
            sg.fromPages = pages;
            sg.longestEntry = longest;
        }
        // the first entry begins at the offset; the last holds what is left of the size
        sg.setOffset(0, offset);
        int first = nPages - run;
        long lastChunk = ((long) run << KernelArith.PAGE_SHIFT) - (e == 0 ? offset : 0);
        long before = ((long) first << KernelArith.PAGE_SHIFT) - offset;
        if (e > 0) length[0] = (int) (Integer.toUnsignedLong(length[0]) - offset);
        length[e] = (int) Math.min(size - (e == 0 ? 0 : before), lastChunk);
        return sg;
    }

    /** The number of entries {@link #build} would make, without building them; -1 for {@code -EINVAL}. */
    public static int countEntries(long[] pages, int[] pgmap, int nPages, long maxSegment) {
        maxSegment = KernelArith.alignDown(maxSegment, KernelArith.PAGE_SIZE);
        if (maxSegment < KernelArith.PAGE_SIZE) return -1;
        if (nPages == 0) return 0;
        int chunks = 1;
        long segLen = 0;
        for (int i = 1; i < nPages; i++) {
            segLen += KernelArith.PAGE_SIZE;
            if (segLen >= maxSegment || !mergeable(pages, pgmap, i)) {
                chunks++;
                segLen = 0;
            }
        }
        return chunks;
    }

    /** Why {@link #build} returned null. */
    public static final Errno ERROR = Errno.EINVAL;

    /** {@code pages_are_mergeable(pages[j], pages[j - 1])}. */
    static boolean mergeable(long[] pages, int[] pgmap, int j) {
        if (pages[j] != pages[j - 1] + KernelArith.PAGE_SIZE) return false;
        return pgmap == null || pgmap[j] == pgmap[j - 1];
    }
}
