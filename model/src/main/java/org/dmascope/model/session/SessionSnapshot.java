package org.dmascope.model.session;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.dmascope.model.kernel.iommu.DmaDomainType;
import org.dmascope.model.kernel.iommu.FlushQueue;
import org.dmascope.model.kernel.iommu.IommuDmaDomain;
import org.dmascope.model.kernel.iova.IovaRange;
import org.dmascope.model.kernel.swiotlb.SwiotlbAllocation;
import org.dmascope.model.kernel.swiotlb.SwiotlbPool;
import org.dmascope.model.mapping.DmaState;
import org.dmascope.model.mapping.Mapping;

/**
 * The running kernel's state at one moment, as values that stay true after the session moves on: each
 * IOMMU DMA domain with its live mappings, IOVA allocations, flush queue and range cache, the mappings
 * that went through dma-direct, and the swiotlb pool's bounce buffers.
 *
 * @param domains every domain a mapping created, in creation order
 * @param direct  live mappings without an IOMMU domain (dma-direct, identity domains, bus addresses)
 * @param swiotlb the pool, once a mapping needed one
 */
public record SessionSnapshot(List<Domain> domains, List<Mapping> direct, Optional<Swiotlb> swiotlb) {
    public static final SessionSnapshot EMPTY = new SessionSnapshot(List.of(), List.of(), Optional.empty());

    public SessionSnapshot {
        domains = List.copyOf(domains);
        direct = List.copyOf(direct);
    }

    /**
     * One IOMMU DMA domain.
     *
     * @param geometry    the page-table format in words
     * @param live        its live mappings, oldest first
     * @param allocated   IOVA ranges allocated in the tree (those parked in the range caches included), lowest first
     * @param flushQueue  ranges unmapped but waiting for the next IOTLB flush (lazy domains)
     * @param cachedPfns  start pfns parked in the IOVA range caches ({@code iova_rcache}), reused before the tree
     * @param granule     the IOVA granule in bytes
     * @param flushes     IOTLB flushes of the flush queue so far
     */
    public record Domain(String id, DmaDomainType type, String geometry, List<Mapping> live, List<IovaRange> allocated,
                         List<FlushQueue.Entry> flushQueue, List<Long> cachedPfns, long granule, long flushes) {
        public Domain {
            live = List.copyOf(live);
            allocated = List.copyOf(allocated);
            flushQueue = List.copyOf(flushQueue);
            cachedPfns = List.copyOf(cachedPfns);
        }

        public boolean lazy() {
            return type == DmaDomainType.DMA_FQ;
        }
    }

    /**
     * The swiotlb pool.
     *
     * @param start   physical address of slot 0
     * @param nslabs  slots of {@link SwiotlbPool#IO_TLB_SIZE} bytes
     * @param used    slots taken
     * @param bounces the bounce buffers taken, in allocation order
     */
    public record Swiotlb(long start, int nslabs, int used, List<SwiotlbAllocation> bounces) {
        public Swiotlb {
            bounces = List.copyOf(bounces);
        }
    }

    /** Copies what {@code state} holds now. */
    static SessionSnapshot of(DmaState state) {
        List<Mapping> all = state.liveMappings();
        List<Domain> domains = new ArrayList<>();
        for (IommuDmaDomain d : state.domains()) {
            List<IovaRange> allocated = d.iovad().ranges().stream().filter(r -> r.kind() == IovaRange.Kind.ALLOCATED)
                    .toList();
            List<Mapping> live = all.stream().filter(m -> d.id().equals(m.domainId())).toList();
            domains.add(new Domain(d.id(), d.type(), d.geometry().describe(), live, allocated, d.flushQueue().entries(),
                    d.iovad().cachedPfns(), d.iovad().granule(), d.flushQueue().flushes()));
        }
        List<Mapping> direct = all.stream().filter(m -> m.domainId() == null).toList();
        Optional<Swiotlb> pool = state.swiotlb().map(p -> new Swiotlb(p.start(), p.nslabs(), p.used(),
                p.liveAllocations()));
        return new SessionSnapshot(domains, direct, pool);
    }

    /** Live mappings, oldest first per domain, dma-direct last. */
    public List<Mapping> liveMappings() {
        List<Mapping> out = new ArrayList<>();
        for (Domain d : domains) out.addAll(d.live());
        out.addAll(direct);
        return out;
    }

    public int liveCount() {
        int n = direct.size();
        for (Domain d : domains) n += d.live().size();
        return n;
    }

    /**
     * Live mappings in the domain {@code m} lives in (dma-direct counts as one), {@code m} included; 0 if it is not
     * live.
     */
    public int countInDomainOf(Mapping m) {
        for (Domain d : domains) if (d.live().contains(m)) return d.live().size();
        return direct.contains(m) ? direct.size() : 0;
    }

    public Optional<Domain> domain(String id) {
        return domains.stream().filter(d -> d.id().equals(id)).findFirst();
    }

    /** The live mapping with this id. */
    public Optional<Mapping> mapping(long id) {
        return liveMappings().stream().filter(m -> m.id() == id).findFirst();
    }
}
