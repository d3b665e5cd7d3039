package org.dmascope.model.io.formats;

/**
 * A kind of file no topology can be built from, recognised so the user learns why and what to export
 * instead, rather than getting a misreading. Turning such a kind into a readable format means
 * implementing {@link FactsFormat} in its class instead.
 */
public non-sealed interface RefusedFormat extends ImportFormat {

    /** Why no topology can be built from such a file, for the user, with what to export instead. */
    String refusal();
}
