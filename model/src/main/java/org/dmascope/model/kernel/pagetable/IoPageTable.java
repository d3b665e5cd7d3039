package org.dmascope.model.kernel.pagetable;

import java.util.ArrayList;
import java.util.List;

import org.dmascope.model.kernel.dma.Errno;

/**
 * The I/O page table of one IOMMU domain ({@code struct io_pgtable} / {@code dmar_domain->pgd}):
 * tables are allocated on the first walk that needs them, leaves stay until unmapped. Entries are
 * modelled, not bit-exact hardware PTEs: a leaf keeps its physical address, size and protection, a
 * table entry points to the next table.
 */
public final class IoPageTable {
    /** {@code IOMMU_READ}. */
    public static final int IOMMU_READ = 1;
    /** {@code IOMMU_WRITE}. */
    public static final int IOMMU_WRITE = 2;
    /** {@code IOMMU_CACHE}. */
    public static final int IOMMU_CACHE = 4;
    /** {@code IOMMU_MMIO}. */
    public static final int IOMMU_MMIO = 0x10;

    private static final long VALID = 1;
    private static final long LEAF = 2;
    private static final long PHYS_MASK = 0x000F_FFFF_FFFF_F000L;

    private static final class Table {
        final int depth;
        final long base;
        final long[] pte;
        /** The tables below; null at the last level, which holds only leaves. */
        final Table[] next;

        Table(int depth, long base, int entries, boolean lastLevel) {
            this.depth = depth;
            this.base = base;
            this.pte = new long[entries];
            this.next = lastLevel ? null : new Table[entries];
        }
    }

    private final PageTableGeometry g;
    // per-depth shifts and index masks, read on every entry written
    private final int[] shift;
    private final long[] indexMask;
    private final int smallDepth;
    private final long smallSize;
    /** Granule pages are single entries of the last level, where {@link #mapSmallPages} applies. */
    private final boolean smallFast;
    private final int smallShift;
    private Table root;
    private int tables;
    private long leafPtes;
    private PageTableLog log;
    private Table cachedTable;
    private long cachedLo = 1;
    private long cachedHi = 0;

    public IoPageTable(PageTableGeometry g) {
        this.g = g;
        shift = new int[g.levels()];
        indexMask = new long[g.levels()];
        for (int d = 0; d < g.levels(); d++) {
            shift[d] = g.shift(d);
            indexMask[d] = (1L << g.indexBits(d)) - 1;
        }
        smallSize = g.granule();
        smallDepth = g.leafDepth(smallSize);
        smallShift = Long.numberOfTrailingZeros(smallSize);
        smallFast = smallDepth == g.levels() - 1 && g.entrySize(smallDepth) == smallSize;
        this.root = newTable(0, 0);
        this.tables = 1;
    }

    private Table newTable(int depth, long base) {
        return new Table(depth, base, g.entries(depth), depth == g.levels() - 1);
    }

    public PageTableGeometry geometry() {
        return g;
    }

    /** Records the writes of the next calls into {@code log} (null stops recording). */
    public void record(PageTableLog log) {
        this.log = log;
    }

    /** Tables allocated, the root included. */
    public int tableCount() {
        return tables;
    }

    /** Leaf PTEs in use (a repeated AMD leaf counts each PTE). */
    public long leafPteCount() {
        return leafPtes;
    }

    public boolean isEmpty() {
        return leafPtes == 0;
    }

    /**
     * {@code ops->map_pages(iova, paddr, pgsize, count, prot)}.
     *
     * @return bytes mapped; fewer than {@code pgsize * count} means an entry was already in use ({@link #lastError()})
     */
    public long mapPages(long iova, long paddr, long pgsize, long count, int prot) {
        lastError = null;
        if (pgsize == smallSize && smallFast) return mapSmallPages(iova, paddr, count, prot);
        return mapAnyPages(iova, paddr, pgsize, count, prot);
    }

