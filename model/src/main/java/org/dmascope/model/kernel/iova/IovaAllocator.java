package org.dmascope.model.kernel.iova;

import java.util.Map;

import org.dmascope.model.kernel.dma.KernelArith;
import org.dmascope.model.kernel.rule.KernelRule;

/**
 * R-IOMMU-3 the IOVA allocator ({@code alloc_iova_fast}, {@code alloc_iova},
 * {@code __alloc_and_insert_iova_range}, {@code iova_find_limit} in drivers/iommu/iova.c, checked
 * against the torvalds/linux version with {@code retry_pfn = curr_iova->pfn_hi} and
 * {@code low_pfn = retry_pfn + 1}). Requests under 32 pages are rounded up to a power of two;
 * the range cache is tried first; otherwise the tree is walked top-down from the cached node for the
 * limit, placing the range naturally aligned to its rounded-up size in the first hole that fits, with
 * one retry from the limit itself before giving up (and remembering the failed size for 32-bit limits).
 */
@KernelRule("R-IOMMU-3")
public final class IovaAllocator {
    private IovaAllocator() {
    }

    static long allocFast(IovaDomain d, long size, long limitPfn, boolean flushRcache) {
        if (size < (1L << (IovaRcache.IOVA_RANGE_CACHE_MAX_SIZE - 1))) size = KernelArith.roundupPowOfTwo(size);
        long pfn = d.rcache.get(size, limitPfn + 1);
        d.lastFromRcache = pfn != 0;
        if (pfn != 0) return pfn;
        while (true) {
            IovaRange r = allocIova(d, size, limitPfn, true);
            if (r != null) return r.pfnLo;
            if (!flushRcache) return 0;
            flushRcache = false;
            d.flushRcaches();
        }
    }

    /** {@code alloc_iova(iovad, size, limit_pfn, size_aligned)}; null on failure. */
    public static IovaRange allocIova(IovaDomain d, long size, long limitPfn, boolean sizeAligned) {
        return allocAndInsert(d, size, limitPfn + 1, sizeAligned);
    }

    private static IovaRange allocAndInsert(IovaDomain d, long size, long limitPfn, boolean sizeAligned) {
        long alignMask = -1L;
        if (sizeAligned) alignMask <<= KernelArith.flsLong(size - 1);
        long highPfn = limitPfn;
        long lowPfn = d.startPfn;
        if (Long.compareUnsigned(limitPfn, d.dma32bitPfn) <= 0 && Long.compareUnsigned(size, d.max32AllocSize) >= 0) {
            return null;
        }
        IovaRange curr = Long.compareUnsigned(limitPfn, d.dma32bitPfn) <= 0 ? d.cached32Node : d.cachedNode;
        long retryPfn = curr.pfnHi;
        long newPfn;
        IovaRange prev;
        while (true) {
            do {
                highPfn = KernelArith.minU(highPfn, curr.pfnLo);
                newPfn = (highPfn - size) & alignMask;
                prev = curr;
                curr = d.prevNode(curr);
            } while (curr != null && Long.compareUnsigned(newPfn, curr.pfnHi) <= 0
                    && Long.compareUnsigned(newPfn, lowPfn) >= 0);
            if (Long.compareUnsigned(highPfn, size) < 0 || Long.compareUnsigned(newPfn, lowPfn) < 0) {
                if (lowPfn == d.startPfn && Long.compareUnsigned(retryPfn, limitPfn) < 0) {
                    highPfn = limitPfn;
                    lowPfn = retryPfn + 1;
                    curr = findLimit(d, limitPfn);
                    continue;
                }
                d.max32AllocSize = size;
                return null;
            }
            break;
        }
        IovaRange n = new IovaRange(newPfn, newPfn + size - 1, IovaRange.Kind.ALLOCATED, "");
        d.insert(n);
        d.cachedInsertUpdate(n);
        return n;
    }

    /** {@code iova_find_limit()}: the lowest node at or straddling the limit (the anchor above 32 bits). */
    static IovaRange findLimit(IovaDomain d, long limitPfn) {
        if (Long.compareUnsigned(limitPfn, d.dma32bitPfn) > 0) return d.anchor;
        Map.Entry<Long, IovaRange> below = d.tree.lowerEntry(limitPfn);
        if (below != null && Long.compareUnsigned(below.getValue().pfnHi, limitPfn) >= 0) return below.getValue();
        return d.tree.ceilingEntry(limitPfn).getValue();
    }
}
