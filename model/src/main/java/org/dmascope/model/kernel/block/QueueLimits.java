package org.dmascope.model.kernel.block;

import org.dmascope.model.kernel.dma.KernelArith;
import org.dmascope.model.kernel.rule.KernelRule;

/**
 * R-BLK-1 {@code struct queue_limits} after {@code blk_validate_limits()} (block/blk-settings.c):
 * defaults {@code BLK_MAX_SEGMENTS} 128, {@code BLK_SEG_BOUNDARY_MASK} 0xFFFF_FFFF,
 * {@code BLK_MAX_SEGMENT_SIZE} 65536 (but {@code UINT_MAX} when a virt boundary is set: one descriptor
 * per device page, NVMe style), {@code dma_alignment} 511, and since v6.16
 * {@code min_segment_size = min(PAGE_SIZE, seg_boundary_mask + 1 if that is below max_segment_size,
 * else max_segment_size)}.
 *
 * @param maxSectors  largest request in 512-byte sectors
 */
@KernelRule("R-BLK-1")
public record QueueLimits(int maxSegments, long maxSegmentSize, long segBoundaryMask, long virtBoundaryMask,
        int dmaAlignment,
                          long minSegmentSize, int logicalBlockSize, long maxSectors) {
    public static final int BLK_MAX_SEGMENTS = 128;
    public static final long BLK_MAX_SEGMENT_SIZE = 65536;
    public static final long BLK_SEG_BOUNDARY_MASK = 0xFFFF_FFFFL;
    /** {@code BLK_DEF_MAX_SECTORS_CAP}: 2560 sectors (1.25 MiB) unless the driver allows more. */
    public static final long BLK_DEF_MAX_SECTORS_CAP = 2560;

    /**
     * Validates limits a driver asked for; 0 means "not set" as in the kernel.
     */
    public static QueueLimits validate(int maxSegments, long maxSegmentSize, long segBoundaryMask,
            long virtBoundaryMask,
                                       int dmaAlignment, int logicalBlockSize, long maxHwSectors) {
        return validate(maxSegments, maxSegmentSize, segBoundaryMask, virtBoundaryMask, dmaAlignment, logicalBlockSize,
                maxHwSectors, 0);
    }

    /**
     * The same with {@code max_user_sectors} (sysfs {@code max_sectors_kb} × 2; 0: unset): blk_validate_limits()
     * (block/blk-settings.c, mainline) takes {@code min(max_hw_sectors, max_user_sectors)} and refuses fewer than a
     * page's sectors with -EINVAL; 6.10's first version also refused more than {@code max_hw_sectors}.
     *
     * @throws IllegalArgumentException for a user value below one page, with the kernel's answer
     */
    public static QueueLimits validate(int maxSegments, long maxSegmentSize, long segBoundaryMask,
            long virtBoundaryMask, int dmaAlignment, int logicalBlockSize, long maxHwSectors, long maxUserSectors) {
        if (maxUserSectors != 0 && maxUserSectors < KernelArith.PAGE_SIZE / 512) {
            throw new IllegalArgumentException("max_sectors_kb " + (maxUserSectors / 2) + " is below one page: "
                    + "writing it returns -EINVAL (blk_validate_limits)");
        }
        if (maxSegments == 0) maxSegments = BLK_MAX_SEGMENTS;
        if (segBoundaryMask == 0) segBoundaryMask = BLK_SEG_BOUNDARY_MASK;
        if (maxSegmentSize == 0) maxSegmentSize = virtBoundaryMask != 0 ? KernelArith.UINT_MAX : BLK_MAX_SEGMENT_SIZE;
        if (dmaAlignment == 0) dmaAlignment = 511;
        if (logicalBlockSize == 0) logicalBlockSize = 512;
        long m = Long.compareUnsigned(segBoundaryMask + 1, maxSegmentSize) < 0 && segBoundaryMask != -1L
                ? segBoundaryMask + 1 : maxSegmentSize;
        long minSeg = Math.min(KernelArith.PAGE_SIZE, m);
        long hw = maxHwSectors == 0 ? 255 : maxHwSectors;
        long maxSectors = maxUserSectors != 0 ? Math.min(hw, maxUserSectors) : Math.min(hw, BLK_DEF_MAX_SECTORS_CAP);
        return new QueueLimits(maxSegments, maxSegmentSize, segBoundaryMask, virtBoundaryMask, dmaAlignment, minSeg,
                logicalBlockSize, maxSectors);
    }

    /** Largest request in bytes. */
    public long maxBytes() {
        return maxSectors << 9;
    }
}
