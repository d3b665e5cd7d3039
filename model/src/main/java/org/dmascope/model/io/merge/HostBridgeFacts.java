package org.dmascope.model.io.merge;

import java.util.Optional;

import org.dmascope.model.io.source.Findings;
import org.dmascope.model.topology.HostBridge;
import org.dmascope.model.topology.SourceRef;

/** What the exports say about one host bridge: where its root bus is, its bus range and NUMA node. */
public final class HostBridgeFacts {
    private final int domain;
    private final int rootBus;
    private final SourceRef seen;
    private Fact<HostBridge.BusRange> busRange;
    private Fact<Integer> numaNode;

    HostBridgeFacts(int domain, int rootBus, SourceRef seen) {
        this.domain = domain;
        this.rootBus = rootBus;
        this.seen = seen;
    }

    public int domain() {
        return domain;
    }

    public int rootBus() {
        return rootBus;
    }

    /** The line that shows this bus is a root bus. */
    public SourceRef seen() {
        return seen;
    }

    public Optional<Fact<HostBridge.BusRange>> busRange() {
        return Optional.ofNullable(busRange);
    }

    public Optional<Fact<Integer>> numaNode() {
        return Optional.ofNullable(numaNode);
    }

    public void busRange(HostBridge.BusRange range, SourceRef at, Findings findings) {
        busRange = Fact.agree(busRange, new Fact<>(range, at), subject(), "bus range", findings);
    }

    public void numaNode(int node, SourceRef at, Findings findings) {
        numaNode = Fact.agree(numaNode, new Fact<>(node, at), subject(), "NUMA node", findings);
    }

    void absorb(HostBridgeFacts other, Findings findings) {
        if (other.busRange != null) busRange = Fact.agree(busRange, other.busRange, subject(), "bus range", findings);
        if (other.numaNode != null) numaNode = Fact.agree(numaNode, other.numaNode, subject(), "NUMA node", findings);
    }

    /** How a disagreement about this one starts. */
    private String subject() {
        return String.format("host bridge %04x:%02x: ", domain, rootBus);
    }
}
