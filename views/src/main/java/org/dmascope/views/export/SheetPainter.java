package org.dmascope.views.export;

import java.util.ArrayList;
import java.util.List;

import org.dmascope.views.export.Sheet.Block;
import org.dmascope.views.export.Sheet.Box;
import org.dmascope.views.export.Sheet.Cell;
import org.dmascope.views.export.Sheet.Chain;
import org.dmascope.views.export.Sheet.Heading;
import org.dmascope.views.export.Sheet.Paragraph;
import org.dmascope.views.export.Sheet.Table;
import org.dmascope.views.export.Surface.Stroke;

/**
 * Lays a {@link Sheet} out top to bottom and draws it on a {@link Surface}: tables with columns as wide
 * as their widest cell, chains of boxes that wrap onto further rows, paragraphs wrapped to the width.
 * One pass both measures and draws (with no surface it only measures), so the height the picture is
 * given is the height drawn.
 */
final class SheetPainter {
    static final double MARGIN = 18;
    static final double MIN_WIDTH = 640;
    /** A chain wraps onto another row past this width; paragraphs wrap at the sheet's width. */
    static final double MAX_CHAIN_WIDTH = 1200;
    private static final double GAP = 12;
    private static final double CELL_PAD = 8;
    private static final double ROW = 21;
    private static final double BOX_PAD = 9;
    private static final double BOX_TITLE = 19;
    private static final double BOX_LINE = 17;
    private static final double CAPTION_WIDTH = 170;
    private static final double CAPTION_LINE = 14;
    private static final int CAPTION_MAX_LINES = 5;
    private static final double PARAGRAPH_LINE = 17;
    private static final int PARAGRAPH_MAX_LINES = 14;

    private static final TextStyle HEADING = TextStyle.sansBold(15);
    private static final TextStyle BODY = TextStyle.sans(12.5);
    private static final TextStyle CELL = TextStyle.sans(12);
    private static final TextStyle CELL_MONO = TextStyle.mono(12);
    private static final TextStyle CELL_HEADER = TextStyle.sansBold(12);
    private static final TextStyle BOX_TITLE_STYLE = TextStyle.sansBold(12.5);
    private static final TextStyle CAPTION = TextStyle.sans(11);

    private final Sheet sheet;
    private final SheetPalette palette;
    private final TextMeasure measure;
    private final double width;

    SheetPainter(Sheet sheet, SheetPalette palette, TextMeasure measure) {
        this.sheet = sheet;
        this.palette = palette;
        this.measure = measure;
        double w = MIN_WIDTH;
        for (Block b : sheet.blocks()) {
            if (b instanceof Table t) w = Math.max(w, tableWidth(t));
            if (b instanceof Chain c) w = Math.max(w, Math.min(MAX_CHAIN_WIDTH, chainWidth(c)));
        }
        this.width = w + 2 * MARGIN;
    }

    /** The picture's width. */
    double width() {
        return width;
    }

    /** The picture's height: a measuring pass. */
    double height() {
        return paint(null);
    }

    /** Draws the sheet on {@code s} (null: only measures) and returns the height used. */
    double paint(Surface s) {
        if (s != null) s.rect(0, 0, width, height(), 0, Colour.WHITE, null);
        double y = MARGIN;
        boolean first = true;
        for (Block b : sheet.blocks()) {
            if (!first) y += b instanceof Heading ? GAP * 1.5 : GAP;
            first = false;
            // Java 17: no pattern switch yet
            if (b instanceof Heading h) y = heading(s, h, y);
            else if (b instanceof Paragraph p) y = paragraph(s, p, y);
            else if (b instanceof Table t) y = table(s, t, y);
            else if (b instanceof Chain c) y = chain(s, c, y);
        }
        return y + MARGIN;
    }

    private double contentWidth() {
        return width - 2 * MARGIN;
    }

