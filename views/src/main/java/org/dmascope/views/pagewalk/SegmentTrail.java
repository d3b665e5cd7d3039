package org.dmascope.views.pagewalk;

import java.util.Arrays;
import java.util.List;

import org.dmascope.model.kernel.pagetable.PageTableChanges;
import org.dmascope.model.kernel.swiotlb.SwiotlbAllocation;
import org.dmascope.model.kernel.trace.MapTrace;
import org.dmascope.model.mapping.DmaSegments;
import org.dmascope.model.mapping.InputEntries;
import org.dmascope.model.mapping.Mapping;
import org.dmascope.model.mapping.PinnedBuffer;

/**
 * One DMA segment of a mapping read back through the three address spaces: which buffer bytes
 * (CPU virtual) and pages (CPU physical) it covers and which bus/DMA address the device uses for
 * them. Nothing here decides anything: the IOVA-to-physical pairs are the page-table leaves the
 * mapping wrote, the bounce buffers are its swiotlb allocations, the bus offset is its provider's.
 * A segment is stepped through in "stops": one per page-table leaf when the IOMMU translates, one
 * per input entry otherwise.
 */
final class SegmentTrail {
    /** The user buffer's virtual base in the pictures: the model pins pages, it has no process address space. */
    static final long ILLUSTRATIVE_USER_BASE = 0x7f3a_5c40_0000L;
    static final long PAGE_SIZE = 4096;

    /** How the CPU physical address became the address the device uses. */
    enum Translation {
        /** The IOMMU translates an IOVA through the I/O page table. */
        IOMMU,
        /**
         * The IOMMU translates an IOVA that points at a swiotlb bounce buffer (untrusted device, unaligned kmalloc).
         */
        IOMMU_BOUNCE,
        /** A P2P page used at its PCI bus address: CPU physical address + the provider's bus offset. */
        BUS_OFFSET,
        /** dma-direct copied the data into a bounce buffer the device can reach. */
        SWIOTLB,
        /** dma-direct, DMA address = CPU physical address. */
        IDENTITY,
        /** dma-direct through the host bridge's dma_range_map. */
        RANGE_MAP,
        /** The kernel left the DMA address unassigned. */
        UNSET
    }

    /**
     * One stop along the segment.
     *
     * @param bufferOffset byte of the buffer, or -1 when it cannot be traced back (a bounce page no input names)
     * @param phys         CPU physical address of the data (the original page, not a bounce buffer)
     * @param target       physical address the DMA reaches: {@code phys}, or the bounce buffer, or the P2P BAR
     * @param dma          the address the device puts on the bus
     * @param length       bytes this stop covers
     * @param input        input entry holding the byte, or -1
     * @param leaf         page-table leaf (IOMMU), or -1
     * @param bounce       the bounce buffer, or null
     */
    record Stop(long bufferOffset, long phys, long target, long dma, long length, int input, int leaf,
            SwiotlbAllocation bounce) {
    }

    private final Mapping mapping;
    private final int segment;
    private final Translation translation;
    private final int[] leaves;
    private final long segmentBufferOffset;

    private SegmentTrail(Mapping mapping, int segment, Translation translation, int[] leaves,
            long segmentBufferOffset) {
        this.mapping = mapping;
        this.segment = segment;
        this.translation = translation;
        this.leaves = leaves;
        this.segmentBufferOffset = segmentBufferOffset;
    }

