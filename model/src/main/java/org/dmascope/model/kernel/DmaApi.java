package org.dmascope.model.kernel;

import static org.dmascope.model.kernel.dma.KernelArith.DMA_MAPPING_ERROR;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

import org.dmascope.model.kernel.direct.DirectMapPhys;
import org.dmascope.model.kernel.direct.DirectMapSg;
import org.dmascope.model.kernel.direct.DirectMaxMappingSize;
import org.dmascope.model.kernel.dma.DeviceDma;
import org.dmascope.model.kernel.dma.DmaDirection;
import org.dmascope.model.kernel.dma.Errno;
import org.dmascope.model.kernel.dma.KernelArith;
import org.dmascope.model.kernel.dma.P2pMapState;
import org.dmascope.model.kernel.dma.P2pProvider;
import org.dmascope.model.kernel.dma.SgMapResult;
import org.dmascope.model.kernel.iommu.IommuDeviceState;
import org.dmascope.model.kernel.iommu.IommuDmaDomain;
import org.dmascope.model.kernel.iommu.IommuMapPhys;
import org.dmascope.model.kernel.iommu.IommuMapSg;
import org.dmascope.model.kernel.iommu.IovaTwoStep;
import org.dmascope.model.kernel.iova.IovaRcache;
import org.dmascope.model.kernel.profile.KernelProfile;
import org.dmascope.model.kernel.rule.KernelRule;
import org.dmascope.model.kernel.sg.ScatterList;
import org.dmascope.model.kernel.swiotlb.SwiotlbAllocation;
import org.dmascope.model.kernel.swiotlb.SwiotlbContext;
import org.dmascope.model.kernel.trace.MapTrace;

/**
 * The streaming DMA API for one device (kernel/dma/mapping.c), bound to everything the device's
 * mappings touch: its DMA parameters, its swiotlb pool, and its IOMMU DMA domain when it has one.
 *
 * <ul>
 * <li>R-MAP-1 dispatch ({@code dma_map_direct}): no DMA domain (no IOMMU, identity/passthrough) →
 *     dma-direct; a {@code DMA}/{@code DMA_FQ} domain → dma-iommu.</li>
 * <li>R-MAP-2 {@code dma_map_sgtable}: the segment count or the error; {@code dma_map_sg} turns any
 *     error into 0 ({@link SgMapResult#dmaMapSgReturn()}).</li>
 * <li>R-MAP-3 {@code dma_map_phys(dev, phys, size, dir, attrs)} (v6.18; {@code dma_map_page_attrs} and
 *     {@code dma_map_resource} before): direct → R-DIR-3, iommu → R-IOMMU-5.</li>
 * <li>{@code dma_max_mapping_size(dev)} dispatched the same way: direct → R-DIR-5, iommu →
 *     {@code iommu_dma_max_mapping_size()} (R-IOMMU-5); {@code dma_opt_mapping_size(dev)} is that,
 *     lowered to {@code iova_rcache_range()} for dma-iommu.</li>
 * </ul>
 * Every resource a call takes is remembered in {@link #resources()} so the mapping can be undone.
 */
@KernelRule({"R-MAP-1", "R-MAP-2", "R-MAP-3"})
public final class DmaApi {
    /** Something a mapping holds until it is unmapped. */
    public sealed interface Resource permits IommuRange, Bounce {
    }

    /** An IOVA range mapped in the device's domain: {@code __iommu_dma_unmap(dev, dma, size)} gives it back. */
    public record IommuRange(long dmaAddress, long size) implements Resource {
    }

    /** A swiotlb bounce buffer: {@code swiotlb_tbl_unmap_single} gives it back. */
    public record Bounce(long tlbAddr) implements Resource {
    }

    private final DeviceDma dev;
    private final DmaDirection dir;
    private final SwiotlbContext tlb;
    private final IommuDmaDomain domain;
    private final IommuDeviceState devState;
    private final KernelProfile profile;
    private final MapTrace trace;
    private final List<Resource> resources = new ArrayList<>();
    private final java.util.Set<Long> bouncesRecorded = new java.util.HashSet<>();

    public DmaApi(DeviceDma dev, DmaDirection dir, SwiotlbContext tlb, IommuDmaDomain domain, IommuDeviceState devState,
                  KernelProfile profile, MapTrace trace) {
        this.dev = dev;
        this.dir = dir;
        this.tlb = tlb;
        this.domain = domain;
        this.devState = devState;
        this.profile = profile;
        this.trace = trace;
    }

    /** R-MAP-1: true when mappings go through dma-iommu. */
    public boolean usesIommu() {
        return domain != null;
    }

    public IommuDmaDomain domain() {
        return domain;
    }

    public DeviceDma device() {
        return dev;
    }

    public DmaDirection direction() {
        return dir;
    }

    public SwiotlbContext swiotlb() {
        return tlb;
    }

    public KernelProfile profile() {
        return profile;
    }

    public MapTrace trace() {
        return trace;
    }

    /**
     * {@code dma_max_mapping_size(dev)} (kernel/dma/mapping.c): the largest single mapping, -1 for
     * {@code SIZE_MAX}. Drivers size their requests by it (SCSI's {@code max_sectors}).
     *
     * @param lastRamByte highest CPU physical address of RAM, for {@code dma_addressing_limited()}
     */
    public long maxMappingSize(long lastRamByte) {
        if (usesIommu()) return IommuMapPhys.maxMappingSize(dev, profile);
        return DirectMaxMappingSize.of(dev, tlb, lastRamByte + 1);
    }

