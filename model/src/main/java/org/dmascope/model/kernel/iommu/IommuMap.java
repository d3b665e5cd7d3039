package org.dmascope.model.kernel.iommu;

import org.dmascope.model.kernel.dma.Errno;
import org.dmascope.model.kernel.dma.KernelArith;
import org.dmascope.model.kernel.pagetable.IoPageTable;
import org.dmascope.model.kernel.rule.KernelRule;

/**
 * R-IOMMU-8 {@code iommu_map()} / {@code __iommu_map()} / {@code iommu_pgsize()} (drivers/iommu/iommu.c):
 * IOVA, physical address and size must be multiples of the smallest page size (else {@code -EINVAL},
 * "unaligned"). Each round takes the largest supported page size not above the remaining size and
 * the alignment of {@code iova | paddr}; when a larger size exists and IOVA and physical address are
 * equally offset within it, only enough small pages are mapped to reach that larger boundary. A
 * failure unmaps what was mapped.
 */
@KernelRule("R-IOMMU-8")
public final class IommuMap {
    private IommuMap() {
    }

    /** {@code iommu_pgsize(domain, iova, paddr, size, &count)}: {@code [pgsize, count]}. */
    public static long[] pgsize(long pgsizeBitmap, long iova, long paddr, long size) {
        int idx = pgsizeIndex(pgsizeBitmap, iova, paddr, size);
        return new long[] {1L << idx, countFor(pgsizeBitmap, iova, paddr, size, idx)};
    }

    /** The page-size choice of {@code iommu_pgsize}, as a bit index. */
    static int pgsizeIndex(long pgsizeBitmap, long iova, long paddr, long size) {
        long addrMerge = paddr | iova;
        long pgsizes = pgsizeBitmap & KernelArith.genmaskLow(KernelArith.fls(size));
        if (addrMerge != 0) pgsizes &= KernelArith.genmaskLow(KernelArith.ffs(addrMerge));
        if (pgsizes == 0) throw new IllegalStateException("no suitable page size (BUG_ON in iommu_pgsize)");
        return KernelArith.fls(pgsizes);
    }

    /** The {@code *count} of {@code iommu_pgsize} for the chosen page size. */
    static long countFor(long pgsizeBitmap, long iova, long paddr, long size, int idx) {
        long addrMerge = paddr | iova;
        long larger = idx >= 63 ? 0 : pgsizeBitmap & ~KernelArith.genmaskLow(idx);
        if (larger != 0) {
            long next = 1L << KernelArith.ffs(larger);
            if (((iova ^ paddr) & (next - 1)) == 0) {
                long offset = next - (addrMerge & (next - 1));
                if (Long.compareUnsigned(offset + next, size) <= 0) size = offset;
            }
        }
        return size >>> idx;
    }

    /** {@code iommu_map(domain, iova, paddr, size, prot)}: null on success. */
    public static Errno map(IommuDmaDomain domain, long iova, long paddr, long size, int prot) {
        long bitmap = domain.pgsizeBitmap();
        long minPagesz = Long.lowestOneBit(bitmap);
        if (((iova | paddr | size) & (minPagesz - 1)) != 0) return Errno.EINVAL;
        IoPageTable pt = domain.pageTable();
        if (size == minPagesz) {
            // one smallest page: iommu_pgsize can only answer (min_pagesz, 1)
            return pt.mapPages(iova, paddr, size, 1, prot) == size ? null : pt.lastError() == null ? Errno.EINVAL
                    : pt.lastError();
        }
        long origIova = iova;
        long remaining = size;
        while (remaining != 0) {
            int idx = pgsizeIndex(bitmap, iova, paddr, remaining);
            long count = countFor(bitmap, iova, paddr, remaining, idx);
            long want = count << idx;
            long mapped = pt.mapPages(iova, paddr, 1L << idx, count, prot);
            remaining -= mapped;
            iova += mapped;
            paddr += mapped;
            if (mapped != want) {
                Errno e = pt.lastError() == null ? Errno.EINVAL : pt.lastError();
                if (size - remaining != 0) pt.unmap(origIova, size - remaining);
                return e;
            }
        }
        return null;
    }

    /** {@code iommu_unmap(domain, iova, size)}: clears the range's entries. @return leaf entries cleared */
    public static long unmap(IommuDmaDomain domain, long iova, long size) {
        return domain.pageTable().unmap(iova, size);
    }

    /** {@code dma_info_to_prot(dir, coherent, attrs)}. */
    public static int prot(boolean deviceReads, boolean deviceWrites, boolean coherent) {
        int p = coherent ? IoPageTable.IOMMU_CACHE : 0;
        if (deviceReads) p |= IoPageTable.IOMMU_READ;
        if (deviceWrites) p |= IoPageTable.IOMMU_WRITE;
        return p;
    }
}
