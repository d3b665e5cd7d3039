package org.dmascope.model.kernel.direct;

import static org.dmascope.model.kernel.dma.KernelArith.DMA_MAPPING_ERROR;

import org.dmascope.model.kernel.dma.DeviceDma;
import org.dmascope.model.kernel.dma.KernelArith;
import org.dmascope.model.kernel.rule.KernelRule;

/**
 * R-DIR-2 {@code dma_capable(dev, addr, size, is_ram)} (include/linux/dma-direct.h): the last byte
 * must lie at or below {@code min_not_zero(*dev->dma_mask, dev->bus_dma_limit)}. The 32-bit
 * {@code dma_addr_t} check against {@code min_low_pfn} does not apply to 64-bit kernels.
 */
@KernelRule("R-DIR-2")
public final class DmaCapable {
    private DmaCapable() {
    }

    public static boolean capable(DeviceDma dev, long addr, long size) {
        if (addr == DMA_MAPPING_ERROR) return false;
        long end = addr + size - 1;
        if (size != 0 && Long.compareUnsigned(end, addr) < 0) return false;
        return Long.compareUnsigned(end, KernelArith.minNotZero(dev.dmaMask(), dev.busDmaLimit())) <= 0;
    }
}
