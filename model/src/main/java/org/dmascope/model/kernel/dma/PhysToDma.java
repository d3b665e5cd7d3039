package org.dmascope.model.kernel.dma;

import static org.dmascope.model.kernel.dma.KernelArith.DMA_MAPPING_ERROR;

import org.dmascope.model.kernel.rule.KernelRule;

/**
 * R-DIR-1 {@code phys_to_dma(dev, phys)} / {@code translate_phys_to_dma()} (include/linux/dma-direct.h,
 * v6.19): without a {@code dma_range_map} the DMA address is the CPU physical address; with one, the first
 * region containing {@code phys} offsets it; outside every region the result is
 * {@code DMA_MAPPING_ERROR}, so {@code dma_capable} fails and the caller bounces or gives up.
 * {@code phys_to_dma()} then ORs in {@code sme_me_mask} ({@code dma_addr_encrypted()}, v6.15+; {@code __sme_set()}
 * in v5.4 – v6.14, the same value on x86): on an SME host every dma-direct streaming address carries the C-bit,
 * so a device whose mask does not cover it fails {@code dma_capable} and bounces, even for RAM below 4 GiB
 * (research notes section 6.2, vectors SME-1 … SME-5). {@code phys_to_dma_unencrypted()} (swiotlb buffers, which
 * boot decrypts) skips it; {@code dma_to_phys()} clears it first ({@code dma_addr_canonical()}).
 */
@KernelRule("R-DIR-1")
public final class PhysToDma {
    private PhysToDma() {
    }

    /** {@code phys_to_dma()}: {@link #translate} with the C-bit of an SME host. */
    public static long encrypted(DmaRangeMap map, long phys) {
        long dma = translate(map, phys);
        return dma == DMA_MAPPING_ERROR ? dma : dma | map.encryptionMask();
    }

    /** {@code phys_to_dma_unencrypted()}: without the C-bit. */
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

    /** {@code dma_to_phys()}: the C-bit cleared, then the reverse walk, failing to {@code (phys_addr_t)-1}. */
    public static long reverse(DmaRangeMap map, long dma) {
        dma &= ~map.encryptionMask();
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
