package org.dmascope.model.kernel.platform;

import java.util.Objects;
import java.util.Optional;

import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.SourceRef;

/**
 * A platform fact the export does not state but implies, with the device that implies it and the line
 * that device is listed on, so the fact can say where it came from.
 *
 * @param value  the fact
 * @param device the function that implies it
 * @param name   that function's name (or IDs) as the export or pci.ids gave it
 * @param line   where the export lists it, when known
 * @param why    how the device implies the fact, a clause ("an AMD Family 17h root complex")
 */
public record Inferred<T>(T value, Bdf device, String name, Optional<SourceRef> line, String why) {

    public Inferred {
        Objects.requireNonNull(value);
        Objects.requireNonNull(device);
        Objects.requireNonNull(name);
        Objects.requireNonNull(line);
        Objects.requireNonNull(why);
    }

    /** The fact inferred from {@code f}, whose identity line is the evidence. */
    static <T> Inferred<T> from(T value, PciFunction f, String why) {
        Optional<SourceRef> at = f.provenance().of("identity").or(() -> f.provenance().of("address"));
        String ids = f.identity().vendorId().isPresent() && f.identity().deviceId().isPresent()
                ? String.format(" [%04x:%04x]", f.identity().vendorId().getAsInt(), f.identity().deviceId().getAsInt())
                : "";
        String name = f.identity().deviceName().map(n -> "\"" + n + "\"").orElse("") + ids;
        return new Inferred<>(value, f.address(), name.isEmpty() ? "unnamed device" : name.trim(), at, why);
    }

    /** {@code 00:00.0 "Family 17h (Models 00h-0fh) Root Complex" [1022:1450] (lspci.txt:3)}. */
    public String evidence() {
        return device.shortText() + " " + name + line.map(l -> " (" + l + ")").orElse("");
    }

    /** {@code inferred from 00:00.0 "…" (lspci.txt:3), an AMD Family 17h root complex}. */
    public String sentence() {
        return "inferred from " + evidence() + ", " + why;
    }
}
