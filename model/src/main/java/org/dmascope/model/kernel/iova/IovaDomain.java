package org.dmascope.model.kernel.iova;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.dmascope.model.kernel.dma.KernelArith;

/**
 * {@code struct iova_domain} (drivers/iommu/iova.c as of v6.x): the allocated and reserved IOVA
 * ranges of one DMA domain in a tree ordered by start pfn, the two cached search nodes and the
 * per-size range caches. Allocated ranges stay until freed, so a second mapping lands where the
 * kernel would put it.
 *
 * <p>The anchor node the kernel keeps above everything ({@code IOVA_ANCHOR = ~0UL}) is modelled at
 * {@code Long.MAX_VALUE}: still above every pfn a 64-bit address can produce.
 */
public final class IovaDomain {
    static final long IOVA_ANCHOR = Long.MAX_VALUE;

    final long granule;
    final int shift;
    final long startPfn;
    final long dma32bitPfn;
    long max32AllocSize;
    final TreeMap<Long, IovaRange> tree = new TreeMap<>();
    final IovaRange anchor = new IovaRange(IOVA_ANCHOR, IOVA_ANCHOR, IovaRange.Kind.ANCHOR, "anchor");
    IovaRange cachedNode;
    IovaRange cached32Node;
    final IovaRcache rcache = new IovaRcache();
    boolean lastFromRcache;

    /** {@code init_iova_domain(iovad, granule, start_pfn)}. */
    public IovaDomain(long granule, long startPfn) {
        if (!KernelArith.isPowerOfTwo(granule) || granule > KernelArith.PAGE_SIZE) {
            throw new IllegalArgumentException("IOVA granule must be a power of two no larger than PAGE_SIZE");
        }
        this.granule = granule;
        this.shift = KernelArith.ffs(granule);
        this.startPfn = startPfn;
        this.dma32bitPfn = 1L << (32 - shift);
        this.max32AllocSize = dma32bitPfn;
        tree.put(anchor.pfnLo, anchor);
        cachedNode = anchor;
        cached32Node = anchor;
    }

    public long granule() {
        return granule;
    }

    public int shift() {
        return shift;
    }

    public long startPfn() {
        return startPfn;
    }

    /** {@code iova_offset(iovad, x)}. */
    public long offset(long x) {
        return x & (granule - 1);
    }

    /** {@code iova_align(iovad, x)}. */
    public long align(long x) {
        return KernelArith.alignUp(x, granule);
    }

    IovaRange prevNode(IovaRange n) {
        Map.Entry<Long, IovaRange> e = tree.lowerEntry(n.pfnLo);
        return e == null ? null : e.getValue();
    }

    IovaRange nextNode(IovaRange n) {
        Map.Entry<Long, IovaRange> e = tree.higherEntry(n.pfnLo);
        return e == null ? null : e.getValue();
    }

    void insert(IovaRange r) {
        IovaRange old = tree.put(r.pfnLo, r);
        if (old != null) throw new IllegalStateException("IOVA tree already holds a node at pfn 0x"
                + Long.toHexString(r.pfnLo));
    }

    /** The node holding {@code pfn}, if any ({@code private_find_iova}). */
    public IovaRange find(long pfn) {
        Map.Entry<Long, IovaRange> e = tree.floorEntry(pfn);
        if (e == null) return null;
        IovaRange r = e.getValue();
        return r.kind != IovaRange.Kind.ANCHOR && Long.compareUnsigned(pfn, r.pfnHi) <= 0 ? r : null;
    }

