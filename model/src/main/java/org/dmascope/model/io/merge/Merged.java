package org.dmascope.model.io.merge;

import java.util.List;

/**
 * The outcome of combining what two sources say about one field: the combined value and, when they
 * disagree, a description of each disagreement (the first source's value is kept for those parts).
 */
record Merged<T>(T value, List<String> disagreements) {
    static <T> Merged<T> agreed(T value) {
        return new Merged<>(value, List.of());
    }

    static <T> Merged<T> disagreed(T kept, String what) {
        return new Merged<>(kept, List.of(what));
    }
}