    /** {@link #mapPages} for every size and format, leaf by leaf. */
    private long mapAnyPages(long iova, long paddr, long pgsize, long count, int prot) {
        boolean small = pgsize == smallSize;
        int depth = small ? smallDepth : g.leafDepth(pgsize);
        if (depth < 0) {
            lastError = Errno.EINVAL;
            return 0;
        }
        int reps = small ? 1 : g.replicas(pgsize);
        long pteBits = VALID | LEAF | ((long) prot << 4) | ((long) Long.numberOfTrailingZeros(pgsize) << 58);
        int meta = PageTableLog.meta(depth, pgsize, prot);
        int sh = shift[depth];
        long im = indexMask[depth];
        long mapped = 0;
        for (long k = 0; k < count; k++) {
            Table t = tableFor(iova, depth);
            if (t == null) {
                lastError = Errno.EEXIST;
                return mapped;
            }
            int idx = (int) ((iova >>> sh) & im);
            for (int r = 0; r < reps; r++) {
                long old = t.pte[idx + r];
                if (old == 0) continue;
                if ((old & LEAF) != 0) {
                    lastError = Errno.EEXIST;
                    return mapped;
                }
                replaceTable(t, idx + r);
            }
            long e = (paddr & PHYS_MASK) | pteBits;
            for (int r = 0; r < reps; r++) t.pte[idx + r] = e;
            leafPtes += reps;
            if (log != null) log.leaves(iova, paddr, meta, 1);
            iova += pgsize;
            paddr += pgsize;
            mapped += pgsize;
        }
        return mapped;
    }

    /**
     * {@link #mapPages} for pages of the granule, the common case: one PTE each in a last-level
     * table, which holds only leaves, so an entry in use is always {@code -EEXIST}. Each table is
     * found once for all the leaves that fall into it.
     */
    private long mapSmallPages(long iova, long paddr, long count, int prot) {
        int sizeShift = smallShift;
        long pteBits = VALID | LEAF | ((long) prot << 4) | ((long) sizeShift << 58);
        int sh = shift[smallDepth];
        long im = indexMask[smallDepth];
        long done = 0;
        while (done < count) {
            Table t = tableFor(iova, smallDepth);
            if (t == null) {
                lastError = Errno.EEXIST;
                break;
            }
            long[] pte = t.pte;
            int idx = (int) ((iova >>> sh) & im);
            int n = (int) Math.min(count - done, pte.length - idx);
            int i = 0;
            while (i < n && pte[idx + i] == 0) {
                pte[idx + i] = ((paddr + ((long) i << sizeShift)) & PHYS_MASK) | pteBits;
                i++;
            }
            if (i > 0) {
                leafPtes += i;
                if (log != null) log.leaves(iova, paddr, PageTableLog.metaOfShift(smallDepth, sizeShift, prot), i);
                iova += (long) i << sizeShift;
                paddr += (long) i << sizeShift;
                done += i;
            }
            if (i < n) {
                lastError = Errno.EEXIST;
                break;
            }
        }
        return done << sizeShift;
    }

    /**
     * Whether {@link #mapGranuleLeaves} applies: a granule page is a single entry of the last level
     * (every format modelled, every granule).
     */
    public boolean writesGranuleLeaves() {
        return smallFast;
    }

    /**
     * Whether {@code [iova, iova + size)} is free: no leaf of any size lies in it, so granule pages
     * can be written there without finding an entry in use. Reads only; allocates nothing.
     */
    public boolean isFree(long iova, long size) {
        if (size == 0) return true;
        long last = iova + size - 1;
        long rootLast = (long) root.pte.length << shift[0];
        if (Long.compareUnsigned(last, iova) < 0 || (rootLast != 0 && Long.compareUnsigned(last,
                rootLast - 1) > 0)) return false;
        return isFree(root, iova, last);
    }