    /**
     * {@code reserve_iova(iovad, pfn_lo, pfn_hi)}: marks a range unusable, widening an overlapping
     * reservation the way {@code __adjust_overlap_range} does.
     */
    public void reserve(long pfnLo, long pfnHi, String reason) {
        if (Long.compareUnsigned(pfnLo | pfnHi, -1L >>> shift) > 0) return; // WARN_ON: nonsensical pfns
        boolean overlap = false;
        for (IovaRange r : new ArrayList<>(tree.values())) {
            if (r.kind == IovaRange.Kind.ANCHOR) break;
            if (Long.compareUnsigned(pfnLo, r.pfnHi) <= 0 && Long.compareUnsigned(pfnHi, r.pfnLo) >= 0) {
                if (Long.compareUnsigned(pfnLo, r.pfnLo) < 0) {
                    tree.remove(r.pfnLo);
                    r.pfnLo = pfnLo;
                    tree.put(r.pfnLo, r);
                }
                if (Long.compareUnsigned(pfnHi, r.pfnHi) > 0) pfnLo = r.pfnHi + 1;
                if (Long.compareUnsigned(pfnLo, r.pfnLo) >= 0 && Long.compareUnsigned(pfnHi, r.pfnHi) <= 0) return;
                overlap = true;
            } else if (overlap) {
                break;
            }
        }
        insert(new IovaRange(pfnLo, pfnHi, IovaRange.Kind.RESERVED, reason));
    }

    /**
     * {@code alloc_iova_fast(iovad, size, limit_pfn, flush_rcache)} (R-IOMMU-3).
     *
     * @return the first pfn, 0 on failure
     */
    public long allocFast(long pages, long limitPfn, boolean flushRcache) {
        return IovaAllocator.allocFast(this, pages, limitPfn, flushRcache);
    }

    /** Whether the last {@link #allocFast} was served from the range cache. */
    public boolean lastFromRangeCache() {
        return lastFromRcache;
    }

    /** {@code free_iova_fast()}: into the range cache when the size is cacheable, else back to the tree. */
    public void freeFast(long pfn, long pages) {
        if (rcache.insert(pfn, pages)) return;
        free(pfn);
    }

    /** {@code free_iova(iovad, pfn)}: removes the allocation that holds {@code pfn}. */
    public void free(long pfn) {
        IovaRange r = find(pfn);
        if (r == null || r.kind != IovaRange.Kind.ALLOCATED) return;
        cachedDeleteUpdate(r);
        tree.remove(r.pfnLo);
    }

    /** Frees every cached range back to the tree ({@code free_cpu_cached_iovas} + {@code free_global_cached_iovas}). */
    public void flushRcaches() {
        for (long[] e : rcache.drain()) free(e[0]);
    }

    void cachedInsertUpdate(IovaRange n) {
        if (Long.compareUnsigned(n.pfnHi, dma32bitPfn) < 0) cached32Node = n;
        else cachedNode = n;
    }

    void cachedDeleteUpdate(IovaRange free) {
        IovaRange c32 = cached32Node;
        if (free == c32 || (Long.compareUnsigned(free.pfnHi, dma32bitPfn) < 0
                && Long.compareUnsigned(free.pfnLo, c32.pfnLo) >= 0)) {
            cached32Node = nextNode(free);
        }
        if (Long.compareUnsigned(free.pfnLo, dma32bitPfn) < 0) max32AllocSize = dma32bitPfn;
        IovaRange c = cachedNode;
        if (Long.compareUnsigned(free.pfnLo, c.pfnLo) >= 0) cachedNode = nextNode(free);
    }

    /** The ranges in the tree (reserved and allocated, cache-held included), lowest first, without the anchor. */
    public List<IovaRange> ranges() {
        List<IovaRange> out = new ArrayList<>();
        for (IovaRange r : tree.values()) if (r.kind != IovaRange.Kind.ANCHOR) out.add(r);
        return Collections.unmodifiableList(out);
    }

    /** Allocated tree nodes (including those parked in the range caches). */
    public int allocatedCount() {
        int n = 0;
        for (IovaRange r : tree.values()) if (r.kind == IovaRange.Kind.ALLOCATED) n++;
        return n;
    }

    /** Start pfns parked in the range caches. */
    public List<Long> cachedPfns() {
        return rcache.cachedPfns();
    }

    /** True when nothing is allocated: only reservations remain (after the caches were flushed). */
    public boolean isEmpty() {
        return allocatedCount() == 0;
    }

    /** The 32-bit boundary in pfns ({@code dma_32bit_pfn}). */
    public long dma32bitPfn() {
        return dma32bitPfn;
    }
}