    /**
     * {@code dma_opt_mapping_size(dev)} (kernel/dma/mapping.c, v6.0+): {@link #maxMappingSize}, lowered for
     * dma-iommu to {@code iommu_dma_opt_mapping_size() = iova_rcache_range()}, the largest IOVA the range
     * caches keep (PAGE_SIZE &lt;&lt; (IOVA_RANGE_CACHE_MAX_SIZE - 1) = 128 KiB). NVMe sizes its requests by it.
     */
    public long optMappingSize(long lastRamByte) {
        long max = maxMappingSize(lastRamByte);
        if (!usesIommu()) return max;
        return KernelArith.minU(max, KernelArith.PAGE_SIZE << (IovaRcache.IOVA_RANGE_CACHE_MAX_SIZE - 1));
    }

    /** R-MAP-2 {@code dma_map_sgtable()}. */
    public SgMapResult mapSg(ScatterList sg, P2pMapState p2p, IntFunction<P2pProvider> providers) {
        if (!usesIommu()) {
            SgMapResult r = DirectMapSg.map(sg, dev, dir, tlb, p2p, providers, profile, trace);
            if (r.isOk()) takeBounces();
            return r;
        }
        IommuMapSg.Result r = IommuMapSg.map(sg, domain, dev, devState, dir, tlb, p2p, providers, profile, trace);
        if (!r.result().isOk()) return r.result();
        if (sg.isSwiotlb()) {
            for (int i = 0; i < r.result().count(); i++) resources.add(new IommuRange(sg.dmaAddress(i),
                    sg.dmaLength(i)));
            takeBounces();
        } else if (r.iova() != null) {
            long[] range = unmapRange(sg, r.result().count());
            if (range != null) resources.add(new IommuRange(range[0], range[1]));
        }
        return r.result();
    }

    /**
     * The range {@code iommu_dma_unmap_sg()} will unmap: from the first non-bus output segment to the
     * end of the last one.
     */
    private static long[] unmapRange(ScatterList sg, int count) {
        long start = 0;
        long end = 0;
        boolean found = false;
        for (int i = 0; i < count; i++) {
            if (sg.isBusAddress(i)) continue;
            if (sg.dmaLength(i) == 0) break;
            if (!found) {
                start = sg.dmaAddress(i);
                found = true;
            }
            end = sg.dmaAddress(i) + sg.dmaLength(i);
        }
        return found ? new long[] {start, end - start} : null;
    }

    /** R-MAP-3 {@code dma_map_phys()}; {@code DMA_MAPPING_ERROR} on failure. */
    public long mapPhys(long phys, long size, boolean mmio) {
        long dma;
        if (!usesIommu()) {
            dma = DirectMapPhys.map(dev, phys, size, dir, mmio, false, tlb, profile, trace);
        } else {
            dma = IommuMapPhys.map(domain, dev, devState, phys, size, dir, mmio, tlb, profile, trace);
            if (dma != DMA_MAPPING_ERROR) resources.add(new IommuRange(dma, size));
        }
        if (dma != DMA_MAPPING_ERROR) takeBounces();
        return dma;
    }

    /** {@code dma_get_merge_boundary(dev)}: the IOMMU granule minus one, 0 for dma-direct. */
    public long mergeBoundary() {
        return usesIommu() ? domain.iovad().granule() - 1 : 0;
    }

    /** {@code dma_iova_try_alloc()}: false without dma-iommu. */
    public boolean iovaTryAlloc(IovaTwoStep.State state, long phys, long size) {
        if (!usesIommu()) return IovaTwoStep.tryAlloc(null, dev, devState, state, phys, size, profile, trace);
        return IovaTwoStep.tryAlloc(domain, dev, devState, state, phys, size, profile, trace);
    }

    /** {@code dma_iova_link()}. */
    public Errno iovaLink(IovaTwoStep.State state, long phys, long offset, long size, boolean mmio) {
        return IovaTwoStep.link(domain, dev, state, phys, offset, size, dir, mmio, tlb, trace);
    }

    /** {@code dma_iova_sync()}: from now on the range is the mapping's to give back. */
    public void iovaSync(IovaTwoStep.State state) {
        IovaTwoStep.sync(state);
        resources.add(new IommuRange(state.addr(), state.linked()));
        takeBounces();
    }

    /** {@code dma_iova_destroy()} after a failed link: unlinks what was linked and frees the IOVA. */
    public void iovaAbort(IovaTwoStep.State state) {
        IovaTwoStep.destroy(domain, state, state.linked());
        for (SwiotlbAllocation a : trace.bounces()) {
            if (bouncesRecorded.contains(a.tlbAddr())) continue;
            tlb.pool().release(a.tlbAddr());
            trace.bounceReleased(a);
        }
    }

    private void takeBounces() {
        for (SwiotlbAllocation a : trace.bounces()) {
            if (bouncesRecorded.add(a.tlbAddr())) resources.add(new Bounce(a.tlbAddr()));
        }
    }

    /** What the calls so far hold. */
    public List<Resource> resources() {
        return List.copyOf(resources);
    }
}
