package org.dmascope.model.io.formats;

import java.util.Optional;
import java.util.function.Predicate;

import org.dmascope.model.io.source.SourceText;

/** What the formats look at in a file: its first non-blank line, and lines carrying a signature. */
final class Lines {
    /** Non-blank lines looked at for a signature before giving up: enough for any export's preamble. */
    static final int SCAN_LINES = 400;

    private Lines() {
    }

    /** The 0-based index of the first non-blank line; -1 when there is none. */
    static int firstNonBlank(SourceText text) {
        for (int i = 0; text.hasLine(i); i++) {
            if (!text.line(i).isBlank()) return i;
        }
        return -1;
    }

    /** The first non-blank line, trimmed; empty when there is none. */
    static String head(SourceText text) {
        int first = firstNonBlank(text);
        return first < 0 ? "" : text.line(first).trim();
    }

    /** A detection at the first of the first {@value #SCAN_LINES} non-blank lines that carries {@code signature}. */
    static Optional<Detection> firstSigned(SourceText text, Predicate<String> signature, ImportFormat format) {
        int seen = 0;
        for (int i = 0; seen < SCAN_LINES && text.hasLine(i); i++) {
            String line = text.line(i);
            if (line.isBlank()) continue;
            seen++;
            if (signature.test(line)) return Optional.of(new Detection(format, Confidence.LINE, i + 1));
        }
        return Optional.empty();
    }
}
