package org.dmascope.views.importreport;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.dmascope.model.report.Diagnostic;
import org.dmascope.model.report.Report;
import org.dmascope.model.report.Severity;

/**
 * The findings of an import (or of opening a file) grouped by file, with the source lines around each
 * finding when the app kept them. Immutable; tested without a Stage.
 */
public final class ImportReportViewModel {
    /** Findings that name no file (a cancelled import, a merge problem). */
    public static final String NO_FILE = "(no file)";

    /** The findings about one file, errors first, then by line. */
    public record FileGroup(String file, List<Diagnostic> findings) {
        public long errors() {
            return findings.stream().filter(Diagnostic::isError).count();
        }

        public long warnings() {
            return findings.stream().filter(d -> d.severity() == Severity.WARNING).count();
        }

        /** Notes, such as where the import took IDs from pci.ids. */
        public long notes() {
            return findings.stream().filter(d -> d.severity() == Severity.INFO).count();
        }

        /** {@code 2 errors, 3 warnings}. */
        public String counts() {
            List<String> parts = new ArrayList<>();
            if (errors() > 0) parts.add(errors() + (errors() == 1 ? " error" : " errors"));
            if (warnings() > 0) parts.add(warnings() + (warnings() == 1 ? " warning" : " warnings"));
            if (notes() > 0) parts.add(notes() + (notes() == 1 ? " note" : " notes"));
            return String.join(", ", parts);
        }
    }

    private final String title;
    private final String summary;
    private final Report report;
    private final SourceExcerpts excerpts;
    private final List<FileGroup> groups;

    /**
     * @param title    window title
     * @param summary  one sentence above the list
     * @param excerpts the lines around findings, when the source text was kept
     */
    public ImportReportViewModel(String title, String summary, Report report, SourceExcerpts excerpts) {
        this.title = title;
        this.summary = summary;
        this.report = report;
        this.excerpts = excerpts;
        Map<String, List<Diagnostic>> byFile = new LinkedHashMap<>();
        for (Diagnostic d : report.diagnostics()) byFile.computeIfAbsent(d.file().orElse(NO_FILE),
                k -> new ArrayList<>()).add(d);
        Comparator<Diagnostic> order = Comparator.comparing((Diagnostic d) -> !d.isError())
                .thenComparingInt(Diagnostic::line);
        this.groups = byFile.entrySet().stream()
                .map(e -> new FileGroup(e.getKey(), e.getValue().stream().sorted(order).toList()))
                .toList();
    }

    public String title() {
        return title;
    }

    public String summary() {
        return summary;
    }

    public Report report() {
        return report;
    }

    public boolean hasErrors() {
        return report.hasErrors();
    }

    public List<FileGroup> groups() {
        return groups;
    }

    /**
     * What the context pane shows for a finding: the finding compiler style, then the lines around it
     * when they were kept.
     */
    public String context(Diagnostic d) {
        String head = d.toString() + "\n\n";
        if (d.file().isEmpty() || d.line() <= 0) return head + "(this finding names no line)";
        Optional<SourceExcerpt> e = excerpts.around(d.file().get(), d.line());
        return head + e.map(SourceExcerpt::text).orElse("(the source text of " + d.file().get() + " was not kept)");
    }

    /** Findings compiler style, one per line ({@code file:line: warning: message}). */
    public static String asText(List<Diagnostic> findings) {
        return findings.stream().map(Diagnostic::toString).collect(Collectors.joining("\n"));
    }

    /** Every finding, grouped by file as shown. */
    public String allAsText() {
        return asText(groups.stream().flatMap(g -> g.findings().stream()).toList());
    }
}
