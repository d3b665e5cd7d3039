package org.dmascope.model.kernel.pagetable;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The page-table entries one mapping wrote, immutable. Per leaf: its IOVA, the physical address it
 * points to, the level that holds it and the page size; the index at every level on the way down is
 * computed from the IOVA on request ({@link #walk(int)}), which keeps a large mapping small. Only the
 * physical address is stored per leaf; the rest comes from the stretch of consecutive leaves the leaf
 * belongs to (see {@link PageTableLog}).
 */
public final class PageTableChanges {
    /** No page-table writes (dma-direct, bus addresses, swiotlb without IOMMU). */
    public static final PageTableChanges NONE = new PageTableChanges(null, new long[0], new int[0], new long[0],
            new int[0],
            new long[0], new int[0]);

    /** One level of a walk: the level's kernel name, number and the index used there. */
    public record LevelIndex(String levelName, int level, int index) {
    }

    /** A table the walk allocated. */
    public record NewTable(String levelName, int level, long iovaBase, long covers) {
    }

    private final PageTableGeometry geometry;
    private final long[] phys;
    private final int[] stretchFirst;
    private final long[] stretchIova;
    private final int[] stretchMeta;
    private final long[] tableBase;
    private final int[] tableDepth;

    PageTableChanges(PageTableGeometry geometry, long[] phys, int[] stretchFirst, long[] stretchIova, int[] stretchMeta,
                     long[] tableBase, int[] tableDepth) {
        this.geometry = geometry;
        this.phys = phys;
        this.stretchFirst = stretchFirst;
        this.stretchIova = stretchIova;
        this.stretchMeta = stretchMeta;
        this.tableBase = tableBase;
        this.tableDepth = tableDepth;
    }

    public int leafCount() {
        return phys.length;
    }

    /** The stretch holding leaf {@code i}. */
    private int stretchOf(int i) {
        if (i < 0 || i >= phys.length) throw new IndexOutOfBoundsException("leaf " + i + " of " + phys.length);
        int s = Arrays.binarySearch(stretchFirst, i);
        return s >= 0 ? s : -s - 2;
    }

    public long leafIova(int i) {
        int s = stretchOf(i);
        return stretchIova[s] + ((long) (i - stretchFirst[s]) << PageTableLog.sizeShiftOf(stretchMeta[s]));
    }

    public long leafPhys(int i) {
        return phys[i];
    }

    public long leafSize(int i) {
        return 1L << PageTableLog.sizeShiftOf(stretchMeta[stretchOf(i)]);
    }

    /** The kernel's number for the level holding leaf {@code i}. */
    public int leafLevel(int i) {
        return geometry.kernelLevel(PageTableLog.depthOf(stretchMeta[stretchOf(i)]));
    }

    public String leafLevelName(int i) {
        return geometry.levelName(PageTableLog.depthOf(stretchMeta[stretchOf(i)]));
    }

    /**
     * {@code IOMMU_READ} (1) / {@code IOMMU_WRITE} (2) / {@code IOMMU_CACHE} (4) / {@code IOMMU_MMIO} (0x10) bits of
     * the leaf.
     */
    public int leafProt(int i) {
        return PageTableLog.protOf(stretchMeta[stretchOf(i)]);
    }

    /** The index at every level from the root down to the leaf. */
    public List<LevelIndex> walk(int i) {
        int depth = PageTableLog.depthOf(stretchMeta[stretchOf(i)]);
        long iova = leafIova(i);
        List<LevelIndex> out = new ArrayList<>(depth + 1);
        for (int d = 0; d <= depth; d++) {
            out.add(new LevelIndex(geometry.levelName(d), geometry.kernelLevel(d), geometry.index(iova, d)));
        }
        return out;
    }

    public int newTableCount() {
        return tableBase.length;
    }

    public NewTable newTable(int i) {
        int d = tableDepth[i];
        return new NewTable(geometry.levelName(d), geometry.kernelLevel(d), tableBase[i],
                geometry.entrySize(d) * geometry.entries(d));
    }

    /** The format the entries belong to; null for {@link #NONE}. */
    public PageTableGeometry geometry() {
        return geometry;
    }

    /** Leaves per page size, e.g. {@code 4KiB → 512}, for summaries. */
    public java.util.SortedMap<Long, Integer> leavesBySize() {
        int[] bySize = new int[64];
        for (int s = 0; s < stretchFirst.length; s++) {
            int end = s + 1 < stretchFirst.length ? stretchFirst[s + 1] : phys.length;
            bySize[PageTableLog.sizeShiftOf(stretchMeta[s])] += end - stretchFirst[s];
        }
        java.util.SortedMap<Long, Integer> out = new java.util.TreeMap<>();
        for (int b = 0; b < 64; b++) if (bySize[b] != 0) out.put(1L << b, bySize[b]);
        return out;
    }

    /** Bytes held by this object's arrays. */
    public long footprintBytes() {
        return footprintBytesBesides(null);
    }

    /**
     * Bytes held by this object's arrays, leaving out {@code countedElsewhere} when the leaf addresses
     * are that very array (a mapping of whole pinned pages keeps the pinned page list as its leaves).
     */
    public long footprintBytesBesides(long[] countedElsewhere) {
        long leaves = phys == countedElsewhere ? 0 : 8L * phys.length;
        return 16L * 7 + leaves + 16L * stretchFirst.length + 8L * tableBase.length + 4L * tableDepth.length;
    }
}
