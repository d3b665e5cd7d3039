package org.dmascope.views.pagewalk;

import java.util.ArrayList;
import java.util.List;

import org.dmascope.model.kernel.pagetable.PageTableChanges;
import org.dmascope.model.kernel.pagetable.PageTableGeometry;

/**
 * The tables and entries the IOMMU reads to translate one leaf's IOVA, as the mapping recorded them:
 * each level's index ({@link PageTableChanges#walk}), whether the table at that level is the domain's
 * root, one this mapping allocated ({@link PageTableChanges#newTable}) or one an earlier mapping left,
 * and for the last level the leaf: page size, physical target and permissions.
 */
final class WalkLevels {
    /** Where the table at a level came from. */
    enum Origin {
        ROOT, NEW, EXISTING
    }

    /**
     * One level.
     *
     * @param tableBase first IOVA the table at this level covers
     * @param tableSpan bytes of IOVA the table covers
     * @param entrySpan bytes one entry of the table covers
     */
    record Level(int depth, String name, int kernelLevel, int index, Origin origin, long tableBase, long tableSpan,
            long entrySpan,
                 boolean leaf, long leafSize, long leafPhys, int prot) {
    }

    private WalkLevels() {
    }

    static List<Level> of(PageTableChanges pt, int leaf) {
        PageTableGeometry g = pt.geometry();
        List<PageTableChanges.LevelIndex> walk = pt.walk(leaf);
        long iova = pt.leafIova(leaf);
        List<Level> out = new ArrayList<>(walk.size());
        for (int d = 0; d < walk.size(); d++) {
            PageTableChanges.LevelIndex li = walk.get(d);
            long span = g.entrySize(d) * g.entries(d);
            // the root spans the whole space (2^64 for a six-level AMD table, which a long cannot hold)
            long base = d == 0 ? 0 : iova & -span;
            Origin origin = d == 0 ? Origin.ROOT : allocatedHere(pt, li.level(), iova) ? Origin.NEW : Origin.EXISTING;
            boolean isLeaf = d == walk.size() - 1;
            out.add(new Level(d, li.levelName(), li.level(), li.index(), origin, base, span, g.entrySize(d), isLeaf,
                    isLeaf ? pt.leafSize(leaf) : 0, isLeaf ? pt.leafPhys(leaf) : 0, isLeaf ? pt.leafProt(leaf) : 0));
        }
        return out;
    }

    /** Whether the mapping allocated the table of kernel level {@code level} that covers {@code iova}. */
    static boolean allocatedHere(PageTableChanges pt, int level, long iova) {
        for (int i = 0; i < pt.newTableCount(); i++) {
            PageTableChanges.NewTable t = pt.newTable(i);
            if (t.level() == level && Long.compareUnsigned(iova, t.iovaBase()) >= 0
                    && Long.compareUnsigned(iova - t.iovaBase(), t.covers()) < 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code read/write} words for the {@code IOMMU_READ}/{@code IOMMU_WRITE}/{@code IOMMU_CACHE}/{@code IOMMU_MMIO}
     * bits.
     */
    static String protWords(int prot) {
        List<String> w = new ArrayList<>(4);
        if ((prot & 1) != 0) w.add("read");
        if ((prot & 2) != 0) w.add("write");
        if ((prot & 4) != 0) w.add("cache");
        if ((prot & 0x10) != 0) w.add("MMIO");
        return w.isEmpty() ? "no access" : String.join(" + ", w);
    }
}
