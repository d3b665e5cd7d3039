package org.dmascope.views.scatterlist;

import java.util.ArrayList;
import java.util.List;

import org.dmascope.model.mapping.DmaSegments;
import org.dmascope.model.mapping.Mapping;
import org.dmascope.views.export.Sheet;
import org.dmascope.views.export.Sheet.Cell;
import org.dmascope.views.export.Sheet.Tone;

/**
 * The scatter list as a picture's sheet: the table's own columns ({@link ScatterColumn}) and rows, the
 * inputs grouped under the segment they formed, P2P segments in the matrix's blue and bounced ones in
 * the canvas's bounce colour; the first {@code maxRows} rows, with a line saying how many more there are.
 */
public final class ScatterListSheet {
    /** Rows a picture holds by default: a 1 GiB buffer of 4 KiB pages has 262,144, which no page can show. */
    public static final int DEFAULT_ROWS = 200;

    private ScatterListSheet() {
    }

    public static Sheet of(Mapping m, int maxRows) {
        if (maxRows < 1) throw new IllegalArgumentException("a picture of the scatter list needs at least one row");
        String what = m.request().buffer().spec() + " for " + m.request().initiator();
        Sheet.Builder b = Sheet.builder("Scatter list of " + what).heading("Scatter list · " + what);
        b.paragraph(m.verdict().isOk() ? m.verdict().summary() : m.verdict().code() + " · " + m.verdict().summary());
        ScatterListRows rows = ScatterListRows.of(m);
        int shown = Math.min(maxRows, rows.rowCount());
        b.note(count(m.inputs().count(), "input entry", "input entries") + " formed " + count(m.segments().count(),
                "DMA segment", "DMA segments") + " (" + rows.mergedSegments() + " merged from more than one). "
                + "Left: what the caller gave; right: what the device is given, on the first row of each group.");
        List<Cell> headers = new ArrayList<>();
        for (ScatterColumn c : ScatterColumn.values()) headers.add(Cell.of(c.header()));
        List<List<Cell>> table = new ArrayList<>(shown);
        DmaSegments seg = m.segments();
        for (int r = 0; r < shown; r++) {
            int s = rows.segmentOf(r);
            Tone tone = s < 0 ? Tone.REFUSED : seg.has(s, DmaSegments.BUS) ? Tone.PEER
                    : seg.has(s, DmaSegments.SWIOTLB) ? Tone.BOUNCE : rows.oddBand(r) ? Tone.SELF : Tone.PLAIN;
            List<Cell> row = new ArrayList<>();
            for (ScatterColumn c : ScatterColumn.values()) {
                boolean mono = c == ScatterColumn.PHYS || c == ScatterColumn.OFFSET || c == ScatterColumn.DMA_ADDRESS;
                row.add(new Cell(c.text(rows, r), tone, mono));
            }
            table.add(row);
        }
        b.add(new Sheet.Table(headers, table, false));
        if (shown < rows.rowCount()) {
            b.note("… and " + (rows.rowCount() - shown) + " more rows (" + rows.rowCount() + " in all); the picture "
                    + "shows the first " + shown + ".");
        }
        return b.build();
    }

    private static String count(int n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}
