package org.dmascope.model.topology;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * The type-1 header part of a PCI-to-PCI bridge: its bus numbers and forwarding windows.
 * Windows are empty when the export did not tell them (a tree shows bus numbers only).
 *
 * @param primary      the bus the bridge sits on, as programmed in the bridge (may be unknown)
 * @param secondary    the bus directly below the bridge
 * @param subordinate  the highest bus number below the bridge
 */
public record Bridge(OptionalInt primary, int secondary, int subordinate,
                     Optional<BridgeWindow> io, Optional<BridgeWindow> memory, Optional<BridgeWindow> prefetchable) {

    public Bridge {
        if (secondary < 0 || secondary > 0xFF || subordinate < 0 || subordinate > 0xFF) {
            throw new IllegalArgumentException("bridge bus numbers must be 00-ff");
        }
    }

    public static Bridge ofBuses(int secondary, int subordinate) {
        return new Bridge(OptionalInt.empty(), secondary, subordinate, Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    /** True when {@code bus} lies in {@code [secondary, subordinate]}. */
    public boolean coversBus(int bus) {
        return bus >= secondary && bus <= subordinate;
    }

    /** True when the bus numbers are consistent: secondary ≤ subordinate. */
    public boolean busRangeValid() {
        return secondary <= subordinate;
    }
}
