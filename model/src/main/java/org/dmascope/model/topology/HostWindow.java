package org.dmascope.model.topology;

import java.util.Optional;

/**
 * A host bridge aperture: CPU addresses {@code [cpuStart, cpuStart+size)} reach PCI bus addresses
 * {@code [busStart, busStart+size)}. The kernel stores {@code offset = cpu - bus}
 * ({@code resource_entry.offset}); on x86 it is 0, on many arm64/DT systems it is not.
 */
public record HostWindow(Kind kind, long cpuStart, long busStart, long size) {

    public enum Kind {
        MEMORY("mem"), PREFETCHABLE_MEMORY("mem-pref"), IO("io");

        private final String jsonName;

        Kind(String jsonName) {
            this.jsonName = jsonName;
        }

        public String jsonName() {
            return jsonName;
        }

        public boolean isMemory() {
            return this != IO;
        }

        public static Optional<Kind> fromJsonName(String name) {
            for (Kind k : values()) if (k.jsonName.equals(name)) return Optional.of(k);
            return Optional.empty();
        }
    }

    public HostWindow {
        if (size == 0) throw new IllegalArgumentException("a host bridge window needs a size");
    }

    /** CPU-side range. */
    public AddressRange cpuRange() {
        return AddressRange.ofSize(cpuStart, size);
    }

    /** Bus-side range. */
    public AddressRange busRange() {
        return AddressRange.ofSize(busStart, size);
    }

    /** {@code window->offset}: CPU address minus bus address. */
    public long offset() {
        return cpuStart - busStart;
    }
}
