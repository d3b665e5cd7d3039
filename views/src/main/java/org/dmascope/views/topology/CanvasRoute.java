package org.dmascope.views.topology;

import java.util.List;
import java.util.Objects;

/**
 * A route to draw over the topology: the items a DMA's TLPs pass, in order, each with what it does.
 * The canvas draws it as numbered stops joined hop by hop; the last stop of a host-memory route is
 * the RAM of a NUMA node, drawn as a pill on that node's frame.
 *
 * @param stops the items in order, requester first; an item may appear twice (up to the root complex
 *              and back down)
 * @param tone  how the whole route is coloured
 */
public record CanvasRoute(List<Stop> stops, Tone tone) {

    /** What a stop does with the TLP, for its badge. */
    public enum Mark {
        /** The requester. */
        SOURCE,
        /** Forwards the TLP. */
        PASS,
        /** Where a peer-to-peer TLP turns back down (the common upstream port or the root complex). */
        TURN,
        /** ACS redirects the TLP upstream. */
        REDIRECTED,
        /** The TLP goes no further: egress blocked or refused by the kernel at the host bridge. */
        BLOCKED,
        /** The completer: a BAR or RAM. */
        TARGET
    }

    /** The colour of the whole route. */
    public enum Tone {
        /** Stays inside the PCIe fabric. */
        PEER,
        /** Goes through the root complex to RAM or back down. */
        HOST,
        /** The kernel refuses the mapping. */
        REFUSED
    }

    /**
     * @param item        the drawn item: a device, a host bridge, or a NUMA node for its RAM
     * @param mark        what it does
     * @param label       a short name for the badge's tooltip, e.g. {@code 0000:01:00.0 switch upstream port}
     * @param explanation why, in a sentence
     */
    public record Stop(TopologyItem item, Mark mark, String label, String explanation) {
        public Stop {
            Objects.requireNonNull(item);
            Objects.requireNonNull(mark);
            Objects.requireNonNull(label);
            Objects.requireNonNull(explanation);
        }
    }

    public CanvasRoute {
        stops = List.copyOf(stops);
        Objects.requireNonNull(tone);
    }
}
