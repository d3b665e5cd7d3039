package org.dmascope.model.kernel.pagetable;

import java.util.Arrays;

/**
 * What one mapping wrote into an I/O page table, in primitive arrays so that a quarter of a million
 * 4 KiB leaves cost about 20 bytes each: every leaf (IOVA, physical address, depth, size) and every
 * table the walk had to allocate.
 */
public final class PageTableLog {
    long[] leafIova;
    long[] leafPhys;
    int[] leafMeta;
    int leaves;
    long[] tableBase = new long[8];
    int[] tableDepth = new int[8];
    int tables;

    public PageTableLog() {
        this(64);
    }

    /** @param expectedLeaves room to reserve, so a large mapping does not grow the arrays step by step */
    public PageTableLog(int expectedLeaves) {
        int n = Math.max(16, expectedLeaves);
        leafIova = new long[n];
        leafPhys = new long[n];
        leafMeta = new int[n];
    }

    void leaf(long iova, long phys, int depth, long pgsize, int prot) {
        if (leaves == leafIova.length) {
            int n = leaves * 2;
            leafIova = Arrays.copyOf(leafIova, n);
            leafPhys = Arrays.copyOf(leafPhys, n);
            leafMeta = Arrays.copyOf(leafMeta, n);
        }
        leafIova[leaves] = iova;
        leafPhys[leaves] = phys;
        leafMeta[leaves] = depth | (Long.numberOfTrailingZeros(pgsize) << 4) | (prot << 12);
        leaves++;
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
        boolean exact = leaves == leafIova.length;
        return new PageTableChanges(g, exact ? leafIova : Arrays.copyOf(leafIova, leaves), exact ? leafPhys : Arrays.copyOf(leafPhys, leaves),
                exact ? leafMeta : Arrays.copyOf(leafMeta, leaves), Arrays.copyOf(tableBase, tables), Arrays.copyOf(tableDepth, tables));
    }
}
