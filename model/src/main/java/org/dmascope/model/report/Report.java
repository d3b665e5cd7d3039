package org.dmascope.model.report;

import java.util.ArrayList;
import java.util.List;

/** An immutable list of findings, errors and warnings in the order they were found. */
public record Report(List<Diagnostic> diagnostics) {

    public static final Report EMPTY = new Report(List.of());

    public Report {
        diagnostics = List.copyOf(diagnostics);
    }

    public List<Diagnostic> errors() {
        return diagnostics.stream().filter(Diagnostic::isError).toList();
    }

    public List<Diagnostic> warnings() {
        return diagnostics.stream().filter(d -> d.severity() == Severity.WARNING).toList();
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }

    public boolean isEmpty() {
        return diagnostics.isEmpty();
    }

    public Report plus(Report other) {
        List<Diagnostic> all = new ArrayList<>(diagnostics);
        all.addAll(other.diagnostics);
        return new Report(all);
    }

    /** One finding per line, compiler style. */
    public String toText() {
        StringBuilder sb = new StringBuilder();
        for (Diagnostic d : diagnostics) sb.append(d).append('\n');
        return sb.toString();
    }
}
