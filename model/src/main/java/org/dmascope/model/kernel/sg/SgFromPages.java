package org.dmascope.model.kernel.sg;

import org.dmascope.model.kernel.dma.Errno;
import org.dmascope.model.kernel.dma.KernelArith;

/**
 * R-SG-4 {@code sg_alloc_append_table_from_pages(pages, n_pages, offset, size, max_segment)}
 * (lib/scatterlist.c), first call (no append): {@code max_segment} is aligned down to a page and must
 * be at least one page; a new chunk starts when the bytes since the chunk start reach
 * {@code max_segment} or the page does not follow the previous one physically or belongs to another
 * {@code dev_pagemap} ({@code pages_are_mergeable}: P2P pages of different providers never merge);
 * each chunk becomes one entry whose first page keeps the buffer offset.
 * {@code sg_alloc_table_from_pages} is this with {@code max_segment = UINT_MAX}.
 */
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
    public static ScatterList build(long[] pages, int[] pgmap, int nPages, long offset, long size, long maxSegment, int physRanges) {
        maxSegment = KernelArith.alignDown(maxSegment, KernelArith.PAGE_SIZE);
        if (maxSegment < KernelArith.PAGE_SIZE) return null;
        boolean noSplit = pgmap == null && nPages > 0 && Long.compareUnsigned(maxSegment, (long) (nPages - 1) << KernelArith.PAGE_SHIFT) > 0;
        int entries = physRanges >= 0 && noSplit ? physRanges : countEntries(pages, pgmap, nPages, maxSegment);
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
