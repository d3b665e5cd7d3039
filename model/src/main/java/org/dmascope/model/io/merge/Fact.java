package org.dmascope.model.io.merge;

import java.util.Objects;

import org.dmascope.model.topology.SourceRef;

/** A value an export states, with the file and line that state it. */
public record Fact<T>(T value, SourceRef source) {
    public Fact {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(source, "source");
    }
}
