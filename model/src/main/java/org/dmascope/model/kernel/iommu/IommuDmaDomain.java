package org.dmascope.model.kernel.iommu;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.dmascope.model.kernel.dma.KernelArith;
import org.dmascope.model.kernel.iova.IovaDomain;
import org.dmascope.model.kernel.pagetable.IoPageTable;
import org.dmascope.model.kernel.pagetable.PageTableGeometry;

/**
 * One IOMMU DMA domain with its {@code iommu_dma_cookie}: the IOVA allocator, the I/O page table,
 * the reserved ranges and, for {@code DMA_FQ}, the flush queue. Devices of one IOMMU group share it.
 * State persists between mappings until {@link #clear()}.
 */
public final class IommuDmaDomain {
    private final String id;
    private final PageTableGeometry geometry;
    private DmaDomainType type;
    private IovaDomain iovad;
    private final IoPageTable pgtable;
    private final FlushQueue fq = new FlushQueue();
    private final List<ReservedRegion> reserved = new ArrayList<>();
    private final Set<String> attached = new LinkedHashSet<>();
    private final long startPfn;
    // read for every iommu_map(); the geometry never changes
    private final long pgsizeBitmap;

    /**
     * R-IOMMU-1 {@code iommu_dma_init_domain()}: granule = smallest page size, {@code start_pfn} at
     * least 1 so IOVA 0 is never handed out (raised to the lowest DMA range when the device has one).
     */
    public IommuDmaDomain(String id, PageTableGeometry geometry, DmaDomainType type, long lowestDmaAddress) {
        this.id = id;
        this.geometry = geometry;
        this.type = type;
        int order = KernelArith.ffs(geometry.pgsizeBitmap());
        this.startPfn = Math.max(1, lowestDmaAddress >>> order);
        this.iovad = new IovaDomain(1L << order, startPfn);
        this.pgtable = new IoPageTable(geometry);
        this.pgsizeBitmap = geometry.pgsizeBitmap();
    }

    public String id() {
        return id;
    }

    public PageTableGeometry geometry() {
        return geometry;
    }

    public DmaDomainType type() {
        return type;
    }

    /** Changes strict/lazy; only allowed while nothing is mapped (sysfs answers -EBUSY otherwise). */
    public boolean setType(DmaDomainType t) {
        if (t == type) return true;
        if (!isEmpty()) return false;
        type = t;
        return true;
    }

    public IovaDomain iovad() {
        return iovad;
    }

    public IoPageTable pageTable() {
        return pgtable;
    }

    public FlushQueue flushQueue() {
        return fq;
    }

    public long pgsizeBitmap() {
        return pgsizeBitmap;
    }

    public long apertureEnd() {
        return geometry.apertureEnd();
    }

    /** {@code domain->geometry.force_aperture}: true for every driver modelled here. */
    public boolean forceAperture() {
        return true;
    }

    /**
     * Reserves a device's regions when it is attached ({@code iova_reserve_iommu_regions}); reserving
     * again for a second device of the group merges with what is there.
     *
     * @return true when this device was new to the domain
     */
    public boolean attach(String device, List<ReservedRegion> regions) {
        if (!attached.add(device)) return false;
        int shift = iovad.shift();
        for (ReservedRegion r : regions) {
            iovad.reserve(r.start() >>> shift, r.end() >>> shift, r.reason());
            if (!reserved.contains(r)) reserved.add(r);
        }
        return true;
    }

    public List<ReservedRegion> reservedRegions() {
        return Collections.unmodifiableList(reserved);
    }

    public Set<String> attachedDevices() {
        return Collections.unmodifiableSet(attached);
    }

    /** The deferred IOTLB flush: frees every IOVA in the flush queue. @return ranges freed */
    public int flush() {
        return fq.flush(iovad);
    }

    /**
     * Nothing mapped: no leaf page-table entry, nothing in the flush queue, and no IOVA allocated
     * outside the range caches.
     */
    public boolean isEmpty() {
        return pgtable.isEmpty() && fq.isEmpty() && iovad.allocatedCount() == iovad.cachedPfns().size();
    }

    /** Forgets every mapping: fresh allocator and page table, reservations kept. */
    public void clear() {
        iovad = new IovaDomain(iovad.granule(), startPfn);
        int shift = iovad.shift();
        for (ReservedRegion r : reserved) iovad.reserve(r.start() >>> shift, r.end() >>> shift, r.reason());
        pgtable.clear();
        fq.clear();
    }
}
