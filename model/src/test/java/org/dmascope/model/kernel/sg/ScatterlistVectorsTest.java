package org.dmascope.model.kernel.sg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/**
 * Section 3.10 of kernel-dma-rules.md, scatterlist part: SG-1 (R-SG-3 chunks, R-SG-1 chain entries),
 * SG-2..SG-4 (R-SG-4), SG-5 (R-SG-2).
 */
class ScatterlistVectorsTest {
    static long[] pfns(long... pfn) {
        long[] out = new long[pfn.length];
        for (int i = 0; i < pfn.length; i++) out[i] = pfn[i] << 12;
        return out;
    }

    static void assertEntry(ScatterList sg, int i, long pfn, long off, long len) {
        assertEquals(pfn << 12, sg.page(i), "entry " + i + " page");
        assertEquals(off, sg.offset(i), "entry " + i + " offset");
        assertEquals(len, sg.length(i), "entry " + i + " length");
    }

    @Test
    void sg1_threeHundredEntriesNeedTwoChainLinks() {
        SgTableLayout.Layout l = SgTableLayout.alloc(300);
        assertArrayEquals(new int[] {128, 128, 46}, l.chunkSizes());
        assertEquals(302, l.entriesAllocated());
        assertEquals(2, l.chainEntries());
        assertEquals(300, l.nents());
        assertEquals(300, l.origNents());
        assertEquals(302 * 32, l.bytes());
        assertEquals(0, SgTableLayout.alloc(128).chainEntries(), "128 entries fit one page");
        assertEquals(1, SgTableLayout.alloc(129).chainEntries());
    }

    @Test
    void sg2_contiguousPagesMergeIntoOneEntry() {
        long[] p = pfns(0x100, 0x101, 0x102, 0x200);
        ScatterList sg = SgFromPages.build(p, null, 4, 0x100, 0x3E00, 0xFFFF_FFFFL);
        assertEquals(2, sg.nents());
        assertEntry(sg, 0, 0x100, 0x100, 0x2F00);
        assertEntry(sg, 1, 0x200, 0, 0xF00);
        assertEquals(2, SgFromPages.countEntries(p, null, 4, 0xFFFF_FFFFL));
    }

    @Test
    void sg3_maxSegmentSplitsTheRun() {
        long[] p = pfns(0x100, 0x101, 0x102, 0x200);
        ScatterList sg = SgFromPages.build(p, null, 4, 0x100, 0x3E00, 0x2000);
        assertEquals(3, sg.nents());
        assertEntry(sg, 0, 0x100, 0x100, 0x1F00);
        assertEntry(sg, 1, 0x102, 0, 0x1000);
        assertEntry(sg, 2, 0x200, 0, 0xF00);
        assertNull(SgFromPages.build(p, null, 4, 0, 0x1000, 0x800), "a max segment below one page is -EINVAL");
    }

    @Test
    void sg4_pagesOfDifferentP2pProvidersNeverMerge() {
        long[] p = pfns(0x100, 0x101);
        ScatterList sg = SgFromPages.build(p, new int[] {0, 1}, 2, 0, 0x2000, 0xFFFF_FFFFL);
        assertEquals(2, sg.nents());
        assertEquals(0, sg.provider(0));
        assertEquals(1, sg.provider(1));
        assertEquals(1, SgFromPages.build(p, new int[] {0, 0}, 2, 0, 0x2000, 0xFFFF_FFFFL).nents());
    }

    @Test
    void sg5_scatterlistEntryIs32BytesAnd128FitAPage() {
        assertEquals(32, SgTableLayout.SCATTERLIST_BYTES);
        assertEquals(24, SgTableLayout.SCATTERLIST_BYTES_NO_DMA_LENGTH);
        assertEquals(128, SgTableLayout.SG_MAX_SINGLE_ALLOC);
    }
}
