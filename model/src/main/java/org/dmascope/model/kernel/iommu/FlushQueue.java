package org.dmascope.model.kernel.iommu;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.dmascope.model.kernel.iova.IovaDomain;
import org.dmascope.model.kernel.rule.KernelRule;

/**
 * R-GRP-4 the lazy-mode flush queue of a {@code DMA_FQ} domain ({@code queue_iova},
 * {@code fq_flush_timeout} in drivers/iommu/dma-iommu.c): an unmapped range's page-table entries are
 * cleared at once but its IOVA is only freed after the next IOTLB flush, so the device's stale TLB
 * entries cannot hit memory reused for something else. A full ring ({@code IOVA_DEFAULT_FQ_SIZE} = 256, one slot kept
 * empty)
 * flushes at once; otherwise the 10 ms timer does, which this model leaves to an explicit
 * {@link #flush()}.
 */
@KernelRule("R-GRP-4")
public final class FlushQueue {
    public static final int IOVA_DEFAULT_FQ_SIZE = 256;

    /** A queued range: pfn and page count. */
    public record Entry(long pfn, long pages) {
    }

    private final List<Entry> entries = new ArrayList<>();
    private long flushes;

    /** {@code queue_iova()}; flushes first when the ring is full. @return true if that forced a flush */
    boolean queue(IovaDomain iovad, long pfn, long pages) {
        boolean flushed = false;
        if (entries.size() == IOVA_DEFAULT_FQ_SIZE - 1) {
            flush(iovad);
            flushed = true;
        }
        entries.add(new Entry(pfn, pages));
        return flushed;
    }

    /** {@code fq_flush_iotlb()} + {@code fq_ring_free()}: the IOTLB is flushed and every queued IOVA freed. */
    int flush(IovaDomain iovad) {
        int n = entries.size();
        for (Entry e : entries) iovad.freeFast(e.pfn(), e.pages());
        entries.clear();
        flushes++;
        return n;
    }

    public List<Entry> entries() {
        return Collections.unmodifiableList(new ArrayList<>(entries));
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    public long flushes() {
        return flushes;
    }

    void clear() {
        entries.clear();
    }
}
