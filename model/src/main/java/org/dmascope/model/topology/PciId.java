package org.dmascope.model.topology;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A vendor ID and, where known, a device ID: one of the IDs a name could stand for when pci.ids gives
 * that name to several ({@code 8086:2054} … for "Intel Corporation Sky Lake-E CHA Registers").
 */
public record PciId(int vendorId, OptionalInt deviceId) {
    private static final Pattern TEXT = Pattern.compile("^([0-9a-fA-F]{4})(?::([0-9a-fA-F]{4}))?$");

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

    /** Parses {@code vvvv:dddd} or {@code vvvv}. */
    public static Optional<PciId> parse(String text) {
        Matcher m = TEXT.matcher(text == null ? "" : text.trim());
        if (!m.matches()) return Optional.empty();
        int vendor = Integer.parseInt(m.group(1), 16);
        return Optional.of(m.group(2) == null ? vendor(vendor) : of(vendor, Integer.parseInt(m.group(2), 16)));
    }

    /** {@code 8086:2054}, or {@code 1033} when only the vendor is meant. */
    @Override
    public String toString() {
        return deviceId.isPresent() ? String.format("%04x:%04x", vendorId, deviceId.getAsInt())
                : String.format("%04x", vendorId);
    }
}
