package org.dmascope.model.mapping;

import java.util.List;
import java.util.Optional;

import org.dmascope.model.kernel.DmaApi;
import org.dmascope.model.kernel.dma.DeviceDma;
import org.dmascope.model.kernel.p2p.P2pMapType;
import org.dmascope.model.kernel.pagetable.PageTableChanges;
import org.dmascope.model.kernel.route.TlpRoute;
import org.dmascope.model.kernel.swiotlb.SwiotlbAllocation;
import org.dmascope.model.kernel.trace.MapTrace;

/**
 * The immutable result of one mapping: the verdict, the P2P map type, the ordered translation steps,
 * the page-table entries written, the swiotlb slots taken, the input entries, the output DMA segments
 * (which inputs formed each), the physical ranges, and what each representation costs. It also
 * remembers what it holds ({@link #resources()}), so {@link DmaState#unmap} can give it back.
 */
public final class Mapping {
    private final long id;
    private final MapRequest request;
    private final String domainId;
    private final Verdict verdict;
    private final P2pMapType mapType;
    private final Optional<TlpRoute> route;
    private final List<Step> steps;
    private final PageTableChanges pageTable;
    private final List<SwiotlbAllocation> swiotlb;
    private final InputEntries inputs;
    private final DmaSegments segments;
    private final PinnedBuffer pinned;
    private final MetadataCost cost;
    private final DeviceDma device;
    private final List<MapTrace.IovaAllocation> iovas;
    private final List<String> kernelLog;
    private final List<String> notes;
    private final List<DmaApi.Resource> resources;

    Mapping(long id, MapRequest request, String domainId, Verdict verdict, P2pMapType mapType, Optional<TlpRoute> route,
            List<Step> steps,
            PageTableChanges pageTable, List<SwiotlbAllocation> swiotlb, InputEntries inputs, DmaSegments segments,
            PinnedBuffer pinned, MetadataCost cost, DeviceDma device, List<MapTrace.IovaAllocation> iovas,
                    List<String> kernelLog,
            List<String> notes, List<DmaApi.Resource> resources) {
        this.id = id;
        this.request = request;
        this.domainId = domainId;
        this.verdict = verdict;
        this.mapType = mapType;
        this.route = route;
        this.steps = List.copyOf(steps);
        this.pageTable = pageTable;
        this.swiotlb = List.copyOf(swiotlb);
        this.inputs = inputs;
        this.segments = segments;
        this.pinned = pinned;
        this.cost = cost;
        this.device = device;
        this.iovas = List.copyOf(iovas);
        this.kernelLog = List.copyOf(kernelLog);
        this.notes = List.copyOf(notes);
        this.resources = List.copyOf(resources);
    }

    /** Sequence number within its {@link DmaState}. */
    public long id() {
        return id;
    }

    public MapRequest request() {
        return request;
    }

    /** The IOMMU domain the mapping lives in; null for dma-direct. */
    public String domainId() {
        return domainId;
    }

    public Verdict verdict() {
        return verdict;
    }

    /** {@code NONE} for host memory. */
    public P2pMapType mapType() {
        return mapType;
    }

    /** The hops the DMA's TLPs take (from the topology rules); empty when the engine was built without them. */
    public Optional<TlpRoute> route() {
        return route;
    }

    public List<Step> steps() {
        return steps;
    }

    public PageTableChanges pageTable() {
        return pageTable;
    }

    /** Bounce buffers this mapping holds. */
    public List<SwiotlbAllocation> swiotlb() {
        return swiotlb;
    }

    public InputEntries inputs() {
        return inputs;
    }

    public DmaSegments segments() {
        return segments;
    }

    /** The pinned pages and their physical ranges; null when the buffer could not be pinned. */
    public PinnedBuffer pinned() {
        return pinned;
    }

    /** The physical ranges ("phyr"). */
    public PhysRanges phyr() {
        return pinned == null ? PhysRanges.ofPages(new long[0], 0, 0, 0) : pinned.phyr();
    }

    public MetadataCost cost() {
        return cost;
    }

    /** The device's DMA parameters as resolved (R-MAP-4 defaults named inside). */
    public DeviceDma device() {
        return device;
    }

    public List<MapTrace.IovaAllocation> iovaAllocations() {
        return iovas;
    }

    /** Lines the kernel would have logged ({@code dev_warn}, {@code dev_notice}). */
    public List<String> kernelLog() {
        return kernelLog;
    }

    /** Which kernel-version behaviour applied, where versions differ. */
    public List<String> notes() {
        return notes;
    }

    /** What this mapping holds until unmapped. */
    public List<DmaApi.Resource> resources() {
        return resources;
    }

    /**
     * Bytes this object keeps reachable, summed over its arrays (the engine's own estimate; the JMH
     * benchmark cross-checks it with the allocation profiler).
     */
    public long footprintBytes() {
        long b = 200;
        b += pinned == null ? pageTable.footprintBytes() : pageTable.footprintBytesBesides(pinned.pagesArray());
        b += inputs.footprintBytes();
        b += segments.footprintBytes();
        if (pinned != null) b += pinned.footprintBytes();
        b += 300L * steps.size();
        b += 64L * (swiotlb.size() + iovas.size() + resources.size());
        return b;
    }

    @Override
    public String toString() {
        return "Mapping#" + id + "[" + request.buffer().spec() + " for " + request.initiator() + ": " + verdict.code()
                + ", "
                + segments.count() + " segments]";
    }
}
