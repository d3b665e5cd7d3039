package org.dmascope.model.session;

import java.util.Objects;

import org.dmascope.model.kernel.platform.PlatformOverrides;
import org.dmascope.model.topology.Topology;

/**
 * What a kernel session was booted from: a machine and the platform facts the user set on top of it.
 * Two boots are the same when they name the same topology object (a machine opened again is another
 * document, even when it reads the same) under equal platform facts; see {@link #sameAs}.
 */
public record Boot(Topology topology, PlatformOverrides platform) {
    public Boot {
        Objects.requireNonNull(topology);
        Objects.requireNonNull(platform);
    }

    public boolean sameAs(Boot other) {
        return other != null && other.topology == topology && other.platform.equals(platform);
    }
}
