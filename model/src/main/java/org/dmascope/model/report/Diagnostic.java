package org.dmascope.model.report;

import java.util.Objects;
import java.util.Optional;

/**
 * One finding about an input: what is wrong, in a sentence, and where (file, line, column), and
 * which device or JSON path it concerns.
 *
 * @param file    the file name as the user gave it, when the finding is about a file
 * @param line    1-based line, 0 when unknown
 * @param column  1-based column, 0 when unknown
 * @param subject the device address ({@code 0000:03:00.0}) or JSON path ({@code $.functions[3].bars})
 */
public record Diagnostic(Severity severity, String message, Optional<String> file, int line, int column,
                         Optional<String> subject) {

    public Diagnostic {
        Objects.requireNonNull(severity);
        Objects.requireNonNull(message);
        if (line < 0 || column < 0) throw new IllegalArgumentException("line and column start at 1 (0 = unknown)");
    }

    public static Diagnostic error(String message) {
        return new Diagnostic(Severity.ERROR, message, Optional.empty(), 0, 0, Optional.empty());
    }

    public static Diagnostic warning(String message) {
        return new Diagnostic(Severity.WARNING, message, Optional.empty(), 0, 0, Optional.empty());
    }

    public Diagnostic about(String newSubject) {
        return new Diagnostic(severity, message, file, line, column, Optional.ofNullable(newSubject));
    }

    public Diagnostic at(String newFile, int newLine, int newColumn) {
        return new Diagnostic(severity, message, Optional.ofNullable(newFile), newLine, newColumn, subject);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** {@code file:line:column} as far as known, or empty. */
    public String location() {
        StringBuilder sb = new StringBuilder(file.orElse(""));
        if (line > 0) {
            sb.append(sb.length() > 0 ? ":" : "line ").append(line);
            if (column > 0) sb.append(':').append(column);
        }
        return sb.toString();
    }

    /** {@code topo.json:12:5: error: message}, the form compilers use. */
    @Override
    public String toString() {
        String loc = location();
        return (loc.isEmpty() ? "" : loc + ": ") + severity.word() + ": " + message;
    }
}
