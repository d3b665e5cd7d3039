package org.dmascope.model.kernel.pagetable;

import java.util.Arrays;

/**
 * What one mapping wrote into an I/O page table. A quarter of a million 4 KiB leaves cost 8 bytes
 * each: only the physical address is kept per leaf. Leaves written one after the other at
 * consecutive IOVAs with the same level, size and protection form a stretch (a whole
 * {@code iommu_map_sg} is usually one), which keeps the IOVA and those fields once. Every table the
 * walk had to allocate is kept too.
 */
public final class PageTableLog {
    long[] leafPhys;
    int leaves;
    int[] stretchFirst = new int[4];
    long[] stretchIova = new long[4];
    int[] stretchMeta = new int[4];
    int stretches;
    private long nextIova;
    private int currentMeta = -1;
    long[] tableBase = new long[8];
    int[] tableDepth = new int[8];
    int tables;

    public PageTableLog() {
        this(64);
    }

    /**
     * @param expectedLeaves room to reserve on the first write, so a large mapping does not grow the
     *                       array step by step (a mapping written in one go hands its array over instead)
     */
    public PageTableLog(int expectedLeaves) {
        leafPhys = NO_LEAVES;
        this.expectedLeaves = Math.max(16, expectedLeaves);
    }

    private static final long[] NO_LEAVES = new long[0];
    private final int expectedLeaves;

    /** Leaf metadata as stored: the depth, the page size's shift and the protection bits. */
    static int meta(int depth, long pgsize, int prot) {
        return metaOfShift(depth, Long.numberOfTrailingZeros(pgsize), prot);
    }

    static int metaOfShift(int depth, int sizeShift, int prot) {
        return depth | (sizeShift << 4) | (prot << 12);
    }

    static int depthOf(int meta) {
        return meta & 0xF;
    }

    static int sizeShiftOf(int meta) {
        return (meta >>> 4) & 0x3F;
    }

    static int protOf(int meta) {
        return meta >>> 12;
    }

    /**
     * {@code n} leaves of the size {@code meta} names, written at consecutive IOVAs from {@code iova}
     * to consecutive physical addresses from {@code phys}.
     */
    void leaves(long iova, long phys, int meta, int n) {
        if (iova != nextIova || meta != currentMeta) startStretch(iova, meta);
        if (leaves + n > leafPhys.length) room(n);
        int shift = sizeShiftOf(meta);
        long[] p = leafPhys;
        int at = leaves;
        for (int k = 0; k < n; k++) p[at + k] = phys + ((long) k << shift);
        leaves = at + n;
        nextIova = iova + ((long) n << shift);
    }

    /**
     * {@code n} leaves of the size {@code meta} names at consecutive IOVAs from {@code iova}, leaf
     * {@code k} pointing to {@code phys[k]}. The first write into an empty log keeps {@code phys} when
     * it is exactly {@code n} long.
     */
    void leaves(long iova, long[] phys, int n, int meta) {
        if (n == 0) return;
        if (iova != nextIova || meta != currentMeta) startStretch(iova, meta);
        if (leaves == 0 && phys.length == n) {
            leafPhys = phys;
        } else {
            if (leaves + n > leafPhys.length) room(n);
            System.arraycopy(phys, 0, leafPhys, leaves, n);
        }
        leaves += n;
        nextIova = iova + ((long) n << sizeShiftOf(meta));
    }

    private void room(int n) {
        int want = Math.max(leaves + n, leaves == 0 ? expectedLeaves : leaves * 2);
        leafPhys = Arrays.copyOf(leafPhys, want);
    }

    private void startStretch(long iova, int meta) {
        if (stretches == stretchFirst.length) {
            int n = stretches * 2;
            stretchFirst = Arrays.copyOf(stretchFirst, n);
            stretchIova = Arrays.copyOf(stretchIova, n);
            stretchMeta = Arrays.copyOf(stretchMeta, n);
        }
        stretchFirst[stretches] = leaves;
        stretchIova[stretches] = iova;
        stretchMeta[stretches] = meta;
        stretches++;
        currentMeta = meta;
    }

    void table(long base, int depth) {
        if (tables == tableBase.length) {
            tableBase = Arrays.copyOf(tableBase, tables * 2);
            tableDepth = Arrays.copyOf(tableDepth, tables * 2);
        }
        tableBase[tables] = base;
        tableDepth[tables] = depth;
        tables++;
    }

    public int leafCount() {
        return leaves;
    }

    /** An immutable copy for a {@code Mapping}. */
    public PageTableChanges freeze(PageTableGeometry g) {
        // A log sized right is handed over without a copy; it must not be written after freezing.
        long[] phys = leaves == leafPhys.length ? leafPhys : Arrays.copyOf(leafPhys, leaves);
        return new PageTableChanges(g, phys, Arrays.copyOf(stretchFirst, stretches), Arrays.copyOf(stretchIova,
                stretches),
                Arrays.copyOf(stretchMeta, stretches), Arrays.copyOf(tableBase, tables), Arrays.copyOf(tableDepth,
                        tables));
    }
}
