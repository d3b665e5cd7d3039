package org.dmascope.app;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.dmascope.model.io.imports.ImportResult;
import org.dmascope.model.io.source.SourceText;
import org.dmascope.model.report.Diagnostic;
import org.dmascope.views.importreport.SourceExcerpt;
import org.dmascope.views.importreport.SourceExcerpts;

/**
 * Keeps the lines around each finding of an import, taken right after the import on the background
 * thread from the texts the importer read, so the report never goes back to the disk (the files may
 * have changed or vanished). Lines are numbered exactly as the importer numbered them.
 */
final class ImportSources {
    /** Lines shown before and after the finding's line. */
    static final int CONTEXT = 4;
    private static final int MAX_EXCERPTS = 5000;

    private ImportSources() {
    }

    static SourceExcerpts excerpts(ImportResult result) {
        Map<String, SourceText> texts = new HashMap<>();
        for (SourceText t : result.sources()) texts.putIfAbsent(t.name(), t);
        Map<String, SourceExcerpt> out = new HashMap<>();
        for (Diagnostic d : result.report().diagnostics()) {
            if (out.size() >= MAX_EXCERPTS) break;
            if (d.file().isEmpty() || d.line() <= 0) continue;
            SourceText text = texts.get(d.file().get());
            // lines are indexed only as far as the findings are (a 60 MB file's first findings need its start)
            if (text == null || !text.hasLine(d.line() - 1)) continue;
            int first = Math.max(1, d.line() - CONTEXT);
            int last = d.line();
            while (last < d.line() + CONTEXT && text.hasLine(last)) last++;
            List<String> lines = new ArrayList<>(last - first + 1);
            for (int n = first; n <= last; n++) lines.add(text.line(n - 1));
            out.put(SourceExcerpts.key(d.file().get(), d.line()), new SourceExcerpt(d.file().get(), d.line(), first,
                    lines));
        }
        return SourceExcerpts.of(out);
    }
}
