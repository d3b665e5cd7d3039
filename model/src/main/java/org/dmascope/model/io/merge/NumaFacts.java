package org.dmascope.model.io.merge;

import java.util.Optional;

import org.dmascope.model.io.source.Findings;
import org.dmascope.model.topology.SourceRef;

/** A NUMA node an export names, with the socket and CPU list when hwloc gives them. */
public final class NumaFacts {
    private final int id;
    private final SourceRef seen;
    private Fact<Integer> socket;
    private Fact<String> cpus;

    NumaFacts(int id, SourceRef seen) {
        this.id = id;
        this.seen = seen;
    }

    public int id() {
        return id;
    }

    public SourceRef seen() {
        return seen;
    }

    public Optional<Integer> socket() {
        return Optional.ofNullable(socket).map(Fact::value);
    }

    public Optional<String> cpus() {
        return Optional.ofNullable(cpus).map(Fact::value);
    }

    public void socket(int value, SourceRef at, Findings findings) {
        socket = agree(socket, new Fact<>(value, at), "socket", findings);
    }

    public void cpus(String value, SourceRef at, Findings findings) {
        cpus = agree(cpus, new Fact<>(value, at), "CPU list", findings);
    }

    void absorb(NumaFacts other, Findings findings) {
        if (other.socket != null) socket = agree(socket, other.socket, "socket", findings);
        if (other.cpus != null) cpus = agree(cpus, other.cpus, "CPU list", findings);
    }

    private <T> Fact<T> agree(Fact<T> old, Fact<T> fact, String what, Findings findings) {
        if (old == null) return fact;
        if (!old.value().equals(fact.value())) {
            findings.warning(fact.source(), "NUMA node " + id + ": " + old.source() + " and " + fact.source()
                    + " disagree on the " + what + " (" + old.value() + " vs " + fact.value() + "); the first is kept", null);
        }
        return old;
    }
}