    /** The trail of {@code segment}; null when the mapping has no such segment. */
    static SegmentTrail of(Mapping m, int segment) {
        if (m == null || segment < 0 || segment >= m.segments().count()) return null;
        DmaSegments seg = m.segments();
        Translation t;
        int[] leaves = new int[0];
        if (seg.has(segment, DmaSegments.UNSET)) {
            t = Translation.UNSET;
        } else if (seg.has(segment, DmaSegments.BUS)) {
            t = Translation.BUS_OFFSET;
        } else if (seg.has(segment, DmaSegments.IOVA)) {
            t = seg.has(segment, DmaSegments.SWIOTLB) ? Translation.IOMMU_BOUNCE : Translation.IOMMU;
            leaves = leavesCovering(m.pageTable(), seg.address(segment), seg.length(segment));
        } else if (seg.has(segment, DmaSegments.SWIOTLB)) {
            t = Translation.SWIOTLB;
        } else {
            t = m.device().rangeMap().isIdentity() ? Translation.IDENTITY : Translation.RANGE_MAP;
        }
        long offset = 0;
        InputEntries in = m.inputs();
        int first = Math.min(seg.firstInput(segment), in.count());
        for (int i = 0; i < first; i++) offset += in.length(i);
        return new SegmentTrail(m, segment, t, leaves, offset);
    }

    /** The leaves whose pages overlap {@code [addr, addr + len)}, in IOVA order. */
    static int[] leavesCovering(PageTableChanges pt, long addr, long len) {
        int[] out = new int[16];
        int n = 0;
        long end = addr + len;
        for (int i = 0; i < pt.leafCount(); i++) {
            long lo = pt.leafIova(i);
            long hi = lo + pt.leafSize(i);
            if (Long.compareUnsigned(lo, end) < 0 && Long.compareUnsigned(hi, addr) > 0) {
                if (n == out.length) out = Arrays.copyOf(out, n * 2);
                out[n++] = i;
            }
        }
        int[] leaves = Arrays.copyOf(out, n);
        boolean sorted = true;
        for (int k = 1; k < n && sorted; k++) sorted = Long.compareUnsigned(pt.leafIova(leaves[k - 1]),
                pt.leafIova(leaves[k])) < 0;
        if (!sorted) {
            Integer[] boxed = Arrays.stream(leaves).boxed().toArray(Integer[]::new);
            Arrays.sort(boxed, (a, b) -> Long.compareUnsigned(pt.leafIova(a), pt.leafIova(b)));
            for (int k = 0; k < n; k++) leaves[k] = boxed[k];
        }
        return leaves;
    }

    Mapping mapping() {
        return mapping;
    }

    int segment() {
        return segment;
    }

    Translation translation() {
        return translation;
    }

    boolean translated() {
        return translation == Translation.IOMMU || translation == Translation.IOMMU_BOUNCE;
    }

    long dmaAddress() {
        return mapping.segments().address(segment);
    }

    long dmaLength() {
        return mapping.segments().length(segment);
    }

    int firstInput() {
        return mapping.segments().firstInput(segment);
    }

    int inputCount() {
        return mapping.segments().inputCount(segment);
    }

    /** Byte of the buffer where the segment's first input starts. */
    long bufferOffset() {
        return segmentBufferOffset;
    }

    /** The IOVA allocation holding the segment, or null. */
    MapTrace.IovaAllocation iovaAllocation() {
        long a = dmaAddress();
        for (MapTrace.IovaAllocation r : mapping.iovaAllocations()) {
            if (Long.compareUnsigned(a, r.iova()) >= 0 && Long.compareUnsigned(a - r.iova(), r.bytes()) < 0) return r;
        }
        return null;
    }

    /** Page-table leaves of the segment (empty without IOMMU translation). */
    int[] leaves() {
        return leaves.clone();
    }

    int stopCount() {
        if (translated()) return Math.max(1, leaves.length);
        int inputs = Math.min(inputCount(), Math.max(0, mapping.inputs().count() - firstInput()));
        return Math.max(1, inputs);
    }

    /** Stop {@code k} of {@link #stopCount()}. */
    Stop stop(int k) {
        return translated() ? leafStop(k) : inputStop(k);
    }

