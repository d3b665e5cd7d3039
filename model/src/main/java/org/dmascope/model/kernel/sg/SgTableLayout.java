package org.dmascope.model.kernel.sg;

import org.dmascope.model.kernel.rule.KernelRule;

/**
 * R-SG-1..3 how a scatterlist table is laid out in memory (include/linux/scatterlist.h,
 * lib/scatterlist.c {@code __sg_alloc_table}): entries come in arrays of at most
 * {@link #SG_MAX_SINGLE_ALLOC} (one page); when more are needed the array's last slot becomes a
 * chain entry ({@code SG_CHAIN} in {@code page_link}) pointing to the next array and carries no data;
 * the last data entry is marked {@code SG_END}.
 */
@KernelRule({"R-SG-1", "R-SG-2", "R-SG-3"})
public final class SgTableLayout {
    /** SG-5 {@code sizeof(struct scatterlist)} on x86-64 with {@code CONFIG_NEED_SG_DMA_LENGTH}: 8+4+4+8+4+4. */
    public static final int SCATTERLIST_BYTES = 32;
    /** Without {@code CONFIG_NEED_SG_DMA_LENGTH} (no {@code dma_length}, no flags). */
    public static final int SCATTERLIST_BYTES_NO_DMA_LENGTH = 24;
    /** R-SG-2 {@code SG_MAX_SINGLE_ALLOC = PAGE_SIZE / sizeof(struct scatterlist)}. */
    public static final int SG_MAX_SINGLE_ALLOC = 4096 / SCATTERLIST_BYTES;
    /** {@code SG_CHUNK_SIZE}. */
    public static final int SG_CHUNK_SIZE = 128;

    private SgTableLayout() {
    }

    /** The allocation {@code sg_alloc_table(nents)} makes. */
    public record Layout(int nents, int origNents, int[] chunkSizes, int entriesAllocated, int chainEntries) {
        public long bytes() {
            return (long) entriesAllocated * SCATTERLIST_BYTES;
        }
    }

    /** {@code __sg_alloc_table(table, nents, SG_MAX_SINGLE_ALLOC)}. */
    public static Layout alloc(int nents) {
        return alloc(nents, SG_MAX_SINGLE_ALLOC);
    }

    public static Layout alloc(int nents, int maxEnts) {
        if (nents <= 0) return new Layout(0, 0, new int[0], 0, 0);
        // every array but the last gives its final slot to the chain entry
        int chains = nents > maxEnts ? (nents - 2) / (maxEnts - 1) : 0;
        int[] chunks = new int[chains + 1];
        int left = nents;
        int allocated = 0;
        for (int i = 0; i < chains; i++) {
            chunks[i] = maxEnts;
            left -= maxEnts - 1;
            allocated += maxEnts;
        }
        chunks[chains] = left;
        allocated += left;
        return new Layout(nents, nents, chunks, allocated, chains);
    }
}
