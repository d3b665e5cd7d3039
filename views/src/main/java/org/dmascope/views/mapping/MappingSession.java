package org.dmascope.views.mapping;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.dmascope.model.kernel.TopologyRules;
import org.dmascope.model.kernel.iommu.DmaDomainType;
import org.dmascope.model.kernel.iommu.IommuDmaDomain;
import org.dmascope.model.kernel.matrix.DmaEndpoints;
import org.dmascope.model.kernel.p2p.P2pVerdict;
import org.dmascope.model.kernel.platform.PlatformAssumptions;
import org.dmascope.model.kernel.platform.PlatformOverrides;
import org.dmascope.model.kernel.swiotlb.SwiotlbPool;
import org.dmascope.model.mapping.BufferSpec;
import org.dmascope.model.mapping.DmaSegments;
import org.dmascope.model.mapping.DmaState;
import org.dmascope.model.mapping.MapRequest;
import org.dmascope.model.mapping.Mapping;
import org.dmascope.model.mapping.MappingEngine;
import org.dmascope.model.mapping.TopologyMappingRules;
import org.dmascope.model.mapping.UnmapResult;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.Topology;
import org.dmascope.model.util.ByteSize;
import org.dmascope.model.util.Hex;

/**
 * One machine booted with one kernel: the topology rules, the mapping engine and the kernel state
 * that outlives a mapping (IOMMU domains, swiotlb pool, live mappings). Not thread-safe, like
 * {@link DmaState}: only the engine thread touches it.
 */
public final class MappingSession {
    private final Topology topology;
    private final PlatformOverrides overrides;
    private final TopologyMappingRules rules;
    private final MappingEngine engine;
    private final DmaState state = new DmaState();

    /** @param overrides the platform facts to assume, the kernel profile among them */
    public MappingSession(Topology topology, PlatformOverrides overrides) {
        this.topology = topology;
        this.overrides = overrides;
        this.rules = new TopologyMappingRules(TopologyRules.of(topology, PlatformAssumptions.resolve(topology, overrides)));
        this.engine = new MappingEngine(rules);
    }

    public Topology topology() {
        return topology;
    }

    /** True when this session is the one for that topology (the same object) and those platform facts. */
    public boolean isFor(Topology t, PlatformOverrides o) {
        return t == topology && o.equals(overrides);
    }

    /** Maps the dropped buffer; a request that does not fit the topology is an outcome with a problem. */
    public MappingOutcome map(DropRequest drop, MappingOptions options) {
        long start = System.nanoTime();
        try {
            PciFunction f = topology.function(drop.initiator()).orElseThrow(
                    () -> new IllegalArgumentException(drop.initiator() + " is not in this topology"));
            BufferSpec spec = drop.settings().spec(drop.source());
            MapRequest.Builder b = rules.request(topology, f, spec).api(options.api()).dma(options.dmaOverrides());
            String reason;
            if (options.iommuMode().isPresent()) {
                b.iommuMode(options.iommuMode().get());
                reason = "chosen in the options: " + options.iommuMode().get().words();
            } else {
                reason = rules.iommuMode(f).reason();
            }
            Mapping m = engine.map(b.build(), state);
            Optional<P2pVerdict> p2p = Optional.empty();
            if (spec instanceof BufferSpec.Bar bar) p2p = Optional.of(rules.rules().p2p(bar.provider(), f.address()));
            return new MappingOutcome(drop, options, m, p2p, reason, Optional.empty(), System.nanoTime() - start, live());
        } catch (IllegalArgumentException e) {
            return new MappingOutcome(drop, options, null, Optional.empty(), "", Optional.of(e.getMessage()),
                    System.nanoTime() - start, live());
        }
    }

    /** Gives a mapping's resources back if it is still live (a recomputation replaces it). */
    public Optional<UnmapResult> release(Mapping m) {
        if (m == null || !state.liveMappings().contains(m)) return Optional.empty();
        return Optional.of(state.unmap(m));
    }

    /** The deferred IOTLB flush of a lazy domain. @return IOVA ranges freed */
    public int flush(String domainId) {
        return state.flush(domainId);
    }

    /** Forgets every mapping. */
    public void clear() {
        state.clear();
    }

    /** Maps each source for the devices on a scratch state, so the first real drop finds the engine's code loaded and compiled. */
    public void warmUp() {
        List<PciFunction> endpoints = DmaEndpoints.of(topology);
        List<BufferSource> sources = BufferSource.of(topology);
        if (endpoints.isEmpty() || sources.isEmpty()) return;
        for (int i = 0; i < 24; i++) {
            BufferSource s = sources.get(i % sources.size());
            PciFunction f = endpoints.get(i % endpoints.size());
            if (DropTargets.refusal(topology, s, org.dmascope.views.topology.TopologyItem.device(f.address())).isPresent()) continue;
            try {
                engine.map(rules.request(topology, f, BufferSettings.defaultFor(s).spec(s)).build(), new DmaState());
                if (s instanceof BufferSource.P2pMem p) rules.rules().p2p(p.provider(), f.address());
            } catch (IllegalArgumentException e) {
                // A source this machine cannot serve: the drop will say so.
            }
        }
    }

    /** The live mappings, grouped by domain, as values the UI can keep. */
    public LiveState live() {
        Map<String, List<LiveState.Entry>> byDomain = new LinkedHashMap<>();
        List<LiveState.Entry> direct = new ArrayList<>();
        for (Mapping m : state.liveMappings()) {
            LiveState.Entry e = new LiveState.Entry(m, summary(m));
            if (m.domainId() == null) direct.add(e);
            else byDomain.computeIfAbsent(m.domainId(), k -> new ArrayList<>()).add(e);
        }
        List<LiveState.Domain> domains = new ArrayList<>();
        for (IommuDmaDomain d : state.domains()) {
            List<LiveState.Entry> entries = byDomain.getOrDefault(d.id(), List.of());
            int queued = d.flushQueue().entries().size();
            if (entries.isEmpty() && queued == 0) continue;
            boolean lazy = d.type() == DmaDomainType.DMA_FQ;
            domains.add(new LiveState.Domain(d.id(), "IOMMU domain “" + d.id() + "” · " + d.type().sysfsName()
                    + " (" + (lazy ? "lazy" : "strict") + ")", lazy, queued, entries));
        }
        if (!direct.isEmpty()) domains.add(new LiveState.Domain(null, "dma-direct (no IOMMU domain)", false, 0, direct));
        Optional<String> swiotlb = state.swiotlb().map(MappingSession::poolWords);
        return new LiveState(domains, swiotlb);
    }

    private static String poolWords(SwiotlbPool p) {
        return "swiotlb pool at " + Hex.addr(p.start()) + ": " + p.used() + " of " + p.nslabs() + " slots (2 KiB each) in use";
    }

    static String summary(Mapping m) {
        DmaSegments s = m.segments();
        StringBuilder sb = new StringBuilder("#").append(m.id()).append("  ").append(ByteSize.human(m.request().buffer().size()))
                .append(" ").append(m.request().buffer() instanceof BufferSpec.Bar ? "P2P" : "host").append(" for ")
                .append(m.request().initiator().shortText());
        if (s.count() > 0) {
            sb.append("  →  ").append(Hex.addr(s.address(0)));
            if (s.count() > 1) sb.append(" …");
            sb.append("  (").append(s.count()).append(s.count() == 1 ? " segment" : " segments").append(")");
        }
        return sb.toString();
    }
}
