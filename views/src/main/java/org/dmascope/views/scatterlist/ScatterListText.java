package org.dmascope.views.scatterlist;

import java.util.function.IntUnaryOperator;

import org.dmascope.model.mapping.Mapping;

/**
 * The scatter list as plain text (aligned columns, as a bug report wants it) or as CSV (RFC 4180,
 * one row per input entry with its segment on every row, the segment's DMA fields on its first row),
 * for the whole list or the selected rows.
 */
final class ScatterListText {
    private static final ScatterColumn[] COLUMNS = ScatterColumn.values();
    /** Widths that hold the longest value of each column: a 64-bit address is 18 characters. */
    private static final int[] WIDTHS = {7, 7, 18, 7, 10, 6, 18, 10, 13, 0};

    private ScatterListText() {
    }

    static String text(ScatterListRows rows) {
        return text(rows, rows.rowCount(), r -> r);
    }

    /** @param row maps the k-th row copied to a table row, in ascending order */
    static String text(ScatterListRows rows, int count, IntUnaryOperator row) {
        StringBuilder sb = new StringBuilder(64 + count * 96);
        Mapping m = rows.mapping();
        if (m != null) {
            sb.append("# ").append(m.request().buffer().spec()).append(" for ").append(m.request().initiator())
                    .append(": ")
                    .append(m.verdict().isOk() ? m.verdict().summary() : m.verdict().code() + " - " + m.verdict()
                            .summary()).append('\n');
        }
        for (int c = 0; c < COLUMNS.length; c++) pad(sb, COLUMNS[c].textHeader(), c);
        trimEnd(sb);
        sb.append('\n');
        for (int k = 0; k < count; k++) {
            int r = row.applyAsInt(k);
            for (int c = 0; c < COLUMNS.length; c++) pad(sb, COLUMNS[c].text(rows, r), c);
            trimEnd(sb);
            sb.append('\n');
        }
        return sb.toString();
    }

    static String csv(ScatterListRows rows) {
        return csv(rows, rows.rowCount(), r -> r);
    }

    static String csv(ScatterListRows rows, int count, IntUnaryOperator row) {
        StringBuilder sb = new StringBuilder(64 + count * 80);
        for (int c = 0; c < COLUMNS.length; c++) {
            if (c > 0) sb.append(',');
            sb.append(COLUMNS[c].csvHeader());
        }
        sb.append("\r\n");
        for (int k = 0; k < count; k++) {
            int r = row.applyAsInt(k);
            for (int c = 0; c < COLUMNS.length; c++) {
                if (c > 0) sb.append(',');
                field(sb, COLUMNS[c].csv(rows, r));
            }
            sb.append("\r\n");
        }
        return sb.toString();
    }

    private static void pad(StringBuilder sb, String value, int column) {
        sb.append(value);
        int width = Math.max(WIDTHS[column], COLUMNS[column].textHeader().length());
        for (int i = value.length(); i < width; i++) sb.append(' ');
        if (column < COLUMNS.length - 1) sb.append("  ");
    }

    private static void trimEnd(StringBuilder sb) {
        int n = sb.length();
        while (n > 0 && sb.charAt(n - 1) == ' ') n--;
        sb.setLength(n);
    }

    private static void field(StringBuilder sb, String value) {
        boolean quote = value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0
                || value.indexOf('\r') >= 0;
        if (!quote) {
            sb.append(value);
            return;
        }
        sb.append('"').append(value.replace("\"", "\"\"")).append('"');
    }
}