    private boolean isFree(Table t, long first, long last) {
        int sh = shift[t.depth];
        long tableLast = t.base + ((long) t.pte.length << sh) - 1;
        long lo = Long.compareUnsigned(first, t.base) > 0 ? first : t.base;
        long hi = Long.compareUnsigned(last, tableLast) < 0 ? last : tableLast;
        if (Long.compareUnsigned(lo, hi) > 0) return true;
        int a = (int) ((lo - t.base) >>> sh);
        int b = (int) ((hi - t.base) >>> sh);
        for (int i = a; i <= b; i++) {
            long pte = t.pte[i];
            if (pte == 0) continue;
            if ((pte & LEAF) != 0 || !isFree(t.next[i], first, last)) return false;
        }
        return true;
    }

    /**
     * Writes granule pages at consecutive IOVAs from {@code iova}, page {@code k} pointing to
     * {@code phys[k]}: the same entries, tables and log as {@code mapPages(iova + k * granule,
     * phys[k], granule, 1, prot)} one page after the other, but table by table. The range must be
     * {@link #isFree free} and {@link #writesGranuleLeaves} true. A log that is still empty keeps
     * {@code phys} (exactly {@code n} long) instead of copying it, so the caller must not change it.
     */
    public void mapGranuleLeaves(long iova, long[] phys, int n, int prot) {
        if (!smallFast) throw new IllegalStateException("granule pages are not single last-level entries here");
        lastError = null;
        long pteBits = VALID | LEAF | ((long) prot << 4) | ((long) smallShift << 58);
        int sh = shift[smallDepth];
        long im = indexMask[smallDepth];
        long at = iova;
        int j = 0;
        while (j < n) {
            Table t = tableFor(at, smallDepth);
            if (t == null) throw new IllegalStateException("a leaf lies in the way of a range that was free");
            long[] pte = t.pte;
            int idx = (int) ((at >>> sh) & im);
            int m = Math.min(n - j, pte.length - idx);
            for (int k = 0; k < m; k++) pte[idx + k] = (phys[j + k] & PHYS_MASK) | pteBits;
            j += m;
            at += (long) m << smallShift;
        }
        leafPtes += n;
        if (log != null) log.leaves(iova, phys, n, PageTableLog.metaOfShift(smallDepth, smallShift, prot));
    }

    private Errno lastError;

    /** Why the last {@link #mapPages} stopped short. */
    public Errno lastError() {
        return lastError;
    }

    /**
     * A large page goes where a table of small pages was: every format frees the old table first
     * (VT-d {@code switch_to_super_page}, ARM {@code arm_lpae_init_pte} unmapping the table, AMD
     * {@code free_clear_pte}). The allocator guarantees the table holds no live mapping.
     */
    private void replaceTable(Table t, int idx) {
        Table child = t.next[idx];
        leafPtes -= countLeaves(child);
        tables -= countTables(child);
        t.next[idx] = null;
        t.pte[idx] = 0;
        cachedTable = null;
    }

    private static long countLeaves(Table t) {
        long n = 0;
        for (int i = 0; i < t.pte.length; i++) {
            if (t.next != null && t.next[i] != null) n += countLeaves(t.next[i]);
            else if ((t.pte[i] & LEAF) != 0) n++;
        }
        return n;
    }

    private Table tableFor(long iova, int depth) {
        Table c = cachedTable;
        if (c != null && c.depth == depth && Long.compareUnsigned(iova - cachedLo, cachedHi - cachedLo) <= 0) return c;
        return walkTo(iova, depth);
    }

