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
        socket = Fact.agree(socket, new Fact<>(value, at), subject(), "socket", findings);
    }

    public void cpus(String value, SourceRef at, Findings findings) {
        cpus = Fact.agree(cpus, new Fact<>(value, at), subject(), "CPU list", findings);
    }

    void absorb(NumaFacts other, Findings findings) {
        if (other.socket != null) socket = Fact.agree(socket, other.socket, subject(), "socket", findings);
        if (other.cpus != null) cpus = Fact.agree(cpus, other.cpus, subject(), "CPU list", findings);
    }

    /** How a disagreement about this one starts. */
    private String subject() {
        return "NUMA node " + id + ": ";
    }
}
