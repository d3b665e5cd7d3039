package org.dmascope.model.mapping;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.dmascope.model.kernel.DmaApi;
import org.dmascope.model.kernel.iommu.DmaDomainType;
import org.dmascope.model.kernel.iommu.IommuDeviceState;
import org.dmascope.model.kernel.iommu.IommuDmaDomain;
import org.dmascope.model.kernel.iommu.IommuDmaUnmap;
import org.dmascope.model.kernel.pagetable.PageTableGeometry;
import org.dmascope.model.kernel.swiotlb.SwiotlbPool;
import org.dmascope.model.kernel.swiotlb.SwiotlbSizing;
import org.dmascope.model.topology.Bdf;

/**
 * The kernel state that outlives one mapping, as explicit objects: the IOMMU DMA domains by identity
 * (IOVA allocations, page tables, flush queues), the swiotlb pool, per-device IOMMU flags, and the
 * live mappings. A second mapping lands where the kernel would put it because it sees what the first
 * one left; {@link #unmap} gives a mapping's resources back; {@link #clear} starts over.
 * Not thread-safe: one owner (the app's engine thread) drives it.
 */
public final class DmaState {
    private final Map<String, IommuDmaDomain> domains = new LinkedHashMap<>();
    private final Map<Bdf, IommuDeviceState> devices = new HashMap<>();
    private final List<Mapping> live = new ArrayList<>();
    private SwiotlbPool pool;
    private long nextId = 1;

    /** Every DMA domain created so far, in creation order. */
    public Collection<IommuDmaDomain> domains() {
        return Collections.unmodifiableCollection(domains.values());
    }

    public Optional<IommuDmaDomain> domain(String id) {
        return Optional.ofNullable(domains.get(id));
    }

    /** The swiotlb pool, once a mapping needed it. */
    public Optional<SwiotlbPool> swiotlb() {
        return Optional.ofNullable(pool);
    }

    /** Live (successful, not yet unmapped) mappings, oldest first. */
    public List<Mapping> liveMappings() {
        return Collections.unmodifiableList(new ArrayList<>(live));
    }

    /** Live mappings in one IOMMU domain. */
    public List<Mapping> liveMappings(String domainId) {
        return live.stream().filter(m -> domainId.equals(m.domainId())).toList();
    }

    IommuDmaDomain domainFor(String id, PageTableGeometry g, DmaDomainType type, long lowestDma, List<String> notes) {
        IommuDmaDomain d = domains.get(id);
        if (d != null && !d.geometry().describe().equals(g.describe())) {
            if (d.isEmpty()) {
                d = null;
            } else {
                notes.add("domain " + id + " keeps its " + d.geometry().describe()
                        + " page table: it still has mappings");
            }
        }
        if (d == null) {
            d = new IommuDmaDomain(id, g, type, lowestDma);
            domains.put(id, d);
        } else if (d.type() != type && !d.setType(type)) {
            notes.add("domain " + id + " stays " + d.type().sysfsName()
                    + ": its type cannot change while it has mappings (sysfs: -EBUSY)");
        }
        return d;
    }

    SwiotlbPool poolFor(SwiotlbSizing sizing) {
        if (pool == null || (!pool.sizing().equals(sizing) && pool.isEmpty())) pool = new SwiotlbPool(sizing);
        return pool;
    }

    /**
     * The device's {@code dev->iommu} state, made at its first mapping.
     *
     * @param forceDac {@code iommu.forcedac}: the device starts without the 32-bit IOVA workaround (R-CMD-7)
     */
    IommuDeviceState deviceState(Bdf bdf, boolean forceDac) {
        return devices.computeIfAbsent(bdf, b -> new IommuDeviceState(true, forceDac));
    }

    long nextId() {
        return nextId++;
    }

    void addLive(Mapping m) {
        live.add(m);
    }

    /**
     * Unmaps a live mapping the way its API's unmap call does ({@code dma_unmap_sgtable},
     * {@code dma_unmap_phys}, {@code dma_iova_destroy}, {@code blk_rq_dma_unmap}).
     *
     * @throws IllegalArgumentException when the mapping is not live in this state
     */
    public UnmapResult unmap(Mapping m) {
        if (!live.remove(m)) throw new IllegalArgumentException(m + " is not a live mapping of this state");
        return release(m, m.domainId(), m.resources());
    }

    UnmapResult release(Mapping m, String domainId, List<DmaApi.Resource> resources) {
        List<String> actions = new ArrayList<>();
        long cleared = 0;
        int freed = 0;
        int queued = 0;
        int bounces = 0;
        IommuDmaDomain d = domainId == null ? null : domains.get(domainId);
        for (DmaApi.Resource r : resources) {
            if (r instanceof DmaApi.IommuRange ir && d != null) {
                IommuDmaUnmap.Result u = IommuDmaUnmap.unmap(d, ir.dmaAddress(), ir.size());
                cleared += u.leafEntriesCleared();
                if (u.queued()) {
                    queued++;
                    actions.add(String.format("IOVA 0x%x+0x%x unmapped (%d PTEs cleared); lazy domain: the IOVA "
                            + "waits in the flush queue",
                            u.iova(), u.size(), u.leafEntriesCleared()));
                    if (u.queueFlushed()) actions.add("the flush queue was full: IOTLB flushed and queued IOVAs freed");
                } else {
                    freed++;
                    actions.add(String.format("IOVA 0x%x+0x%x unmapped (%d PTEs cleared), IOTLB invalidated, IOVA "
                            + "freed",
                            u.iova(), u.size(), u.leafEntriesCleared()));
                }
            } else if (r instanceof DmaApi.Bounce b && pool != null) {
                var a = pool.release(b.tlbAddr());
                bounces++;
                actions.add(String.format("swiotlb slots %d-%d released (bounce buffer 0x%x, copied back for the CPU "
                        + "if the device wrote)",
                        a.firstSlot(), a.firstSlot() + a.nslots() - 1, a.tlbAddr()));
            }
        }
        if (actions.isEmpty()) actions.add("nothing to give back: dma-direct and bus addresses hold no resources");
        return new UnmapResult(m, actions, cleared, freed, queued, bounces);
    }

    /** The deferred IOTLB flush of a lazy domain: frees what its flush queue holds. @return ranges freed */
    public int flush(String domainId) {
        IommuDmaDomain d = domains.get(domainId);
        return d == null ? 0 : d.flush();
    }

    /** Flushes every domain's queue. */
    public int flushAll() {
        int n = 0;
        for (IommuDmaDomain d : domains.values()) n += d.flush();
        return n;
    }

    /** Forgets every mapping: domains emptied (reservations kept), pool freed, device flags reset. */
    public void clear() {
        live.clear();
        for (IommuDmaDomain d : domains.values()) d.clear();
        if (pool != null) pool.reset();
        devices.clear();
    }

    /** Nothing mapped anywhere: every domain and the pool are empty. */
    public boolean isEmpty() {
        if (!live.isEmpty()) return false;
        for (IommuDmaDomain d : domains.values()) if (!d.isEmpty()) return false;
        return pool == null || pool.isEmpty();
    }
}
