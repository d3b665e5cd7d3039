package org.dmascope.model.topology;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * A vendor ID and, where known, a device ID: one of the IDs a name could stand for when pci.ids gives
 * that name to several ({@code 8086:2054} … for "Intel Corporation Sky Lake-E CHA Registers").
 */
public record PciId(int vendorId, OptionalInt deviceId) {
    public PciId {
        if (vendorId < 0 || vendorId > 0xFFFF) throw new IllegalArgumentException("a vendor ID has 16 bits");
        if (deviceId.isPresent() && (deviceId.getAsInt() < 0 || deviceId.getAsInt() > 0xFFFF)) {
            throw new IllegalArgumentException("a device ID has 16 bits");
        }
    }

    public static PciId of(int vendorId, int deviceId) {
        return new PciId(vendorId, OptionalInt.of(deviceId));
    }

    public static PciId vendor(int vendorId) {
        return new PciId(vendorId, OptionalInt.empty());
    }

    /** Parses {@code vvvv:dddd} or {@code vvvv} (four hex digits each; spaces around are allowed). */
    public static Optional<PciId> parse(String text) {
        // By hand, not by a pattern: a large topology file holds tens of thousands of these.
        String t = text == null ? "" : text.trim();
        if (t.length() != 4 && (t.length() != 9 || t.charAt(4) != ':')) return Optional.empty();
        int vendor = hex4(t, 0);
        int device = t.length() == 9 ? hex4(t, 5) : 0;
        if (vendor < 0 || device < 0) return Optional.empty();
        return Optional.of(t.length() == 4 ? vendor(vendor) : of(vendor, device));
    }

    /** The four hex digits at {@code from}, or -1. */
    private static int hex4(String s, int from) {
        int v = 0;
        for (int i = from; i < from + 4; i++) {
            int d = Character.digit(s.charAt(i), 16);
            if (d < 0 || s.charAt(i) > 'f') return -1;
            v = v << 4 | d;
        }
        return v;
    }

    /** {@code 8086:2054}, or {@code 1033} when only the vendor is meant. */
    @Override
    public String toString() {
        return deviceId.isPresent() ? String.format("%04x:%04x", vendorId, deviceId.getAsInt())
                : String.format("%04x", vendorId);
    }
}
