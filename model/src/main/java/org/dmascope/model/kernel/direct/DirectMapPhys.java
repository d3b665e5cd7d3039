package org.dmascope.model.kernel.direct;

import static org.dmascope.model.kernel.dma.KernelArith.DMA_MAPPING_ERROR;

import org.dmascope.model.kernel.dma.DeviceDma;
import org.dmascope.model.kernel.dma.DmaDirection;
import org.dmascope.model.kernel.dma.KmallocBounce;
import org.dmascope.model.kernel.dma.PhysToDma;
import org.dmascope.model.kernel.profile.KernelProfile;
import org.dmascope.model.kernel.rule.KernelRule;
import org.dmascope.model.kernel.swiotlb.SwiotlbAllocation;
import org.dmascope.model.kernel.swiotlb.SwiotlbContext;
import org.dmascope.model.kernel.swiotlb.SwiotlbMapSingle;
import org.dmascope.model.kernel.trace.MapTrace;

/**
 * R-DIR-3 {@code dma_direct_map_phys(dev, phys, size, dir, attrs)} (kernel/dma/direct.h, v6.18 form;
 * before that {@code dma_direct_map_page} and {@code dma_direct_map_resource} with the same logic):
 * MMIO is never translated and never bounced (with forced bouncing it fails); otherwise the address
 * goes through the range map and gets an SME host's C-bit ({@code phys_to_dma}, R-DIR-1), and a
 * forced-bounce device, an address the device cannot reach, or an
 * unaligned kmalloc buffer on a non-coherent arm64 device is bounced through swiotlb when it is
 * active, else the map fails ("DMA addr overflow"). Before v6.18 P2P pages were never bounced.
 */
@KernelRule("R-DIR-3")
public final class DirectMapPhys {
    private DirectMapPhys() {
    }

    public static long map(DeviceDma dev, long phys, long size, DmaDirection dir, boolean mmio, boolean p2pPage,
                           SwiotlbContext tlb, KernelProfile profile, MapTrace trace) {
        boolean v618 = profile.atLeast(6, 18);
        if (mmio) {
            if (tlb.forceBounce() && v618) return overflow(dev, phys, size, trace);
            if (!DmaCapable.capable(dev, phys, size)) return overflow(dev, phys, size, trace);
            return phys;
        }
        long dma = PhysToDma.encrypted(dev.rangeMap(), phys);
        if (tlb.forceBounce()) {
            if (p2pPage && !v618 && profile.atLeast(6, 2)) return DMA_MAPPING_ERROR;
            return swiotlbMap(dev, phys, size, tlb, trace);
        }
        if (!DmaCapable.capable(dev, dma, size)
                || KmallocBounce.needsBounce(tlb.archBouncesUnalignedKmalloc(), dev, size, dir)) {
            if (p2pPage && !v618 && profile.atLeast(6, 2)) return DMA_MAPPING_ERROR;
            if (tlb.active()) return swiotlbMap(dev, phys, size, tlb, trace);
            return overflow(dev, dma, size, trace);
        }
        return dma;
    }

    private static long overflow(DeviceDma dev, long dma, long size, MapTrace trace) {
        trace.log(String.format("DMA addr 0x%x+%d overflow (mask %x, bus limit %x).", dma, size, dev.dmaMask(),
                dev.busDmaLimit()));
        return DMA_MAPPING_ERROR;
    }

    /**
     * {@code swiotlb_map(dev, paddr, size, dir, attrs)} (kernel/dma/swiotlb.c): bounce with no
     * allocation alignment, then the bounce buffer's unencrypted DMA address must itself be reachable.
     */
    public static long swiotlbMap(DeviceDma dev, long phys, long size, SwiotlbContext tlb, MapTrace trace) {
        SwiotlbAllocation a = SwiotlbMapSingle.map(tlb.pool(), dev, phys, size, 0, tlb.cpu());
        if (a == null) {
            trace.bounceFailed(SwiotlbMapSingle.fullMessage(tlb.pool(), size));
            return DMA_MAPPING_ERROR;
        }
        trace.bounced(a);
        long dma = PhysToDma.translate(dev.rangeMap(), a.tlbAddr());
        if (!DmaCapable.capable(dev, dma, size)) {
            tlb.pool().release(a.tlbAddr());
            trace.bounceReleased(a);
            trace.log(String.format("swiotlb addr 0x%x+%d overflow (mask %x, bus limit %x).", dma, size, dev.dmaMask(),
                    dev.busDmaLimit()));
            return DMA_MAPPING_ERROR;
        }
        return dma;
    }

    /**
     * {@code dma_direct_unmap_phys()}: gives back the bounce buffer behind {@code dma}, if any.
     *
     * @return the released bounce buffer, or null when the address was not bounced
     */
    public static SwiotlbAllocation unmap(DeviceDma dev, long dma, SwiotlbContext tlb) {
        if (!tlb.active()) return null;
        long phys = PhysToDma.reverse(dev.rangeMap(), dma);
        if (!tlb.pool().contains(phys)) return null;
        for (SwiotlbAllocation a : tlb.pool().liveAllocations()) {
            if (a.tlbAddr() == phys) return tlb.pool().release(phys);
        }
        return null;
    }
}
