package org.dmascope.model.mapping;

import java.util.List;
import java.util.function.IntFunction;

import org.dmascope.model.kernel.DmaApi;
import org.dmascope.model.kernel.dma.DeviceDma;
import org.dmascope.model.kernel.dma.Errno;
import org.dmascope.model.kernel.dma.P2pMapState;
import org.dmascope.model.kernel.dma.P2pProvider;
import org.dmascope.model.kernel.dma.SegmentCollector;
import org.dmascope.model.kernel.p2p.P2pMapType;
import org.dmascope.model.kernel.pagetable.PageTableLog;
import org.dmascope.model.kernel.sg.SgTableLayout;
import org.dmascope.model.kernel.trace.MapTrace;
import org.dmascope.model.topology.PciFunction;

/** What one mapping call works with and accumulates; the API paths read and fill it. */
final class MapContext {
    final MapRequest req;
    final PciFunction initiator;
    final DeviceDma dev;
    final DmaApi api;
    final MapTrace trace;
    final PinnedBuffer buf;
    final P2pMapType mapType;
    final IntFunction<P2pMapType> providerMapType;
    final IntFunction<P2pProvider> providers;
    final List<Step> steps;
    final List<String> notes;
    final SegmentCollector out = new SegmentCollector();
    PageTableLog ptLog;
    private org.dmascope.model.kernel.pagetable.PageTableChanges frozen;
    InputEntries inputs = InputEntries.EMPTY;
    SgTableLayout.Layout sgLayout;
    Verdict verdict;

    MapContext(MapRequest req, PciFunction initiator, DeviceDma dev, DmaApi api, MapTrace trace, PinnedBuffer buf,
               P2pMapType mapType, List<Step> steps, List<String> notes) {
        this(req, initiator, dev, api, trace, buf, List.of(mapType), steps, notes);
    }

    /**
     * @param mapTypes {@code pci_p2pdma_map_type(provider, initiator)} for each of the buffer's providers, in the
     *                 order of {@link PinnedBuffer#providers()} (one {@code NONE} for host memory)
     */
    MapContext(MapRequest req, PciFunction initiator, DeviceDma dev, DmaApi api, MapTrace trace, PinnedBuffer buf,
               List<P2pMapType> mapTypes, List<Step> steps, List<String> notes) {
        P2pMapType mapType = mapTypes.get(0);
        this.req = req;
        this.initiator = initiator;
        this.dev = dev;
        this.api = api;
        this.trace = trace;
        this.buf = buf;
        this.mapType = mapType;
        List<P2pMapType> types = List.copyOf(mapTypes);
        this.providerMapType = types::get;
        this.providers = i -> buf.providers().get(i);
        this.steps = steps;
        this.notes = notes;
    }

    /** A fresh {@code pci_p2pdma_map_state} for one map call. */
    P2pMapState newP2pState() {
        return new P2pMapState(providerMapType);
    }

    /** Page pgmap indices for the scatterlist: provider 0 for every P2P page, null for RAM. */
    int[] pgmap() {
        if (!buf.isP2p() || buf.entries() != null) return null;
        return new int[buf.pageCount()];
    }

    void startPageTableLog() {
        if (api.usesIommu()) {
            if (ptLog == null) ptLog = new PageTableLog(buf.pageCount());
            frozen = null;
            api.domain().pageTable().record(ptLog);
        }
    }

    void stopPageTableLog() {
        if (api.usesIommu()) api.domain().pageTable().record(null);
    }

    /** The page-table writes so far as an immutable value, copied once. */
    org.dmascope.model.kernel.pagetable.PageTableChanges pageTableChanges() {
        if (ptLog == null) return org.dmascope.model.kernel.pagetable.PageTableChanges.NONE;
        if (frozen == null) frozen = ptLog.freeze(api.domain().geometry());
        return frozen;
    }

    void step(Step s) {
        steps.add(s);
    }

    void fail(String code, Errno e, String kernelReturn, String summary) {
        verdict = Verdict.fail(code, e, kernelReturn, summary);
        steps.add(Step.of(StepKind.ERROR, "", "The mapping failed").say(summary).out("return", kernelReturn).build());
    }

    /** A mapping call returned {@code DMA_MAPPING_ERROR} (no errno: the driver decides what to return). */
    void failMapping(String code, String kernelReturn, String summary) {
        verdict = Verdict.mappingError(code, kernelReturn, summary);
        steps.add(Step.of(StepKind.ERROR, "", "The mapping failed").say(summary).out("return", kernelReturn).build());
    }

    /** The verdict code for an errno, naming a full swiotlb behind an {@code -EIO}. */
    String codeFor(Errno e) {
        if (e == Errno.EIO && trace.bounceFailure() != null) return "SWIOTLB_FULL";
        return e.name();
    }
}
