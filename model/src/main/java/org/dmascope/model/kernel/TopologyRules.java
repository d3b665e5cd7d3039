package org.dmascope.model.kernel;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.dmascope.model.kernel.acs.AcsRules;
import org.dmascope.model.kernel.acs.AcsVerdict;
import org.dmascope.model.kernel.groups.DefaultDomainPolicy;
import org.dmascope.model.kernel.groups.DomainDecision;
import org.dmascope.model.kernel.groups.GroupMember;
import org.dmascope.model.kernel.groups.GroupPartitions;
import org.dmascope.model.kernel.groups.IommuGroup;
import org.dmascope.model.kernel.groups.IommuGroupBuilder;
import org.dmascope.model.kernel.groups.IommuGroups;
import org.dmascope.model.kernel.matrix.P2pMatrix;
import org.dmascope.model.kernel.matrix.P2pMatrixBuilder;
import org.dmascope.model.kernel.p2p.MapTypeCalculator;
import org.dmascope.model.kernel.p2p.P2pClient;
import org.dmascope.model.kernel.p2p.P2pDistanceMany;
import org.dmascope.model.kernel.p2p.P2pIndex;
import org.dmascope.model.kernel.p2p.P2pMapTypeLookup;
import org.dmascope.model.kernel.p2p.P2pVerdict;
import org.dmascope.model.kernel.p2p.P2pmemFinder;
import org.dmascope.model.kernel.p2p.RandomSource;
import org.dmascope.model.kernel.platform.AssumedMachine;
import org.dmascope.model.kernel.platform.PlatformAssumptions;
import org.dmascope.model.kernel.route.RouteFinder;
import org.dmascope.model.kernel.route.TlpRoute;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.Topology;

/**
 * The topology decisions of one machine under one set of platform assumptions: P2PDMA map type and
 * distance, TLP routes, IOMMU groups with reasons and default domains, the P2P matrix. A stable entry
 * point for the DMA-mapping engine and the view models; every result is an immutable value, computed
 * on first use and kept. Safe to share between threads.
 */
public final class TopologyRules {
    private final Topology topology;
    private final Topology machine;
    private final PlatformAssumptions assumptions;
    private final AcsRules acs;
    private final P2pIndex p2p;
    private final RouteFinder routes;
    private volatile IommuGroups groups;
    private volatile P2pMatrix matrix;

    private TopologyRules(Topology topology, PlatformAssumptions assumptions) {
        this.topology = Objects.requireNonNull(topology);
        this.assumptions = Objects.requireNonNull(assumptions);
        this.machine = AssumedMachine.of(topology, assumptions);
        this.acs = new AcsRules(machine, assumptions);
        this.p2p = new P2pIndex(machine, assumptions, acs.effective());
        this.routes = new RouteFinder(p2p);
    }

    /** Rules with the topology's own platform facts and stated defaults (mainline kernel). */
    public static TopologyRules of(Topology t) {
        return new TopologyRules(t, PlatformAssumptions.of(t));
    }

    public static TopologyRules of(Topology t, PlatformAssumptions a) {
        return new TopologyRules(t, a);
    }

    /** The topology as it was given (what the views show and compare). */
    public Topology topology() {
        return topology;
    }

    /**
     * The machine the rules run on: the topology with what the assumptions add where the input is silent
     * (System RAM on each node, P2P memory offered "if a driver registered it"), see {@link AssumedMachine}.
     */
    public Topology machine() {
        return machine;
    }

    public PlatformAssumptions assumptions() {
        return assumptions;
    }

    /** R-P2P-5: map type and distance for a provider's memory used by a client, with the explanation. */
    public P2pVerdict p2p(Bdf provider, Bdf client) {
        return MapTypeCalculator.verdict(p2p, index(provider), index(client));
    }

    /** R-P2P-8: the map type a mapping call sees (provider without P2P state or non-PCI client: NOT_SUPPORTED). */
    public P2pMapTypeLookup.Result mapTypeAtMapTime(Bdf provider, P2pClient client) {
        return P2pMapTypeLookup.mapType(p2p, provider, client);
    }

    /** R-P2P-8 for a provider whose driver initialised P2PDMA without registering memory (vfio-pci, v6.19). */
    public P2pMapTypeLookup.Result mapTypeOfExporter(Bdf provider, P2pClient client) {
        return P2pMapTypeLookup.mapType(p2p, provider, client, true);
    }

