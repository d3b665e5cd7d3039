package org.dmascope.model.io.merge;

import java.util.Objects;

import org.dmascope.model.io.source.Findings;
import org.dmascope.model.topology.SourceRef;

/** A value an export states, with the file and line that state it. */
public record Fact<T>(T value, SourceRef source) {
    public Fact {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(source, "source");
    }

    /**
     * What two exports say about one fact, merged: the first value is kept, and a different second one
     * is reported as a warning naming both places.
     *
     * @param subject whose fact it is, as the message starts ({@code "NUMA node 1: "}), or empty
     */
    static <T> Fact<T> agree(Fact<T> old, Fact<T> fact, String subject, String what, Findings findings) {
        if (old == null) return fact;
        if (!old.value().equals(fact.value())) {
            findings.warning(fact.source(), subject + old.source() + " and " + fact.source() + " disagree on the "
                    + what
                    + " (" + old.value() + " vs " + fact.value() + "); the first is kept", null);
        }
        return old;
    }
}