    private double heading(Surface s, Heading h, double y) {
        double line = 22;
        if (s != null) {
            s.text(measure.fit(h.text(), HEADING, contentWidth()), MARGIN, y + measure.baseline(HEADING, line),
                    HEADING, palette.text());
        }
        return y + line;
    }

    private double paragraph(Surface s, Paragraph p, double y) {
        for (String part : p.text().split("\n")) {
            List<String> lines = part.isBlank() ? List.of("") : measure.wrap(part, BODY, contentWidth(),
                    PARAGRAPH_MAX_LINES);
            for (String l : lines) {
                if (s != null) {
                    s.text(l, MARGIN, y + measure.baseline(BODY, PARAGRAPH_LINE), BODY, p.muted() ? palette.muted()
                            : palette.text());
                }
                y += PARAGRAPH_LINE;
            }
        }
        return y;
    }

    // ---- tables ----

    private static TextStyle style(Cell c, boolean header) {
        return header ? CELL_HEADER : c.mono() ? CELL_MONO : CELL;
    }

    private double[] columns(Table t) {
        double[] w = new double[t.headers().size()];
        for (int c = 0; c < w.length; c++) {
            w[c] = Math.max(28, measure.width(t.headers().get(c).text(), CELL_HEADER) + 2 * CELL_PAD);
            for (List<Cell> r : t.rows()) {
                boolean header = t.rowHeaders() && c == 0;
                w[c] = Math.max(w[c], measure.width(r.get(c).text(), style(r.get(c), header)) + 2 * CELL_PAD);
            }
        }
        return w;
    }

    private double tableWidth(Table t) {
        double sum = 0;
        for (double w : columns(t)) sum += w;
        return sum;
    }

    private double table(Surface s, Table t, double y) {
        double[] w = columns(t);
        double total = 0;
        for (double c : w) total += c;
        double rows = (t.rows().size() + 1) * ROW;
        if (s == null) return y + rows;
        row(s, t.headers(), w, y, true, false);
        for (int r = 0; r < t.rows().size(); r++) row(s, t.rows().get(r), w, y + (r + 1) * ROW, false, t.rowHeaders());
        Stroke grid = Stroke.solid(palette.border(), 1);
        double x = MARGIN;
        for (double c : w) {
            s.polyline(new double[] {x, y, x, y + rows}, grid);
            x += c;
        }
        s.polyline(new double[] {x, y, x, y + rows}, grid);
        for (int r = 0; r <= t.rows().size() + 1; r++) {
            s.polyline(new double[] {MARGIN, y + r * ROW, MARGIN + total, y + r * ROW}, grid);
        }
        return y + rows;
    }

    private void row(Surface s, List<Cell> cells, double[] w, double y, boolean header, boolean rowHeader) {
        double x = MARGIN;
        for (int c = 0; c < cells.size(); c++) {
            Cell cell = cells.get(c);
            boolean h = header || rowHeader && c == 0;
            Sheet.Tone tone = h && cell.tone() == Sheet.Tone.PLAIN ? Sheet.Tone.HEADER : cell.tone();
            s.rect(x, y, w[c], ROW, 0, palette.fill(tone), null);
            TextStyle st = style(cell, h);
            s.text(cell.text(), x + CELL_PAD, y + measure.baseline(st, ROW), st, palette.text());
            x += w[c];
        }
    }

    // ---- chains ----

    private double boxWidth(Box b) {
        double w = measure.width(b.title(), BOX_TITLE_STYLE);
        for (Cell c : b.lines()) w = Math.max(w, measure.width(c.text(), c.mono() ? CELL_MONO : CELL));
        return Math.max(90, w + 2 * BOX_PAD);
    }

    private static double boxHeight(Box b) {
        return 2 * BOX_PAD + BOX_TITLE + b.lines().size() * BOX_LINE;
    }

    private List<String> caption(String text) {
        return text.isBlank() ? List.of() : measure.wrap(text, CAPTION, CAPTION_WIDTH, CAPTION_MAX_LINES);
    }

