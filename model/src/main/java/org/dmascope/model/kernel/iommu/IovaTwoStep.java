package org.dmascope.model.kernel.iommu;

import org.dmascope.model.kernel.dma.DeviceDma;
import org.dmascope.model.kernel.dma.DmaDirection;
import org.dmascope.model.kernel.dma.Errno;
import org.dmascope.model.kernel.iova.IovaDomain;
import org.dmascope.model.kernel.pagetable.IoPageTable;
import org.dmascope.model.kernel.profile.KernelProfile;
import org.dmascope.model.kernel.rule.KernelRule;
import org.dmascope.model.kernel.swiotlb.SwiotlbAllocation;
import org.dmascope.model.kernel.swiotlb.SwiotlbContext;
import org.dmascope.model.kernel.swiotlb.SwiotlbMapSingle;
import org.dmascope.model.kernel.trace.MapTrace;

/**
 * R-IOMMU-9 the two-step IOVA API (v6.16+, drivers/iommu/dma-iommu.c, Documentation/core-api/dma-api.rst
 * "Part Ie"): {@code dma_iova_try_alloc} reserves one IOVA range for the whole transfer (the first
 * physical address only sets the in-granule offset); {@code dma_iova_link} maps each physical range at
 * its offset without an IOTLB sync, and refuses ({@code -EIO}) a range that starts inside a granule
 * unless it is the first; {@code dma_iova_sync} syncs once; the device sees one contiguous range.
 * Without dma-iommu {@code try_alloc} returns false and the caller maps range by range.
 */
@KernelRule("R-IOMMU-9")
public final class IovaTwoStep {
    /** {@code DMA_IOVA_USE_SWIOTLB}: the top bit of {@code __size}. */
    public static final long DMA_IOVA_USE_SWIOTLB = 1L << 63;

    private IovaTwoStep() {
    }

    /** {@code struct dma_iova_state}. */
    public static final class State {
        long addr;
        long size;
        long linked;

        /** {@code state->addr}: the IOVA the device uses, with the first range's offset. */
        public long addr() {
            return addr;
        }

        /** {@code state->__size} without the swiotlb bit. */
        public long size() {
            return size & ~DMA_IOVA_USE_SWIOTLB;
        }

        public boolean usesSwiotlb() {
            return (size & DMA_IOVA_USE_SWIOTLB) != 0;
        }

        /** {@code dma_use_iova(state)}. */
        public boolean useIova() {
            return size != 0;
        }

        /** Bytes linked so far. */
        public long linked() {
            return linked;
        }
    }

    /** {@code dma_iova_try_alloc(dev, state, phys, size)}. */
    public static boolean tryAlloc(IommuDmaDomain domain, DeviceDma dev, IommuDeviceState devState, State state,
            long phys,
                                   long size, KernelProfile profile, MapTrace trace) {
        state.addr = 0;
        state.size = 0;
        state.linked = 0;
        if (domain == null || size == 0 || (size & DMA_IOVA_USE_SWIOTLB) != 0) return false;
        IovaDomain iovad = domain.iovad();
        long off = iovad.offset(phys);
        long addr = IommuAllocIova.alloc(domain, iovad.align(size + off), dev.dmaMask(), dev, devState, profile, trace);
        if (addr == 0) return false;
        state.addr = addr + off;
        state.size = size;
        return true;
    }

    /** {@code dma_iova_link(dev, state, phys, offset, size, dir, attrs)}: null on success. */
    public static Errno link(IommuDmaDomain domain, DeviceDma dev, State state, long phys, long offset, long size,
                             DmaDirection dir, boolean mmio, SwiotlbContext tlb, MapTrace trace) {
        IovaDomain iovad = domain.iovad();
        long pad = iovad.offset(phys);
        if (pad != 0 && offset > 0) return Errno.EIO;
        int prot = IommuMap.prot(dir.deviceReads(), dir.deviceWrites(), !mmio && dev.coherent()) | (mmio
                ? IoPageTable.IOMMU_MMIO : 0);
        if (!mmio && IommuMapPhys.devUseSwiotlb(dev, size, dir, tlb) && iovad.offset(phys | size) != 0) {
            return linkSwiotlb(domain, dev, state, phys, offset, size, prot, tlb, trace);
        }
        Errno e = IommuMap.map(domain, state.addr + offset - pad, phys - pad, iovad.align(size + pad), prot);
        if (e == null) state.linked += size;
        return e;
    }

