package org.dmascope.model.session;

import java.util.Objects;

import org.dmascope.model.mapping.BufferSpec;
import org.dmascope.model.topology.Bdf;

/** One map call a driver makes: this buffer, for this device, this way. */
public record MapCall(Bdf initiator, BufferSpec buffer, MapOptions options) {
    public MapCall {
        Objects.requireNonNull(initiator);
        Objects.requireNonNull(buffer);
        Objects.requireNonNull(options);
    }

    public MapCall withOptions(MapOptions o) {
        return new MapCall(initiator, buffer, o);
    }

    public MapCall withBuffer(BufferSpec b) {
        return new MapCall(initiator, b, options);
    }
}
