package org.dmascope.model.kernel.dma;

import java.util.List;
import java.util.Objects;

/**
 * The DMA fields of one {@code struct device} that the mapping paths read (kernel-dma-rules.md 1.3),
 * resolved: every value is known here, and {@link #defaultsApplied()} says which came from the
 * kernel's defaults rather than from the topology or the user (R-MAP-4).
 *
 * @param dmaMask          {@code *dev->dma_mask}
 * @param coherentDmaMask  {@code dev->coherent_dma_mask}
 * @param busDmaLimit      {@code dev->bus_dma_limit}, 0 for none
 * @param rangeMap         {@code dev->dma_range_map}
 * @param maxSegSize       {@code dma_get_max_seg_size()}
 * @param segBoundaryMask  {@code dma_get_seg_boundary()}
 * @param minAlignMask     {@code dma_get_min_align_mask()}
 * @param coherent         {@code dev_is_dma_coherent()}
 * @param untrusted        {@code pdev->untrusted}
 * @param defaultsApplied  one sentence per value taken from a kernel default
 */
public record DeviceDma(long dmaMask, long coherentDmaMask, long busDmaLimit, DmaRangeMap rangeMap, long maxSegSize,
                        long segBoundaryMask, long minAlignMask, boolean coherent, boolean untrusted,
                        List<String> defaultsApplied) {

    public DeviceDma {
        Objects.requireNonNull(rangeMap);
        defaultsApplied = List.copyOf(defaultsApplied);
        if (maxSegSize <= 0 || maxSegSize > KernelArith.UINT_MAX) {
            throw new IllegalArgumentException("max segment size must be 1..0xffffffff "
                    + "(an unsigned int in the kernel)");
        }
        if (!KernelArith.isPowerOfTwo(segBoundaryMask + 1) && segBoundaryMask != -1L) {
            throw new IllegalArgumentException("segment boundary mask must be 2^n - 1, was 0x"
                    + Long.toHexString(segBoundaryMask));
        }
    }

    /** A 64-bit PCI device with the kernel's PCI defaults for everything else; for tests and examples. */
    public static DeviceDma pciDefaults64() {
        return new DeviceDma(-1L, KernelArith.dmaBitMask(32), 0, DmaRangeMap.IDENTITY,
                DmaParameterDefaults.PCI_MAX_SEG_SIZE,
                DmaParameterDefaults.PCI_SEG_BOUNDARY, 0, true, false, List.of());
    }

    public DeviceDma withMask(long mask) {
        return new DeviceDma(mask, coherentDmaMask, busDmaLimit, rangeMap, maxSegSize, segBoundaryMask, minAlignMask,
                coherent,
                untrusted, defaultsApplied);
    }

    public DeviceDma withRangeMap(DmaRangeMap map) {
        return new DeviceDma(dmaMask, coherentDmaMask, busDmaLimit, map, maxSegSize, segBoundaryMask, minAlignMask,
                coherent,
                untrusted, defaultsApplied);
    }

    public DeviceDma withMaxSegSize(long v) {
        return new DeviceDma(dmaMask, coherentDmaMask, busDmaLimit, rangeMap, v, segBoundaryMask, minAlignMask,
                coherent,
                untrusted, defaultsApplied);
    }

    public DeviceDma withSegBoundaryMask(long v) {
        return new DeviceDma(dmaMask, coherentDmaMask, busDmaLimit, rangeMap, maxSegSize, v, minAlignMask, coherent,
                untrusted, defaultsApplied);
    }

    public DeviceDma withMinAlignMask(long v) {
        return new DeviceDma(dmaMask, coherentDmaMask, busDmaLimit, rangeMap, maxSegSize, segBoundaryMask, v, coherent,
                untrusted, defaultsApplied);
    }

    public DeviceDma withUntrusted(boolean v) {
        return new DeviceDma(dmaMask, coherentDmaMask, busDmaLimit, rangeMap, maxSegSize, segBoundaryMask, minAlignMask,
                coherent,
                v, defaultsApplied);
    }

    /** The width of the streaming mask in bits. */
    public int maskBits() {
        return KernelArith.bitsPer(dmaMask);
    }
}
