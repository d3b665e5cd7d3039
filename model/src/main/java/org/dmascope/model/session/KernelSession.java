package org.dmascope.model.session;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

import org.dmascope.model.kernel.TopologyRules;
import org.dmascope.model.kernel.dma.DmaDirection;
import org.dmascope.model.kernel.matrix.DmaEndpoints;
import org.dmascope.model.kernel.p2p.P2pVerdict;
import org.dmascope.model.kernel.platform.PlatformAssumptions;
import org.dmascope.model.kernel.platform.PlatformOverrides;
import org.dmascope.model.kernel.profile.KernelProfile;
import org.dmascope.model.mapping.BufferSpec;
import org.dmascope.model.mapping.DmaState;
import org.dmascope.model.mapping.IoCost;
import org.dmascope.model.mapping.IommuMode;
import org.dmascope.model.mapping.MapRequest;
import org.dmascope.model.mapping.Mapping;
import org.dmascope.model.mapping.MappingEngine;
import org.dmascope.model.mapping.PageLayout;
import org.dmascope.model.mapping.TopologyMappingRules;
import org.dmascope.model.mapping.UnmapResult;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.NumaNode;
import org.dmascope.model.topology.P2pMemory;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.Topology;

/**
 * One machine booted with one kernel: the platform facts and the topology give the kernel's rules
 * (ACS, groups, default domains, P2PDMA), the rules drive the mapping engine, and the engine's
 * mappings live on in the session's state (IOMMU domains with their IOVA allocator, range caches and
 * flush queues, the swiotlb pool) until they are unmapped. Successive calls see what earlier ones
 * left, as in a running kernel. The window, the command line, scenarios and benchmarks all drive
 * this one object.
 *
 * <p>Another kernel or other platform facts is another boot: {@link #reboot} gives a new session
 * that starts with nothing mapped. The rules ({@link #rules()}) are immutable and safe to share; the
 * mapping state is not thread-safe: one thread at a time maps, unmaps and flushes.
 */
public final class KernelSession {
    private final Topology topology;
    private final PlatformOverrides platform;
    private final TopologyMappingRules rules;
    private final MappingEngine engine;
    private final DmaState state = new DmaState();

    private KernelSession(Topology topology, PlatformOverrides platform, TopologyRules rules) {
        this.topology = topology;
        this.platform = platform;
        this.rules = new TopologyMappingRules(rules);
        this.engine = new MappingEngine(this.rules);
    }

    /**
     * Boots {@code topology} under the platform facts the user set (each empty one falls back to the
     * topology's, then to a stated default). The IOMMU groups are formed here, as at boot.
     */
    public static KernelSession boot(Boot b) {
        return boot(b.topology(), b.platform());
    }

    /** {@link #boot(Boot)} of the topology under those platform facts. */
    public static KernelSession boot(Topology topology, PlatformOverrides platform) {
        Objects.requireNonNull(topology);
        Objects.requireNonNull(platform);
        TopologyRules rules = TopologyRules.of(topology, PlatformAssumptions.resolve(topology, platform));
        rules.groups();
        return new KernelSession(topology, platform, rules);
    }

    /** The same machine under other platform facts (another kernel, command line, CPU…): nothing mapped. */
    public KernelSession reboot(PlatformOverrides next) {
        return next.equals(platform) ? reboot() : boot(topology, next);
    }

    /**
     * The same machine and kernel booted again: nothing mapped and no IOMMU domain made yet. The rules
     * are the same (they follow from the machine and the platform alone), so they are kept, not redone.
     */
    public KernelSession reboot() {
        return new KernelSession(topology, platform, rules.rules());
    }

    public Topology topology() {
        return topology;
    }

    /** What the user set on top of the topology's own platform facts. */
    public PlatformOverrides platform() {
        return platform;
    }

    /** The kernel's topology decisions for this boot; immutable, safe to share between threads. */
    public TopologyRules rules() {
        return rules.rules();
    }

    public PlatformAssumptions assumptions() {
        return rules.rules().assumptions();
    }

    public KernelProfile profile() {
        return rules.profile();
    }

    /** What this session was booted from. */
    public Boot boot() {
        return new Boot(topology, platform);
    }

    /** True when this session booted that topology (the same object) under those platform facts. */
    public boolean isFor(Boot b) {
        return boot().sameAs(b);
    }

