package org.dmascope.model.topology;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * One Base Address Register of a function, as the CPU sees it ({@code pci_resource_start}).
 *
 * @param index         BAR number 0-5 (0-1 for bridges)
 * @param space         memory or I/O
 * @param is64Bit       a 64-bit memory BAR (it also occupies BAR {@code index + 1})
 * @param prefetchable  a prefetchable memory BAR
 * @param address       CPU address; empty when unassigned or not known
 * @param size          size in bytes; empty when the export did not say (a bare hex dump never does)
 */
public record Bar(int index, Space space, boolean is64Bit, boolean prefetchable, OptionalLong address,
        OptionalLong size) {

    public enum Space {
        MEMORY("mem"), IO("io");

        private final String jsonName;

        Space(String jsonName) {
            this.jsonName = jsonName;
        }

        public String jsonName() {
            return jsonName;
        }

        public static Optional<Space> fromJsonName(String name) {
            for (Space s : values()) if (s.jsonName.equals(name)) return Optional.of(s);
            return Optional.empty();
        }
    }

    public Bar {
        if (index < 0 || index > 5) throw new IllegalArgumentException("BAR index must be 0-5, was " + index);
        if (space == Space.IO && (is64Bit || prefetchable)) {
            throw new IllegalArgumentException("an I/O BAR is neither 64-bit nor prefetchable");
        }
        if (size.isPresent() && size.getAsLong() == 0) throw new IllegalArgumentException("a BAR size must not be 0");
    }

    public boolean isMemory() {
        return space == Space.MEMORY;
    }

    /** The CPU address range, when both address and size are known. */
    public Optional<AddressRange> range() {
        if (address.isEmpty() || size.isEmpty()) return Optional.empty();
        return Optional.of(AddressRange.ofSize(address.getAsLong(), size.getAsLong()));
    }
}