    /** R-P2P-6. */
    public P2pDistanceMany.Result distanceMany(Bdf provider, List<P2pClient> clients, boolean verbose) {
        return P2pDistanceMany.evaluate(p2p, provider, clients, verbose);
    }

    /** R-P2P-7 with the random source used for ties. */
    public P2pmemFinder.Result findP2pmem(List<P2pClient> clients, RandomSource random) {
        return P2pmemFinder.find(p2p, clients, random);
    }

    /** The hops of a request from {@code from} to memory of {@code to}, as the hardware routes it. */
    public TlpRoute route(Bdf from, Bdf to) {
        return routes.physical(from, to);
    }

    /**
     * The hops of a DMA from {@code from} to host memory on a NUMA node.
     *
     * @param translated the device's domain translates (the IOMMU looks the IOVA up in the root complex)
     */
    public TlpRoute routeToMemory(Bdf from, int numaNode, boolean translated) {
        String rc = translated
                ? "the IOMMU in the root complex translates the IOVA through the device's I/O page table, then the "
                        + "host bridge "
                        + "passes the request to the memory controller"
                : "the host bridge passes the request to the memory controller (no IOMMU translation: the DMA "
                        + "address is the "
                        + "physical address)";
        return routes.toHostMemory(from, "RAM (NUMA node " + numaNode + ")", rc);
    }

    /** The hops of a P2PDMA mapping's traffic (the client's DMA to the provider). */
    public TlpRoute route(P2pVerdict verdict) {
        return routes.forVerdict(verdict);
    }

    /** The ACS rules of this machine (effective registers, multifunction view, quirks). */
    public AcsRules acsRules() {
        return acs;
    }

    /** R-ACS-2 for the IOMMU core's request (SV|RR|CR|UF). */
    public AcsVerdict acsIsolation(Bdf device) {
        return acs.enabled(machine.function(device).orElseThrow(() -> missing(device)), AcsRules.REQ_ACS_FLAGS);
    }

    /**
     * What the kernel logs about the command line's ACS options at enumeration ("Configured ACS to …",
     * "Can't parse ACS command line parameter", "ACS Flags missing" …), in order, once each.
     */
    public List<String> acsKernelLog() {
        return acs.effective().kernelLog();
    }

    /** R-GRP-2: the groups, computed once. */
    public IommuGroups groups() {
        IommuGroups g = groups;
        if (g == null) {
            synchronized (this) {
                g = groups;
                if (g == null) groups = g = IommuGroupBuilder.build(acs);
            }
        }
        return g;
    }

    /**
     * A device's group, its place in it and the group's default domain; empty without an IOMMU or for an excluded
     * device.
     */
    public Optional<GroupInfo> groupOf(Bdf device) {
        Optional<IommuGroup> g = groups().groupOf(device);
        return g.map(group -> new GroupInfo(group, group.member(device).orElseThrow(), defaultDomain(group)));
    }

    /** R-GRP-3 for one group. */
    public DomainDecision defaultDomain(IommuGroup group) {
        return DefaultDomainPolicy.forGroup(group, machine, assumptions);
    }

    /** The derived groups compared with the kernel's own, when the input carries any. */
    public Optional<GroupPartitions.Comparison> compareWithReportedGroups() {
        var reported = GroupPartitions.reported(topology);
        if (reported.isEmpty()) return Optional.empty();
        return Optional.of(GroupPartitions.compare(groups().assignment(), reported));
    }

    /** The P2P matrix of the DMA-capable endpoints, computed once. */
    public P2pMatrix matrix() {
        P2pMatrix m = matrix;
        if (m == null) {
            synchronized (this) {
                m = matrix;
                if (m == null) matrix = m = P2pMatrixBuilder.build(p2p);
            }
        }
        return m;
    }

    /** A device's IOMMU group with its membership reason and default domain. */
    public record GroupInfo(IommuGroup group, GroupMember member, DomainDecision domain) {
    }

    private int index(Bdf b) {
        return p2p.indexOf(b).orElseThrow(() -> missing(b));
    }

    private static IllegalArgumentException missing(Bdf b) {
        return new IllegalArgumentException(b + " is not in the topology");
    }
}
