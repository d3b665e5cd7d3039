package org.dmascope.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.dmascope.model.io.imports.Importer;
import org.dmascope.model.io.source.Findings;
import org.dmascope.model.io.source.SourceText;
import org.dmascope.model.report.Diagnostic;
import org.dmascope.model.report.Report;
import org.dmascope.views.importreport.SourceExcerpt;
import org.dmascope.views.importreport.SourceExcerpts;

/**
 * Keeps the lines around each finding of an import, read right after the import on the background
 * thread, so the report can show them without touching the disk (the files may change or vanish).
 * Lines are numbered exactly as the importer numbered them ({@link SourceText}).
 */
final class ImportSources {
    /** Lines shown before and after the finding's line. */
    static final int CONTEXT = 4;
    private static final int MAX_EXCERPTS = 5000;

    private ImportSources() {
    }

    static SourceExcerpts excerpts(List<Path> files, Report report) {
        Map<String, Path> byName = new HashMap<>();
        for (Path p : files) byName.putIfAbsent(String.valueOf(p.getFileName()), p);
        Map<String, SourceText> texts = new HashMap<>();
        Map<String, SourceExcerpt> out = new HashMap<>();
        for (Diagnostic d : report.diagnostics()) {
            if (out.size() >= MAX_EXCERPTS) break;
            if (d.file().isEmpty() || d.line() <= 0) continue;
            Path p = byName.get(d.file().get());
            if (p == null) continue;
            SourceText text = texts.computeIfAbsent(d.file().get(), n -> read(n, p));
            if (text == null || d.line() > text.lineCount()) continue;
            int first = Math.max(1, d.line() - CONTEXT);
            int last = Math.min(text.lineCount(), d.line() + CONTEXT);
            List<String> lines = new ArrayList<>(last - first + 1);
            for (int n = first; n <= last; n++) lines.add(text.line(n - 1));
            out.put(SourceExcerpts.key(d.file().get(), d.line()), new SourceExcerpt(d.file().get(), d.line(), first, lines));
        }
        return SourceExcerpts.of(out);
    }

    private static SourceText read(String name, Path p) {
        try {
            if (Files.size(p) > Importer.MAX_FILE_BYTES) return null;
            return SourceText.decode(name, Files.readAllBytes(p), new Findings());
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
