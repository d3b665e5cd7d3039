package org.dmascope.model.topology;

import org.dmascope.model.util.Hex;

/**
 * An inclusive range of 64-bit addresses, compared unsigned ({@code end} may be 0xFFFF_FFFF_FFFF_FFFF).
 */
public record AddressRange(long start, long end) {

    public AddressRange {
        if (Long.compareUnsigned(start, end) > 0) {
            throw new IllegalArgumentException("range start " + Hex.addr(start) + " is above its end " + Hex.addr(end));
        }
    }

    /** The range of {@code size} bytes starting at {@code start}; {@code size} must be at least 1. */
    public static AddressRange ofSize(long start, long size) {
        if (size == 0) throw new IllegalArgumentException("a range needs at least one byte");
        long end = start + size - 1;
        if (Long.compareUnsigned(end, start) < 0) {
            throw new IllegalArgumentException("range at " + Hex.addr(start) + " of size " + Hex.addr(size)
                    + " wraps past 2^64");
        }
        return new AddressRange(start, end);
    }

    /** Number of bytes; 0 stands for the full 2^64 range (which cannot be counted in a long). */
    public long size() {
        return end - start + 1;
    }

    public boolean contains(long address) {
        return Long.compareUnsigned(start, address) <= 0 && Long.compareUnsigned(address, end) <= 0;
    }

    public boolean contains(AddressRange other) {
        return contains(other.start) && contains(other.end);
    }

    public boolean overlaps(AddressRange other) {
        return Long.compareUnsigned(start, other.end) <= 0 && Long.compareUnsigned(other.start, end) <= 0;
    }

    @Override
    public String toString() {
        return Hex.addr(start) + "-" + Hex.addr(end);
    }
}
