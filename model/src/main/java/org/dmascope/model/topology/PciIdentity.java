package org.dmascope.model.topology;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Who a function is: its IDs, class code and the names lspci gave them. Any part may be unknown
 * ({@code lspci -tv} shows names but no IDs; {@code lspci -tn} shows IDs but no names).
 *
 * <p>The human lspci formats print vendor and device name as one string; until it is split (import
 * splits it where pci.ids knows the vendor) {@code deviceName} holds both and {@code vendorName} is empty.
 *
 * @param classCode    24-bit class code: base class, subclass, programming interface
 * @param idCandidates where the export gave names but no IDs and pci.ids gives those names to several
 *                     IDs: every one of them (the unknown ID stays empty rather than guessed); else empty
 */
public record PciIdentity(OptionalInt vendorId, OptionalInt deviceId,
                          OptionalInt subsystemVendorId, OptionalInt subsystemDeviceId,
                          OptionalInt classCode, OptionalInt revision,
                          Optional<String> vendorName, Optional<String> deviceName,
                          Optional<String> subsystemName, Optional<String> className,
                          List<PciId> idCandidates) {

    public static final PciIdentity UNKNOWN = new PciIdentity(OptionalInt.empty(), OptionalInt.empty(),
            OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    public PciIdentity {
        idCandidates = List.copyOf(idCandidates);
    }

    /** An identity whose IDs are not in doubt (no candidates). */
    public PciIdentity(OptionalInt vendorId, OptionalInt deviceId, OptionalInt subsystemVendorId,
                       OptionalInt subsystemDeviceId, OptionalInt classCode, OptionalInt revision,
                       Optional<String> vendorName, Optional<String> deviceName, Optional<String> subsystemName,
                       Optional<String> className) {
        this(vendorId, deviceId, subsystemVendorId, subsystemDeviceId, classCode, revision, vendorName, deviceName,
                subsystemName, className, List.of());
    }

    public static PciIdentity of(int vendorId, int deviceId, int classCode) {
        return new PciIdentity(OptionalInt.of(vendorId), OptionalInt.of(deviceId), OptionalInt.empty(),
                OptionalInt.empty(), OptionalInt.of(classCode), OptionalInt.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** An identity known by its device name only (or by nothing). */
    public static PciIdentity named(Optional<String> deviceName) {
        return new PciIdentity(OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty(),
                OptionalInt.empty(), OptionalInt.empty(), Optional.empty(), deviceName, Optional.empty(),
                Optional.empty());
    }

    /** Base class (bits 23:16 of the class code), e.g. 0x03 display. */
    public OptionalInt baseClass() {
        return classCode.isPresent() ? OptionalInt.of(classCode.getAsInt() >> 16 & 0xFF) : OptionalInt.empty();
    }

    /** Base class and subclass (bits 23:8), e.g. 0x0108 NVM Express. */
    public OptionalInt classAndSubclass() {
        return classCode.isPresent() ? OptionalInt.of(classCode.getAsInt() >> 8 & 0xFFFF) : OptionalInt.empty();
    }

    /** The best short name: device name, else {@code vvvv:dddd}, else the class name, else "unknown device". */
    public String displayName() {
        if (deviceName.isPresent()) return deviceName.get();
        if (vendorId.isPresent() && deviceId.isPresent()) {
            return String.format("%04x:%04x", vendorId.getAsInt(), deviceId.getAsInt());
        }
        return className.orElse("unknown device");
    }
}
