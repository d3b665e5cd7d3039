package org.dmascope.model.kernel.platform;

import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

import org.dmascope.model.topology.Platform.CpuVendor;
import org.dmascope.model.topology.Platform.Named;

/**
 * CPU 0's vendor and x86 family ({@code cpu_data(0).x86_vendor}, {@code .x86}), the two facts
 * {@code cpu_supports_p2pdma()} reads (R-P2P-2). Either may be unknown.
 */
public record CpuIdentity(Optional<CpuVendor> vendor, OptionalInt family) {

    public static final CpuIdentity UNKNOWN = new CpuIdentity(Optional.empty(), OptionalInt.empty());

    public static CpuIdentity of(CpuVendor vendor, int family) {
        return new CpuIdentity(Optional.of(vendor), OptionalInt.of(family));
    }

    /**
     * Parses {@code intel}, {@code amd:0x19}, {@code amd:25}, {@code hygon:0x18}.
     *
     * @throws IllegalArgumentException with a sentence naming the accepted forms
     */
    public static CpuIdentity parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        String vendorPart = t;
        String familyPart = null;
        int colon = t.indexOf(':');
        if (colon >= 0) {
            vendorPart = t.substring(0, colon);
            familyPart = t.substring(colon + 1);
        }
        Optional<CpuVendor> vendor = Named.parse(CpuVendor.class, vendorPart);
        if (vendor.isEmpty()) {
            throw new IllegalArgumentException("unknown CPU vendor \"" + vendorPart + "\" (one of "
                    + Named.choices(CpuVendor.class) + ", optionally :FAMILY such as amd:0x19)");
        }
        if (familyPart == null) return new CpuIdentity(vendor, OptionalInt.empty());
        try {
            int family = familyPart.startsWith("0x") ? Integer.parseInt(familyPart.substring(2), 16)
                    : Integer.parseInt(familyPart);
            if (family < 0 || family > 0xFFFF) throw new NumberFormatException();
            return new CpuIdentity(vendor, OptionalInt.of(family));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("CPU family \"" + familyPart + "\" is not a number (write 0x19 or 25)");
        }
    }

    /** {@code amd family 0x19}, {@code intel}, {@code unknown}. */
    public String words() {
        if (vendor.isEmpty()) return family.isPresent() ? "unknown vendor, family " + hexFamily() : "unknown";
        String v = vendor.get().jsonName();
        return family.isPresent() ? v + " family " + hexFamily() : v;
    }

    private String hexFamily() {
        return String.format(Locale.ROOT, "0x%02x", family.getAsInt());
    }
}
