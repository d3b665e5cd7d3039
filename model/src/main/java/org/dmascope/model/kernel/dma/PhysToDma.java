package org.dmascope.model.kernel.dma;

import static org.dmascope.model.kernel.dma.KernelArith.DMA_MAPPING_ERROR;

import org.dmascope.model.kernel.rule.KernelRule;

/**
 * R-DIR-1 {@code phys_to_dma(dev, phys)} / {@code translate_phys_to_dma()} (include/linux/dma-direct.h):
 * without a {@code dma_range_map} the DMA address is the CPU physical address; with one, the first
 * region containing {@code phys} offsets it; outside every region the result is
 * {@code DMA_MAPPING_ERROR}, so {@code dma_capable} fails and the caller bounces or gives up.
 * The SME C-bit that {@code phys_to_dma} (not {@code phys_to_dma_unencrypted}) would add on an
 * encrypted host is not modelled: its bit position is not in the topology.
 */
@KernelRule("R-DIR-1")
public final class PhysToDma {
    private PhysToDma() {
    }

    /** {@code phys_to_dma_unencrypted()}; {@code phys_to_dma()} gives the same value here. */
    public static long translate(DmaRangeMap map, long phys) {
        if (map.isIdentity()) return phys;
        for (DmaRangeMap.Region r : map.regions()) {
            long off = phys - r.cpuStart();
            if (Long.compareUnsigned(phys, r.cpuStart()) >= 0 && Long.compareUnsigned(off, r.size()) < 0) {
                return r.dmaStart() + off;
            }
        }
        return DMA_MAPPING_ERROR;
    }

    /** {@code dma_to_phys()}: the reverse walk, failing to {@code (phys_addr_t)-1}. */
    public static long reverse(DmaRangeMap map, long dma) {
        if (map.isIdentity()) return dma;
        for (DmaRangeMap.Region r : map.regions()) {
            long off = dma - r.dmaStart();
            if (Long.compareUnsigned(dma, r.dmaStart()) >= 0 && Long.compareUnsigned(off, r.size()) < 0) {
                return r.cpuStart() + off;
            }
        }
        return -1L;
    }
}