    /**
     * The driver maps a buffer for a device. The kernel refusing it is an outcome with a refused
     * mapping ({@link Mapping#verdict()}); a call that does not fit this machine (no such device,
     * node, BAR or P2P memory) is an outcome with a {@code problem} and changes nothing.
     */
    public MapOutcome map(MapCall call) {
        long start = System.nanoTime();
        Optional<PciFunction> found = topology.function(call.initiator());
        if (found.isEmpty()) return problem(call, call.initiator() + " is not in this topology", start);
        PciFunction f = found.get();
        MapOptions o = call.options();
        IommuMode.Resolved kernelMode = rules.iommuMode(f);
        IommuMode.Resolved mode = o.iommuMode()
                .map(m -> new IommuMode.Resolved(m, "chosen in the options: " + m.words()))
                .orElse(kernelMode);
        MapRequest req = MapRequest.builder(rules.rules().machine(), f.address(), call.buffer())
                .api(o.api())
                .iommuMode(mode.mode())
                .domainId(o.domainId().or(() -> rules.domainId(f)).orElse(null))
                .dma(o.dma())
                .blockPath(o.blockPath())
                .queue(o.queue())
                .profile(rules.profile())
                .platform(rules.rules().assumptions())
                .build();
        Mapping m;
        Optional<P2pVerdict> p2p = Optional.empty();
        try {
            m = engine.map(req, state);
            Optional<Bdf> owner = call.buffer().device();
            if (owner.isPresent()) p2p = Optional.of(rules.rules().p2p(owner.get(), f.address()));
        } catch (IllegalArgumentException e) {
            return problem(call, e.getMessage(), start);
        }
        return new MapOutcome(call, m, p2p, mode.reason(), Optional.of(kernelMode), Optional.empty(),
                System.nanoTime() - start, snapshot());
    }

    /**
     * What one I/O of the mapping's buffer and device costs on each path ({@link IoCost}), each run on a fresh
     * kernel state: this session's state is left alone.
     */
    public List<IoCost> costPerIo(Mapping m) {
        return IoCost.of(engine, m.request());
    }

    private MapOutcome problem(MapCall call, String why, long start) {
        return new MapOutcome(call, null, Optional.empty(), "", Optional.empty(), Optional.of(why),
                System.nanoTime() - start, snapshot());
    }

    /**
     * Unmaps a live mapping the way its API's unmap call does; empty when it is not live (already
     * unmapped, or from another boot).
     */
    public Optional<UnmapResult> unmap(Mapping m) {
        if (m == null || !state.liveMappings().contains(m)) return Optional.empty();
        return Optional.of(state.unmap(m));
    }

    /** Unmaps the live mapping with this id ({@code #3}); empty when there is none. */
    public Optional<UnmapResult> unmap(long mappingId) {
        return state.liveMappings().stream().filter(m -> m.id() == mappingId).findFirst().map(state::unmap);
    }

    /** The deferred IOTLB flush of a lazy domain. @return IOVA ranges freed */
    public int flush(String domainId) {
        return state.flush(domainId);
    }

    /** Flushes every lazy domain's queue. @return IOVA ranges freed */
    public int flushAll() {
        return state.flushAll();
    }

    /** Unmaps everything: every domain and the swiotlb pool start empty again. */
    public void clear() {
        state.clear();
    }

    public List<Mapping> liveMappings() {
        return state.liveMappings();
    }

    /** The state now, as values. */
    public SessionSnapshot snapshot() {
        return SessionSnapshot.of(state);
    }

    /**
     * Maps each buffer source of the machine for some of its DMA devices on a scratch session, so the
     * first real call finds the engine's code loaded and compiled. Leaves this session's state alone.
     */
    public void warmUp() {
        Topology machine = rules.rules().machine();
        List<PciFunction> endpoints = DmaEndpoints.of(machine);
        List<BufferSpec> buffers = warmUpBuffers(machine);
        if (endpoints.isEmpty() || buffers.isEmpty()) return;
        KernelSession scratch = new KernelSession(topology, platform, rules.rules());
        for (int i = 0; i < 24; i++) {
            BufferSpec b = buffers.get(i % buffers.size());
            PciFunction f = endpoints.get(i % endpoints.size());
            if (b instanceof BufferSpec.Bar bar && bar.provider().equals(f.address())) continue;
            scratch.map(new MapCall(f.address(), b, MapOptions.DEFAULTS));
            scratch.clear();
        }
    }

    private List<BufferSpec> warmUpBuffers(Topology machine) {
        List<BufferSpec> out = new ArrayList<>();
        PageLayout scattered = new PageLayout(PageLayout.Kind.SCATTERED, PageLayout.DEFAULT_SEED, OptionalLong.empty(),
                null);
        for (NumaNode n : machine.numaNodes()) {
            if (n.memory().stream().mapToLong(r -> r.size()).sum() >= 64 << 10) {
                out.add(new BufferSpec.Host(n.id(), 64 << 10, 0, scattered, DmaDirection.BIDIRECTIONAL));
            }
        }
        for (PciFunction f : machine.functions()) {
            for (P2pMemory m : f.p2pMemory()) {
                if (m.size() >= 64 << 10) {
                    out.add(new BufferSpec.Bar(f.address(), m.bar(), m.offset(), 64 << 10, DmaDirection.BIDIRECTIONAL));
                }
            }
        }
        return out;
    }
}
