package org.dmascope.model.designs;

import java.util.Objects;

/**
 * One computed figure of a design for the current buffer: a stable key (the JSON name), a label for
 * tables, and the value: a {@link Long}, a {@link Boolean} or a {@link String}.
 */
public record Figure(String key, String label, Object value) {
    public Figure {
        Objects.requireNonNull(key);
        Objects.requireNonNull(label);
        if (!(value instanceof Long || value instanceof Boolean || value instanceof String)) {
            throw new IllegalArgumentException("a figure is a number, a yes/no or a word: " + value);
        }
    }

    public static Figure of(String key, String label, long value) {
        return new Figure(key, label, value);
    }

    public static Figure of(String key, String label, boolean value) {
        return new Figure(key, label, value);
    }

    public static Figure of(String key, String label, String value) {
        return new Figure(key, label, value);
    }

    /** The value as a number; throws when it is not one. */
    public long number() {
        return (Long) value;
    }
}
