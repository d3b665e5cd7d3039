package org.dmascope.model.topology;

import java.util.Optional;

/**
 * One forwarding window of a PCI-to-PCI bridge (I/O, memory or prefetchable memory). A bridge that
 * does not forward that kind of transaction has a disabled window (no range).
 */
public record BridgeWindow(Optional<AddressRange> range) {

    public static final BridgeWindow DISABLED = new BridgeWindow(Optional.empty());

    public static BridgeWindow of(long start, long end) {
        return new BridgeWindow(Optional.of(new AddressRange(start, end)));
    }

    public boolean enabled() {
        return range.isPresent();
    }

    public boolean contains(AddressRange r) {
        return range.map(w -> w.contains(r)).orElse(false);
    }

    @Override
    public String toString() {
        return range.map(AddressRange::toString).orElse("disabled");
    }
}
