package org.dmascope.model.topology;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One Base Address Register of a function, as the CPU sees it ({@code pci_resource_start}).
 *
 * @param index           BAR number 0-5 (0-1 for bridges)
 * @param space           memory or I/O
 * @param is64Bit         a 64-bit memory BAR (it also occupies BAR {@code index + 1})
 * @param prefetchable    a prefetchable memory BAR
 * @param address         CPU address; empty when unassigned or not known
 * @param size            size in bytes; empty when the export did not say (a bare hex dump never does)
 * @param resizableSizes  the sizes the function's Resizable BAR capability supports for this BAR, ascending, each
 *                        a power of two from 1 MiB to 128 TiB (the capability's bits 31:4, bit n = 2^n MiB, as
 *                        {@code pci_rebar_get_possible_sizes} reads them); empty when the BAR is not resizable or
 *                        the export does not show the capability
 */
public record Bar(int index, Space space, boolean is64Bit, boolean prefetchable, OptionalLong address,
        OptionalLong size, List<Long> resizableSizes) {
    /** The smallest size a Resizable BAR capability names (PCIe r6.2 §7.8.6.2, {@code PCI_REBAR_MIN_SIZE}). */
    public static final long REBAR_MIN_SIZE = 1L << 20;
    /** The largest one the capability register holds: bit 31, 128 TiB. */
    public static final long REBAR_MAX_SIZE = 1L << 47;

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
        resizableSizes = List.copyOf(resizableSizes);
        if (!resizableSizes.isEmpty() && space == Space.IO) {
            throw new IllegalArgumentException("an I/O BAR is not resizable (Resizable BAR covers memory BARs)");
        }
        long previous = 0;
        for (long s : resizableSizes) {
            if (Long.bitCount(s) != 1 || s < REBAR_MIN_SIZE || s > REBAR_MAX_SIZE) {
                throw new IllegalArgumentException("a resizable BAR size is a power of two from 1MiB to 128TiB, was "
                        + s);
            }
            if (s <= previous) throw new IllegalArgumentException("resizable BAR sizes must be listed once each, "
                    + "smallest first");
            previous = s;
        }
    }

    /** A BAR without a Resizable BAR capability entry (or one the export does not show). */
    public Bar(int index, Space space, boolean is64Bit, boolean prefetchable, OptionalLong address, OptionalLong size) {
        this(index, space, is64Bit, prefetchable, address, size, List.of());
    }

    public boolean isMemory() {
        return space == Space.MEMORY;
    }

    /** The CPU address range, when both address and size are known. */
    public Optional<AddressRange> range() {
        if (address.isEmpty() || size.isEmpty()) return Optional.empty();
        return Optional.of(AddressRange.ofSize(address.getAsLong(), size.getAsLong()));
    }

    public boolean resizable() {
        return !resizableSizes.isEmpty();
    }

    /** The largest size the Resizable BAR capability supports ({@code pci_rebar_get_max_size}), if resizable. */
    public OptionalLong largestSize() {
        return resizable() ? OptionalLong.of(resizableSizes.get(resizableSizes.size() - 1)) : OptionalLong.empty();
    }

    /** The same BAR at another address (or none), keeping its size and Resizable BAR sizes. */
    public Bar at(OptionalLong newAddress) {
        return new Bar(index, space, is64Bit, prefetchable, newAddress, size, resizableSizes);
    }

    /** The same BAR with the sizes its Resizable BAR capability supports. */
    public Bar withResizableSizes(List<Long> sizes) {
        return new Bar(index, space, is64Bit, prefetchable, address, size, sizes);
    }

    /** The sizes of a capability's size bits, bit n = 2^n MiB (bits 31:4 of the capability dword, shifted down). */
    public static List<Long> rebarSizes(long mask) {
        List<Long> out = new ArrayList<>();
        for (int n = 0; n < 28; n++) if ((mask & (1L << n)) != 0) out.add(REBAR_MIN_SIZE << n);
        return List.copyOf(out);
    }
}
