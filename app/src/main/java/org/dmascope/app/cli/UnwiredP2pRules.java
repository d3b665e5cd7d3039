package org.dmascope.app.cli;

import org.dmascope.model.kernel.P2pMapType;
import org.dmascope.model.mapping.P2pMapTypeSource;
import org.dmascope.model.topology.PciFunction;

/**
 * TEMPORARY stand-in for the P2PDMA map-type rules (R-P2P-5/8) until they are wired into the CLI:
 * it refuses to guess and answers every P2P buffer with an explicit error. Host buffers never reach
 * it. Replace it in {@link Cli#standard()} with the real rules.
 */
public final class UnwiredP2pRules implements P2pMapTypeSource {
    /** The answer for every P2P buffer. */
    public static final class NotWired extends UnsupportedOperationException {
        NotWired(String message) {
            super(message);
        }
    }

    @Override
    public P2pMapType mapType(PciFunction provider, PciFunction client) {
        throw new NotWired("P2P rules not wired in this build: cannot decide how " + provider.address() + "'s memory maps for "
                + client.address());
    }
}
