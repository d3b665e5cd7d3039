package org.dmascope.model.io.source;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.dmascope.model.report.Diagnostic;
import org.dmascope.model.report.Severity;
import org.dmascope.model.topology.SourceRef;

/**
 * Collects what the importer found, every finding with its file and line. A damaged file can
 * produce a finding per line, so each file keeps at most {@value #MAX_PER_FILE} warnings and the
 * rest are counted in one closing note.
 */
public final class Findings {
    static final int MAX_PER_FILE = 100;

    private final List<Diagnostic> diagnostics = new ArrayList<>();
    private final Map<String, Integer> warningsPerFile = new HashMap<>();
    private final Map<String, Integer> dropped = new HashMap<>();

    public void error(String file, int line, String message) {
        add(Severity.ERROR, file, line, message, null);
    }

    public void warning(String file, int line, String message) {
        add(Severity.WARNING, file, line, message, null);
    }

    public void warning(SourceRef at, String message, String subject) {
        add(Severity.WARNING, at.file(), at.line(), message, subject);
    }

    public void add(Severity severity, String file, int line, String message, String subject) {
        if (severity == Severity.WARNING && file != null) {
            int n = warningsPerFile.merge(file, 1, Integer::sum);
            if (n > MAX_PER_FILE) {
                dropped.merge(file, 1, Integer::sum);
                return;
            }
        }
        Diagnostic d = new Diagnostic(severity, message, Optional.ofNullable(file), Math.max(0, line), 0,
                Optional.ofNullable(subject));
        diagnostics.add(d);
    }

    /** Adds a finding made elsewhere (the validator) as it is. */
    public void add(Diagnostic d) {
        diagnostics.add(d);
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }

    /** Everything found, with a closing note per file whose warnings were cut short. */
    public List<Diagnostic> diagnostics() {
        List<Diagnostic> all = new ArrayList<>(diagnostics);
        dropped.forEach((file, n) -> all.add(new Diagnostic(Severity.WARNING, n + " more warning" + (n == 1 ? "" : "s")
                + " about this file were left out (only the first " + MAX_PER_FILE + " are listed)",
                Optional.of(file), 0, 0, Optional.empty())));
        return all;
    }
}
