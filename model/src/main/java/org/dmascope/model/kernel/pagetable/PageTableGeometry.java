package org.dmascope.model.kernel.pagetable;

/**
 * The shape of one I/O page-table format: how many levels, which IOVA bits index each level, which
 * page sizes can be leaves, and how the kernel names the levels. Depth 0 is the root table; the last
 * depth holds the smallest pages.
 */
public interface PageTableGeometry {
    IoPgtableFmt format();

    /** Number of levels walked. */
    int levels();

    /** Lowest IOVA bit of the index at this depth. */
    int shift(int depth);

    /** Width of the index at this depth (the root may be narrower or concatenated). */
    int indexBits(int depth);

    /**
     * The level number the kernel uses for this depth (ARM: 0..3 from the start level; VT-d: levels..1; AMD:
     * levels-1..0).
     */
    int kernelLevel(int depth);

    /** The level's name as the kernel's sources write it, e.g. {@code L2}, {@code level 4}, {@code PM level 0}. */
    String levelName(int depth);

    /** {@code pgsize_bitmap} of domains using this format. */
    long pgsizeBitmap();

    /** Smallest page size, the IOVA granule. */
    default long granule() {
        return Long.lowestOneBit(pgsizeBitmap());
    }

    /** Highest usable IOVA ({@code domain->geometry.aperture_end}). */
    long apertureEnd();

    /** The depth that stores a leaf of {@code pgsize}, or -1. */
    int leafDepth(long pgsize);

    /** How many adjacent PTEs one leaf of {@code pgsize} occupies (AMD v1 stores odd sizes by repetition). */
    default int replicas(long pgsize) {
        return 1;
    }

    /** Whether unmapping a range frees the tables it covers entirely (VT-d, ARM) or keeps them (AMD v1). */
    boolean freesCoveredTables();

    /** Entries in a table at this depth. */
    default int entries(int depth) {
        return 1 << indexBits(depth);
    }

    /** {@code index(iova, depth)}. */
    default int index(long iova, int depth) {
        return (int) ((iova >>> shift(depth)) & ((1L << indexBits(depth)) - 1));
    }

    /** Bytes one entry at this depth covers. */
    default long entrySize(int depth) {
        return 1L << shift(depth);
    }

    /** One line: format, levels and page sizes. */
    String describe();
}
