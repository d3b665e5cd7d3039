package org.dmascope.model.topology;

import java.util.Optional;

/** Where a fact came from: a file and a 1-based line (0 when the whole file is meant). */
public record SourceRef(String file, int line) {

    public SourceRef {
        if (file == null || file.isBlank()) throw new IllegalArgumentException("a source needs a file name");
        if (line < 0) throw new IllegalArgumentException("line numbers start at 1 (0 for the whole file)");
    }

    /** Parses {@code file:line} (or just {@code file}). */
    public static Optional<SourceRef> parse(String text) {
        if (text == null || text.isBlank()) return Optional.empty();
        int colon = text.lastIndexOf(':');
        if (colon > 0 && colon < text.length() - 1 && text.substring(colon + 1).chars().allMatch(Character::isDigit)) {
            return Optional.of(new SourceRef(text.substring(0, colon), Integer.parseInt(text.substring(colon + 1))));
        }
        return Optional.of(new SourceRef(text, 0));
    }

    @Override
    public String toString() {
        return line == 0 ? file : file + ":" + line;
    }
}