    private Stop inputStop(int k) {
        InputEntries in = mapping.inputs();
        int input = firstInput() + k;
        if (input >= in.count()) return new Stop(-1, 0, 0, dmaAddress(), dmaLength(), -1, -1, null);
        long before = 0;
        for (int i = firstInput(); i < input; i++) before += in.length(i);
        long phys = in.phys(input);
        long dma = translation == Translation.UNSET ? 0 : dmaAddress() + before;
        SwiotlbAllocation bounce = translation == Translation.SWIOTLB ? bounceOf(phys) : null;
        long target = bounce != null ? bounce.tlbAddr() + (phys - bounce.origAddr()) : phys;
        return new Stop(segmentBufferOffset + before, phys, target, dma, in.length(input), input, -1, bounce);
    }

    private Stop leafStop(int k) {
        PageTableChanges pt = mapping.pageTable();
        if (leaves.length == 0) return new Stop(-1, 0, 0, dmaAddress(), dmaLength(), -1, -1, null);
        int leaf = leaves[k];
        long lo = pt.leafIova(leaf);
        long iova = k == 0 && Long.compareUnsigned(dmaAddress(), lo) > 0 ? dmaAddress() : lo;
        long target = pt.leafPhys(leaf) + (iova - lo);
        long segEnd = dmaAddress() + dmaLength();
        long leafEnd = lo + pt.leafSize(leaf);
        long length = (Long.compareUnsigned(leafEnd, segEnd) < 0 ? leafEnd : segEnd) - iova;
        SwiotlbAllocation bounce = bounceAt(target);
        long phys = bounce != null ? bounce.origAddr() + (target - bounce.tlbAddr()) : target;
        int input = inputHolding(phys);
        long bufferOffset = input < 0 ? -1 : bufferOffsetOf(input, phys);
        return new Stop(bufferOffset, phys, target, iova, length, input, leaf, bounce);
    }

    /** The segment's input entry whose bytes include {@code phys}, or -1. */
    private int inputHolding(long phys) {
        InputEntries in = mapping.inputs();
        int end = Math.min(in.count(), firstInput() + inputCount());
        for (int i = firstInput(); i < end; i++) {
            long p = in.phys(i);
            if (Long.compareUnsigned(phys, p) >= 0 && Long.compareUnsigned(phys - p, in.length(i)) < 0) return i;
        }
        return -1;
    }

    private long bufferOffsetOf(int input, long phys) {
        InputEntries in = mapping.inputs();
        long off = segmentBufferOffset;
        for (int i = firstInput(); i < input; i++) off += in.length(i);
        return off + (phys - in.phys(input));
    }

    private SwiotlbAllocation bounceOf(long orig) {
        for (SwiotlbAllocation a : mapping.swiotlb()) {
            if (Long.compareUnsigned(orig, a.origAddr()) >= 0 && Long.compareUnsigned(orig - a.origAddr(),
                    a.mappingSize()) < 0) return a;
        }
        return null;
    }

    private SwiotlbAllocation bounceAt(long tlb) {
        for (SwiotlbAllocation a : mapping.swiotlb()) {
            if (Long.compareUnsigned(tlb, a.tlbAddr()) >= 0 && Long.compareUnsigned(tlb - a.tlbAddr(),
                    a.mappingSize()) < 0) return a;
        }
        return null;
    }

    /** The buffer page a byte of the buffer lies in (virtual page index). */
    long virtualPage(long bufferOffset) {
        PinnedBuffer p = mapping.pinned();
        return (bufferOffset + (p == null ? 0 : p.offset())) / PAGE_SIZE;
    }

    /** Illustrative user virtual address of a buffer byte: the pinned page offset is real, the base is not. */
    long illustrativeVirtual(long bufferOffset) {
        PinnedBuffer p = mapping.pinned();
        return ILLUSTRATIVE_USER_BASE + (p == null ? 0 : p.offset()) + bufferOffset;
    }

    /** The walk of the stop's leaf, root first. */
    List<PageTableChanges.LevelIndex> walk(Stop s) {
        return s.leaf() < 0 ? List.of() : mapping.pageTable().walk(s.leaf());
    }
}
