package org.dmascope.views.mapping;

import java.util.Objects;

import org.dmascope.model.topology.Bdf;

/** A buffer dropped on a device: what to map, with which settings, for whom. */
public record DropRequest(BufferSource source, BufferSettings settings, Bdf initiator) {
    public DropRequest {
        Objects.requireNonNull(source);
        Objects.requireNonNull(settings);
        Objects.requireNonNull(initiator);
    }

    public DropRequest withSettings(BufferSettings s) {
        return new DropRequest(source, s, initiator);
    }
}
