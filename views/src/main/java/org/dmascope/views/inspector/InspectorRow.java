package org.dmascope.views.inspector;

import java.util.Objects;

/**
 * One line of the inspector.
 *
 * @param category the group it is shown under (Identity, Link, ACS …)
 * @param name     the field, e.g. {@code ACS control}
 * @param value    the value as text; unknown values say "unknown" and, where the kernel then uses a
 *                 default, which one
 * @param source   where the value came from: {@code file:line}, the topology file, or "derived"
 * @param exact    the source is this field's own provenance, not the file as a whole
 * @param unknown  the value is not known
 */
public record InspectorRow(String category, String name, String value, String source, boolean exact, boolean unknown) {
    public InspectorRow {
        Objects.requireNonNull(category);
        Objects.requireNonNull(name);
        Objects.requireNonNull(value);
        Objects.requireNonNull(source);
    }

    /** {@code name: value}, for copying. */
    public String toText() {
        return name + ": " + value;
    }
}