    /**
     * The table at {@code depth} on the way to {@code iova}, allocating missing ones; null when a leaf is in the way.
     */
    private Table walkTo(long iova, int depth) {
        Table t = root;
        for (int d = 0; d < depth; d++) {
            int idx = (int) ((iova >>> shift[d]) & indexMask[d]);
            long pte = t.pte[idx];
            if ((pte & LEAF) != 0) return null;
            Table child = t.next[idx];
            if (child == null) {
                long childSpan = g.entrySize(d);
                long base = iova & -childSpan;
                child = newTable(d + 1, base);
                t.next[idx] = child;
                t.pte[idx] = VALID | ((long) tables << 12);
                tables++;
                if (log != null) log.table(base, d + 1);
            }
            t = child;
        }
        cachedTable = t;
        cachedLo = t.base;
        cachedHi = t.base + g.entrySize(depth) * t.pte.length - 1;
        return t;
    }

    /**
     * Clears every leaf in {@code [iova, iova + size)}; tables the range covers entirely are freed when
     * the format does that (VT-d {@code dma_pte_clear_level}, ARM {@code __arm_lpae_unmap}).
     *
     * @return leaf PTEs cleared
     */
    public long unmap(long iova, long size) {
        cachedTable = null;
        long before = leafPtes;
        clear(root, iova, iova + size);
        return before - leafPtes;
    }

    private void clear(Table t, long start, long end) {
        long span = g.entrySize(t.depth);
        int n = t.pte.length;
        long first = Long.compareUnsigned(start, t.base) <= 0 ? 0 : Long.divideUnsigned(start - t.base, span);
        for (long i = first; i < n; i++) {
            int idx = (int) i;
            long lo = t.base + i * span;
            if (Long.compareUnsigned(lo, end) >= 0 && end != 0) break;
            long pte = t.pte[idx];
            if (pte == 0) continue;
            if ((pte & LEAF) != 0) {
                t.pte[idx] = 0;
                leafPtes--;
                continue;
            }
            Table child = t.next[idx];
            boolean covered = Long.compareUnsigned(lo, start) >= 0 && (end == 0 || Long.compareUnsigned(lo + span - 1,
                    end - 1) <= 0);
            clear(child, start, end);
            if (covered && g.freesCoveredTables()) {
                tables -= countTables(child);
                t.next[idx] = null;
                t.pte[idx] = 0;
            }
        }
    }

    private static int countTables(Table t) {
        int n = 1;
        if (t.next == null) return n;
        for (Table c : t.next) if (c != null) n += countTables(c);
        return n;
    }

    /** {@code iommu_iova_to_phys()}: the physical address behind {@code iova}, or 0 when unmapped. */
    public long iovaToPhys(long iova) {
        Table t = root;
        for (int d = 0; d < g.levels(); d++) {
            int idx = g.index(iova, d);
            long pte = t.pte[idx];
            if (pte == 0) return 0;
            if ((pte & LEAF) != 0) {
                long size = 1L << (pte >>> 58);
                return (pte & PHYS_MASK & -size) + (iova & (size - 1));
            }
            t = t.next[idx];
        }
        return 0;
    }

    /** One step of a walk from the root: level name, index, and what the entry holds. */
    public record WalkStep(String levelName, int level, int index, boolean present, boolean leaf, long leafPhys,
            long leafSize) {
    }

    /** The walk the IOMMU does for {@code iova}, level by level, stopping at a leaf or an empty entry. */
    public List<WalkStep> walk(long iova) {
        List<WalkStep> out = new ArrayList<>();
        Table t = root;
        for (int d = 0; d < g.levels() && t != null; d++) {
            int idx = g.index(iova, d);
            long pte = t.pte[idx];
            boolean leaf = (pte & LEAF) != 0;
            long size = leaf ? 1L << (pte >>> 58) : 0;
            out.add(new WalkStep(g.levelName(d), g.kernelLevel(d), idx, pte != 0, leaf, leaf ? pte & PHYS_MASK & -size
                    : 0, size));
            if (pte == 0 || leaf) break;
            t = t.next[idx];
        }
        return out;
    }

    /** Drops every table but an empty root. */
    public void clear() {
        root = newTable(0, 0);
        tables = 1;
        leafPtes = 0;
        cachedTable = null;
    }
}
