package org.dmascope.model.addresses;

import java.util.List;
import java.util.OptionalLong;

import org.dmascope.model.topology.PciFunction;

/**
 * A range one function decodes (a BAR or a bridge window) with what the checks need to know about it.
 * An unassigned BAR (size known, no address) has no range on the map but still needs room in the window above.
 *
 * @param range        the range on the map; null for an unassigned BAR
 * @param size         its size when known
 * @param what         {@code BAR 2}, {@code memory window}
 * @param resizable    the sizes a BAR's Resizable BAR capability supports, ascending; empty for others
 */
record Decoded(MappedRange range, PciFunction function, String what, boolean io, boolean prefetchable,
               boolean is64Bit, boolean bar, OptionalLong size, List<Long> resizable) {

    /** A window, or a BAR without a Resizable BAR capability. */
    Decoded(MappedRange range, PciFunction function, String what, boolean io, boolean prefetchable, boolean is64Bit,
            boolean bar, OptionalLong size) {
        this(range, function, what, io, prefetchable, is64Bit, bar, size, List.of());
    }

    boolean placed() {
        return range != null;
    }
}