    /** {@code iommu_dma_iova_link_swiotlb()}: bounces the partial head and tail granules. */
    private static Errno linkSwiotlb(IommuDmaDomain domain, DeviceDma dev, State state, long phys, long offset,
            long size,
                                     int prot, SwiotlbContext tlb, MapTrace trace) {
        IovaDomain iovad = domain.iovad();
        long startPad = iovad.offset(phys);
        long endPad = iovad.offset(phys + size);
        long addr = state.addr + offset;
        long mapped = 0;
        long total = size;
        if (startPad != 0) {
            long bounceLen = Math.min(size, iovad.granule() - startPad);
            Errno e = bounceAndLink(domain, dev, addr, phys, bounceLen, prot, startPad, tlb, trace);
            if (e != null) return e;
            state.size |= DMA_IOVA_USE_SWIOTLB;
            mapped += bounceLen;
            size -= bounceLen;
            if (size == 0) {
                state.linked += total;
                return null;
            }
        }
        size -= endPad;
        if (size != 0) {
            Errno e = IommuMap.map(domain, addr + mapped, phys + mapped, size, prot);
            if (e != null) return e;
            mapped += size;
        }
        if (endPad != 0) {
            Errno e = bounceAndLink(domain, dev, addr + mapped, phys + mapped, endPad, prot, 0, tlb, trace);
            if (e != null) return e;
            state.size |= DMA_IOVA_USE_SWIOTLB;
        }
        state.linked += total;
        return null;
    }

    private static Errno bounceAndLink(IommuDmaDomain domain, DeviceDma dev, long addr, long phys, long len, int prot,
                                       long startPad, SwiotlbContext tlb, MapTrace trace) {
        if (!tlb.active()) return Errno.ENOMEM;
        SwiotlbAllocation a = SwiotlbMapSingle.map(tlb.pool(), dev, phys, len, domain.iovad().granule() - 1, tlb.cpu());
        if (a == null) {
            trace.bounceFailed(SwiotlbMapSingle.fullMessage(tlb.pool(), len));
            return Errno.ENOMEM;
        }
        trace.bounced(a);
        Errno e = IommuMap.map(domain, addr - startPad, a.tlbAddr() - startPad, domain.iovad().align(len), prot);
        if (e != null) {
            tlb.pool().release(a.tlbAddr());
            trace.bounceReleased(a);
        }
        return e;
    }

    /** {@code dma_iova_sync()}: one IOTLB sync for the linked range (nothing to model beyond the call). */
    public static void sync(State state) {
        // iommu_sync_map(): the entries are already in the page table
    }

    /** {@code dma_iova_destroy(dev, state, mapped_len)}: unlink and free the IOVA (queued when lazy). */
    public static IommuDmaUnmap.Result destroy(IommuDmaDomain domain, State state, long mappedLen) {
        if (mappedLen != 0) return IommuDmaUnmap.unmap(domain, state.addr, mappedLen);
        free(domain, state);
        return new IommuDmaUnmap.Result(state.addr, 0, 0, false, false);
    }

    /** {@code dma_iova_free(dev, state)}: gives the IOVA back without unmapping. */
    public static void free(IommuDmaDomain domain, State state) {
        IovaDomain iovad = domain.iovad();
        long pad = iovad.offset(state.addr);
        IommuDmaUnmap.freeIova(domain, state.addr - pad, iovad.align(state.size() + pad), false);
    }
}
