package org.dmascope.model.io;

/** Constants of the topology JSON format (docs/topology-format.md). */
public final class TopologyFormat {
    /** The value of the top-level {@code format} field. */
    public static final String FORMAT = "dmascope-topology";
    /** The version this build writes and the newest it reads. */
    public static final int VERSION = 1;
    /** Files larger than this are refused before parsing: no machine needs that much JSON. */
    public static final long MAX_BYTES = 64L << 20;

    private TopologyFormat() {
    }
}
