package org.dmascope.model.topology;

import java.util.Optional;

/** Where a fact came from: a file and a 1-based line (0 when the whole file is meant). */
public record SourceRef(String file, int line) {

    public SourceRef {
        if (file == null || file.isBlank()) throw new IllegalArgumentException("a source needs a file name");
        if (line < 0) throw new IllegalArgumentException("line numbers start at 1 (0 for the whole file)");
    }

    /**
     * Parses {@code file:line} (or just {@code file}).
     *
     * @throws IllegalArgumentException when the line number is larger than a line number can be
     */
    public static Optional<SourceRef> parse(String text) {
        if (text == null || text.isBlank()) return Optional.empty();
        int colon = text.lastIndexOf(':');
        String digits = colon > 0 ? text.substring(colon + 1) : "";
        if (!digits.isEmpty() && digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            String trimmed = digits.replaceFirst("^0+(?=.)", "");
            if (trimmed.length() > 10 || Long.parseLong(trimmed) > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("the line number " + digits + " is too large (at most "
                        + Integer.MAX_VALUE
                        + ")");
            }
            return Optional.of(new SourceRef(text.substring(0, colon), Integer.parseInt(trimmed)));
        }
        return Optional.of(new SourceRef(text, 0));
    }

    /**
     * A fact no export states but {@code at} implies: {@code inferred from 03:00.0, lspci.txt:12}. It reads and
     * round-trips like any other source (the JSON keeps it as text).
     *
     * @param what what implies it, e.g. {@code 0000:03:00.0}
     */
    public static SourceRef inferredFrom(String what, SourceRef at) {
        return new SourceRef(INFERRED + what + ", " + at.file(), at.line());
    }

    /** True when the fact was inferred rather than stated ({@link #inferredFrom}). */
    public boolean inferred() {
        return file.startsWith(INFERRED);
    }

    private static final String INFERRED = "inferred from ";

    @Override
    public String toString() {
        return line == 0 ? file : file + ":" + line;
    }
}
