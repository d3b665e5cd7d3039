package org.dmascope.model.topology;

import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A device's DMA parameters as its driver set them ({@code struct device} and {@code dma_parms}).
 * Each is empty when not known; the engine then uses the kernel's PCI default and says so
 * (R-MAP-4: max segment size 65536, segment boundary 0xFFFF_FFFF).
 *
 * @param maskBits             streaming DMA mask width, {@code DMA_BIT_MASK(n)}
 * @param maxSegmentSize       {@code dma_get_max_seg_size()}
 * @param segmentBoundaryMask  {@code dma_get_seg_boundary()}
 * @param minAlignMask         {@code dma_get_min_align_mask()} (NVMe: 0xFFF)
 */
public record DmaParameters(OptionalInt maskBits, OptionalLong maxSegmentSize, OptionalLong segmentBoundaryMask,
                            OptionalLong minAlignMask) {

    public static final DmaParameters UNKNOWN =
            new DmaParameters(OptionalInt.empty(), OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty());

    public DmaParameters {
        if (maskBits.isPresent() && (maskBits.getAsInt() < 1 || maskBits.getAsInt() > 64)) {
            throw new IllegalArgumentException("DMA mask must be 1-64 bits, was " + maskBits.getAsInt());
        }
    }

    public boolean isUnknown() {
        return equals(UNKNOWN);
    }

    /** {@code DMA_BIT_MASK(n)}. */
    public static long bitMask(int bits) {
        return bits >= 64 ? -1L : (1L << bits) - 1;
    }
}
