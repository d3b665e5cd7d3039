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
        busRange = agree(busRange, new Fact<>(range, at), "bus range", findings);
    }

    public void numaNode(int node, SourceRef at, Findings findings) {
        numaNode = agree(numaNode, new Fact<>(node, at), "NUMA node", findings);
    }

    void absorb(HostBridgeFacts other, Findings findings) {
        if (other.busRange != null) busRange = agree(busRange, other.busRange, "bus range", findings);
        if (other.numaNode != null) numaNode = agree(numaNode, other.numaNode, "NUMA node", findings);
    }

    private <T> Fact<T> agree(Fact<T> old, Fact<T> fact, String what, Findings findings) {
        if (old == null) return fact;
        if (!old.value().equals(fact.value())) {
            findings.warning(fact.source(), String.format("host bridge %04x:%02x: %s and %s disagree on the %s (%s vs %s); the first is kept",
                    domain, rootBus, old.source(), fact.source(), what, old.value(), fact.value()), null);
        }
        return old;
    }
}
