package org.dmascope.views.importreport;

import java.util.List;
import java.util.Locale;

/**
 * The lines of an input file around a finding, as the importer numbered them.
 *
 * @param file      the file name as the report names it
 * @param line      the finding's line (1-based)
 * @param firstLine the number of the first line in {@code lines}
 * @param lines     the text, one entry per line
 */
public record SourceExcerpt(String file, int line, int firstLine, List<String> lines) {
    public SourceExcerpt {
        lines = List.copyOf(lines);
    }

    /** Numbered lines, the finding's line marked with ▶. */
    public String text() {
        int width = String.valueOf(firstLine + lines.size()).length();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            int n = firstLine + i;
            sb.append(n == line ? "▶ " : "  ").append(String.format(Locale.ROOT, "%" + width + "d", n))
                    .append(" │ ")
                    .append(lines.get(i)).append('\n');
        }
        return sb.toString();
    }
}