    private double arrowWidth(String text) {
        double w = 0;
        for (String l : caption(text)) w = Math.max(w, measure.width(l, CAPTION));
        return Math.max(44, w + 16);
    }

    private double chainWidth(Chain c) {
        double w = boxWidth(c.boxes().get(0));
        for (int i = 1; i < c.boxes().size(); i++) w += arrowWidth(c.links().get(i - 1)) + boxWidth(c.boxes().get(i));
        return w;
    }

    /** One row of a chain: which boxes, and whether it starts with the arrow from the row above. */
    private record ChainRow(int from, int to) {
    }

    private List<ChainRow> rows(Chain c) {
        List<ChainRow> out = new ArrayList<>();
        int from = 0;
        double x = boxWidth(c.boxes().get(0));
        for (int i = 1; i < c.boxes().size(); i++) {
            double step = arrowWidth(c.links().get(i - 1)) + boxWidth(c.boxes().get(i));
            if (x + step > contentWidth()) {
                out.add(new ChainRow(from, i));
                from = i;
                x = step;
            } else {
                x += step;
            }
        }
        out.add(new ChainRow(from, c.boxes().size()));
        return out;
    }

    private double chain(Surface s, Chain c, double y) {
        boolean firstRow = true;
        for (ChainRow r : rows(c)) {
            if (!firstRow) y += GAP;
            double h = 0;
            for (int i = r.from(); i < r.to(); i++) {
                h = Math.max(h, boxHeight(c.boxes().get(i)));
                if (i > 0) h = Math.max(h, 2 * (caption(c.links().get(i - 1)).size() * CAPTION_LINE + 6));
            }
            double x = MARGIN;
            for (int i = r.from(); i < r.to(); i++) {
                if (i > 0) {
                    double aw = arrowWidth(c.links().get(i - 1));
                    if (s != null) arrow(s, c.links().get(i - 1), x, y + h / 2, aw);
                    x += aw;
                }
                Box b = c.boxes().get(i);
                double bw = boxWidth(b);
                if (s != null) box(s, b, x, y, bw, h);
                x += bw;
            }
            y += h;
            firstRow = false;
        }
        return y;
    }

    private void box(Surface s, Box b, double x, double y, double w, double h) {
        s.rect(x, y, w, h, 6, palette.fill(b.tone()), Stroke.solid(palette.border(), 1));
        s.text(measure.fit(b.title(), BOX_TITLE_STYLE, w - 2 * BOX_PAD), x + BOX_PAD, y + BOX_PAD
                + measure.baseline(BOX_TITLE_STYLE, BOX_TITLE), BOX_TITLE_STYLE, palette.text());
        double ly = y + BOX_PAD + BOX_TITLE;
        for (Cell c : b.lines()) {
            TextStyle st = c.mono() ? CELL_MONO : CELL;
            s.text(c.text(), x + BOX_PAD, ly + measure.baseline(st, BOX_LINE), st, c.tone() == Sheet.Tone.PLAIN
                    ? palette.text() : palette.muted());
            ly += BOX_LINE;
        }
    }

    private void arrow(Surface s, String text, double x, double y, double w) {
        Stroke st = Stroke.solid(palette.line(), 1.5).rounded();
        double x0 = x + 4;
        double x1 = x + w - 4;
        s.polyline(new double[] {x0, y, x1, y}, st);
        s.polyline(new double[] {x1 - 7, y - 4.5, x1, y, x1 - 7, y + 4.5}, st);
        List<String> lines = caption(text);
        double cy = y - 4 - lines.size() * CAPTION_LINE;
        for (String l : lines) {
            double lw = measure.width(l, CAPTION);
            s.text(l, x + (w - lw) / 2, cy + measure.baseline(CAPTION, CAPTION_LINE), CAPTION, palette.muted());
            cy += CAPTION_LINE;
        }
    }
}
