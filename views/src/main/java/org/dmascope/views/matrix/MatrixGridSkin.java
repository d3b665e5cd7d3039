package org.dmascope.views.matrix;

import java.util.List;
import java.util.Optional;

import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import javafx.geometry.Orientation;
import javafx.geometry.Point2D;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.SkinBase;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.paint.Paint;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;

import org.dmascope.model.kernel.matrix.MatrixCell;
import org.dmascope.model.kernel.matrix.P2pMatrix;
import org.dmascope.model.kernel.matrix.ReportedLabel;
import org.dmascope.model.kernel.p2p.P2pMapType;
import org.dmascope.views.matrix.MatrixGrid.Cell;

/**
 * Draws a {@link MatrixGrid} on two canvases the size of the view: below, the frozen row and column
 * headers and the visible cells (redrawn when the matrix, the scroll position, the size or a colour
 * changes); above, the hovered row and column and the focused cell (redrawn as the pointer moves,
 * a handful of shapes, so pointing stays quick even with the software renderer).
 */
final class MatrixGridSkin extends SkinBase<MatrixGrid> {
    static final double CELL_W = 54;
    static final double CELL_H = 26;
    /** Cells are taller when another tool's label is shown under dmascope's. */
    static final double CELL_H_REPORTED = 38;
    private static final double PAD = 8;
    private static final double MAX_ROW_HEADER = 360;
    private static final Font CELL_FONT = Font.font("System", FontWeight.BOLD, 12);
    private static final Font ADDRESS_FONT = Font.font("Monospaced", 12);
    private static final Font NAME_FONT = Font.font("System", 12);
    private static final Font REPORTED_FONT = Font.font("System", 10);

    private final Canvas canvas = new Canvas();
    private final Canvas overlay = new Canvas();
    private final ScrollBar hbar = new ScrollBar();
    private final ScrollBar vbar = new ScrollBar();
    private double rowHeaderW = 200;
    private double colHeaderH = 80;
    private double cellH = CELL_H;
    private final InvalidationListener redraw = o -> draw();
    private final InvalidationListener redrawOverlay = o -> drawOverlay();
    private final InvalidationListener remeasure = o -> {
        measure();
        getSkinnable().requestLayout();
        draw();
    };

    MatrixGridSkin(MatrixGrid grid) {
        super(grid);
        hbar.setOrientation(Orientation.HORIZONTAL);
        vbar.setOrientation(Orientation.VERTICAL);
        hbar.setId("matrix-hbar");
        vbar.setId("matrix-vbar");
        hbar.valueProperty().addListener(redraw);
        vbar.valueProperty().addListener(redraw);
        getChildren().addAll(canvas, overlay, hbar, vbar);
        grid.matrixProperty().addListener(remeasure);
        grid.rowLabelsProperty().addListener(remeasure);
        grid.focusedCellProperty().addListener(redrawOverlay);
        grid.hoveredCellProperty().addListener(redrawOverlay);
        for (Observable paint : paints(grid)) paint.addListener(redraw);
        overlay.addEventHandler(MouseEvent.MOUSE_MOVED, e -> grid.setHoveredCell(cellAt(e.getX(),
                e.getY()).orElse(null)));
        overlay.addEventHandler(MouseEvent.MOUSE_EXITED, e -> grid.setHoveredCell(null));
        overlay.addEventHandler(MouseEvent.MOUSE_PRESSED, e -> {
            grid.requestFocus();
            cellAt(e.getX(), e.getY()).ifPresent(grid::setFocusedCell);
        });
        overlay.addEventHandler(ScrollEvent.SCROLL, e -> {
            scrollBy(hbar, -e.getDeltaX());
            scrollBy(vbar, -e.getDeltaY());
            e.consume();
        });
        grid.addEventHandler(KeyEvent.KEY_PRESSED, this::keyPressed);
        grid.focusedProperty().addListener(redrawOverlay);
        measure();
    }

    @Override
    public void dispose() {
        MatrixGrid grid = getSkinnable();
        if (grid != null) {
            grid.matrixProperty().removeListener(remeasure);
            grid.rowLabelsProperty().removeListener(remeasure);
            grid.focusedCellProperty().removeListener(redrawOverlay);
            grid.hoveredCellProperty().removeListener(redrawOverlay);
            grid.focusedProperty().removeListener(redrawOverlay);
            for (Observable paint : paints(grid)) paint.removeListener(redraw);
        }
        super.dispose();
    }

    private static List<Observable> paints(MatrixGrid g) {
        return g.colourProperties();
    }

    private int size() {
        P2pMatrix m = getSkinnable().getMatrix();
        return m == null ? 0 : m.size();
    }

    /** Header sizes follow the longest label and address. */
    private void measure() {
        P2pMatrix shown = getSkinnable().getMatrix();
        cellH = shown != null && shown.hasReported() ? CELL_H_REPORTED : CELL_H;
        double w = 120;
        for (String s : getSkinnable().rowLabelsProperty().get()) w = Math.max(w, textWidth(s, NAME_FONT));
        rowHeaderW = Math.min(MAX_ROW_HEADER, w + 2 * PAD);
        P2pMatrix m = getSkinnable().getMatrix();
        double a = 60;
        if (m != null && !m.endpoints().isEmpty()) a = textWidth(m.endpoints().get(0).shortText(), ADDRESS_FONT);
        colHeaderH = a + 2 * PAD;
    }

    /** The text cut with an ellipsis to fit the width (the canvas would squeeze it instead). */
    private static String fit(String s, double width) {
        if (textWidth(s, NAME_FONT) <= width) return s;
        int lo = 0;
        int hi = s.length();
        while (lo < hi) {
            int mid = (lo + hi + 1) / 2;
            if (textWidth(s.substring(0, mid) + "…", NAME_FONT) <= width) lo = mid;
            else hi = mid - 1;
        }
        return s.substring(0, lo) + "…";
    }

    private static double textWidth(String s, Font f) {
        Text t = new Text(s);
        t.setFont(f);
        return t.getLayoutBounds().getWidth();
    }

    // ---- layout ----

    @Override
    protected void layoutChildren(double x, double y, double w, double h) {
        int n = size();
        double contentW = n * CELL_W;
        double contentH = n * cellH;
        boolean needH = rowHeaderW + contentW > w;
        boolean needV = colHeaderH + contentH > h - (needH ? hbar.prefHeight(-1) : 0);
        if (needV && !needH) needH = rowHeaderW + contentW > w - vbar.prefWidth(-1);
        double bw = needV ? vbar.prefWidth(-1) : 0;
        double bh = needH ? hbar.prefHeight(-1) : 0;
        double vw = Math.max(0, w - bw);
        double vh = Math.max(0, h - bh);
        for (Canvas c : new Canvas[] {canvas, overlay}) {
            c.setWidth(vw);
            c.setHeight(vh);
            c.relocate(x, y);
        }
        hbar.setVisible(needH);
        vbar.setVisible(needV);
        hbar.resizeRelocate(x, y + vh, vw, bh);
        vbar.resizeRelocate(x + vw, y, bw, vh);
        configure(hbar, vw - rowHeaderW, contentW);
        configure(vbar, vh - colHeaderH, contentH);
        draw();
    }

    private void configure(ScrollBar bar, double view, double content) {
        double max = Math.max(0, content - view);
        bar.setMin(0);
        bar.setMax(max);
        bar.setVisibleAmount(max <= 0 ? 1 : Math.max(1, max * view / Math.max(1, content)));
        bar.setUnitIncrement(cellH);
        bar.setBlockIncrement(Math.max(cellH, view * 0.9));
        if (bar.getValue() > max) bar.setValue(max);
    }

    private static void scrollBy(ScrollBar bar, double delta) {
        if (!bar.isVisible()) return;
        bar.setValue(Math.max(bar.getMin(), Math.min(bar.getMax(), bar.getValue() + delta)));
    }

    @Override
    protected double computePrefWidth(double height, double top, double right, double bottom, double left) {
        return Math.min(1200, rowHeaderW + size() * CELL_W + 20);
    }

    @Override
    protected double computePrefHeight(double width, double top, double right, double bottom, double left) {
        return Math.min(800, colHeaderH + size() * cellH + 20);
    }

    @Override
    protected double computeMinWidth(double height, double top, double right, double bottom, double left) {
        return 200;
    }

    @Override
    protected double computeMinHeight(double width, double top, double right, double bottom, double left) {
        return 120;
    }

    // ---- geometry ----

    private double cellX(int column) {
        return rowHeaderW + column * CELL_W - (hbar.isVisible() ? hbar.getValue() : 0);
    }

    private double cellY(int row) {
        return colHeaderH + row * cellH - (vbar.isVisible() ? vbar.getValue() : 0);
    }

    private Optional<Cell> cellAt(double x, double y) {
        if (x < rowHeaderW || y < colHeaderH) return Optional.empty();
        double sx = hbar.isVisible() ? hbar.getValue() : 0;
        double sy = vbar.isVisible() ? vbar.getValue() : 0;
        int c = (int) Math.floor((x - rowHeaderW + sx) / CELL_W);
        int r = (int) Math.floor((y - colHeaderH + sy) / cellH);
        int n = size();
        return r >= 0 && c >= 0 && r < n && c < n ? Optional.of(new Cell(r, c)) : Optional.empty();
    }

    Optional<Point2D> cellCentre(Cell c) {
        if (c.row() < 0 || c.column() < 0 || c.row() >= size() || c.column() >= size()) return Optional.empty();
        scrollIntoView(c);
        return Optional.of(new Point2D(canvas.getLayoutX() + cellX(c.column()) + CELL_W / 2,
                canvas.getLayoutY() + cellY(c.row()) + cellH / 2));
    }

    private void scrollIntoView(Cell c) {
        double viewW = canvas.getWidth() - rowHeaderW;
        double viewH = canvas.getHeight() - colHeaderH;
        double left = c.column() * CELL_W;
        double top = c.row() * cellH;
        if (hbar.isVisible()) {
            if (left < hbar.getValue()) hbar.setValue(left);
            else if (left + CELL_W > hbar.getValue() + viewW) hbar.setValue(Math.min(hbar.getMax(),
                    left + CELL_W - viewW));
        }
        if (vbar.isVisible()) {
            if (top < vbar.getValue()) vbar.setValue(top);
            else if (top + cellH > vbar.getValue() + viewH) vbar.setValue(Math.min(vbar.getMax(),
                    top + cellH - viewH));
        }
    }

    // ---- keyboard ----

    private void keyPressed(KeyEvent e) {
        int n = size();
        if (n == 0) return;
        MatrixGrid grid = getSkinnable();
        Cell at = grid.getFocusedCell() == null ? new Cell(0, 0) : grid.getFocusedCell();
        int page = Math.max(1, (int) ((canvas.getHeight() - colHeaderH) / cellH) - 1);
        int r = at.row();
        int c = at.column();
        KeyCode k = e.getCode();
        switch (k) {
            case UP -> r--;
            case DOWN -> r++;
            case LEFT -> c--;
            case RIGHT -> c++;
            case PAGE_UP -> r -= page;
            case PAGE_DOWN -> r += page;
            case HOME -> {
                c = 0;
                if (e.isShortcutDown()) r = 0;
            }
            case END -> {
                c = n - 1;
                if (e.isShortcutDown()) r = n - 1;
            }
            default -> {
                return;
            }
        }
        Cell next = new Cell(Math.max(0, Math.min(n - 1, r)), Math.max(0, Math.min(n - 1, c)));
        grid.setFocusedCell(next);
        scrollIntoView(next);
        e.consume();
    }

    // ---- drawing ----

    private void draw() {
        MatrixGrid grid = getSkinnable();
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.clearRect(0, 0, w, h);
        P2pMatrix m = grid.getMatrix();
        if (m == null || m.size() == 0 || w <= 0 || h <= 0) return;
        int n = m.size();
        double sx = hbar.isVisible() ? hbar.getValue() : 0;
        double sy = vbar.isVisible() ? vbar.getValue() : 0;
        int c0 = Math.max(0, (int) Math.floor(sx / CELL_W));
        int c1 = Math.min(n - 1, (int) Math.ceil((sx + w - rowHeaderW) / CELL_W));
        int r0 = Math.max(0, (int) Math.floor(sy / cellH));
        int r1 = Math.min(n - 1, (int) Math.ceil((sy + h - colHeaderH) / cellH));
        g.save();
        clip(g, rowHeaderW, colHeaderH, w - rowHeaderW, h - colHeaderH);
        g.setFill(grid.gridLine());
        g.fillRect(rowHeaderW, colHeaderH, w - rowHeaderW, h - colHeaderH);
        g.setFont(CELL_FONT);
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.CENTER);
        for (int r = r0; r <= r1; r++) {
            for (int c = c0; c <= c1; c++) drawCell(g, grid, m, r, c, cellX(c), cellY(r));
        }
        g.restore();

        drawRowHeaders(g, grid, m, r0, r1);
        drawColumnHeaders(g, grid, m, c0, c1);
        g.setFill(grid.headerFill());
        g.fillRect(0, 0, rowHeaderW, colHeaderH);
        g.setFill(grid.mutedText());
        g.setFont(NAME_FONT);
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.BOTTOM);
        g.fillText("provider (rows) ↓", PAD, colHeaderH - PAD - 16);
        g.fillText("client (columns) →", PAD, colHeaderH - PAD);
        drawOverlay();
    }

    /** The hovered row and column (cells and headers) and the focused cell. */
    private void drawOverlay() {
        MatrixGrid grid = getSkinnable();
        GraphicsContext g = overlay.getGraphicsContext2D();
        double w = overlay.getWidth();
        double h = overlay.getHeight();
        g.clearRect(0, 0, w, h);
        int n = size();
        if (n == 0) return;
        g.save();
        clip(g, 0, 0, w, h);
        g.setFill(grid.hoverFill());
        for (Cell c : new Cell[] {grid.hoveredCellProperty().get(), grid.getFocusedCell()}) {
            if (c == null || c.row() >= n || c.column() >= n) continue;
            g.fillRect(0, cellY(c.row()), rowHeaderW, cellH);
            g.fillRect(cellX(c.column()), 0, CELL_W, colHeaderH);
        }
        Cell hover = grid.hoveredCellProperty().get();
        g.beginPath();
        g.rect(rowHeaderW, colHeaderH, w - rowHeaderW, h - colHeaderH);
        g.closePath();
        g.clip();
        if (hover != null && hover.row() < n && hover.column() < n) {
            g.fillRect(rowHeaderW, cellY(hover.row()), w, cellH);
            g.fillRect(cellX(hover.column()), colHeaderH, CELL_W, h);
        }
        Cell focus = grid.getFocusedCell();
        if (focus != null && focus.row() < n && focus.column() < n) {
            g.setStroke(grid.focusRing());
            g.setLineWidth(grid.isFocused() ? 3 : 2);
            g.strokeRect(cellX(focus.column()) + 1.5, cellY(focus.row()) + 1.5, CELL_W - 3, cellH - 3);
        }
        g.restore();
    }

    private static void clip(GraphicsContext g, double x, double y, double w, double h) {
        g.beginPath();
        g.rect(x, y, w, h);
        g.closePath();
        g.clip();
    }

    private void drawCell(GraphicsContext g, MatrixGrid grid, P2pMatrix m, int row, int column, double x, double y) {
        MatrixCell cell = m.cell(row, column);
        boolean self = cell.provider().equals(cell.client());
        g.setFill(self ? grid.selfFill() : fill(grid, cell.mapType()));
        g.fillRect(x + 1, y + 1, CELL_W - 2, cellH - 2);
        boolean refused = !self && cell.mapType() != P2pMapType.BUS_ADDR
                && cell.mapType() != P2pMapType.THRU_HOST_BRIDGE;
        if (refused) hatch(g, grid, x + 1, y + 1, CELL_W - 2, cellH - 2);
        g.setFill(refused || self ? grid.mutedText() : grid.cellText());
        List<ReportedLabel> reported = self ? List.of() : m.reported(row, column);
        if (reported.isEmpty()) {
            g.fillText(cell.smi().name(), x + CELL_W / 2, y + cellH / 2 + 0.5);
            return;
        }
        g.fillText(cell.smi().name(), x + CELL_W / 2, y + cellH / 3 + 0.5);
        ReportedLabel shown = reported.stream().filter(l -> l.agreement() != ReportedLabel.Agreement.AGREES)
                .findFirst().orElse(reported.get(0));
        g.setFont(REPORTED_FONT);
        g.setFill(switch (shown.agreement()) {
            case DISAGREES -> grid.disagreeColor();
            case BEYOND_PCIE -> grid.beyondColor();
            default -> grid.mutedText();
        });
        g.fillText(mark(shown) + shown.label(), x + CELL_W / 2, y + cellH * 3 / 4 - 1);
        g.setFont(CELL_FONT);
        if (reported.stream().anyMatch(l -> l.agreement() == ReportedLabel.Agreement.DISAGREES)) {
            g.setFill(grid.disagreeColor());
            g.fillPolygon(new double[] {x + CELL_W - 11, x + CELL_W - 1, x + CELL_W - 1},
                    new double[] {y + 1, y + 1, y + 11}, 3);
        }
    }

    /** The mark before another tool's label: the symbol lspci users know, not the CLI's ASCII. */
    private static String mark(ReportedLabel l) {
        return switch (l.agreement()) {
            case AGREES -> "=";
            case DISAGREES -> "≠";
            case BEYOND_PCIE -> "~";
            case NOT_COMPARED -> "?";
        };
    }

    /**
     * Diagonal hatching, so "not supported" reads without telling colours apart. Each 45° line is cut
     * to the cell by hand: a clip per cell costs the software pipeline far more than the lines.
     */
    private static void hatch(GraphicsContext g, MatrixGrid grid, double x, double y, double w, double h) {
        g.setStroke(grid.mutedText());
        g.setGlobalAlpha(0.3);
        g.setLineWidth(1);
        for (double d = 4; d < w + h; d += 7) {
            // The line x' + y' = d in cell coordinates, from the bottom-left edge to the top-right edge.
            double x0 = Math.max(0, d - h);
            double x1 = Math.min(w, d);
            g.strokeLine(x + x0, y + d - x0, x + x1, y + d - x1);
        }
        g.setGlobalAlpha(1);
    }

    private static Paint fill(MatrixGrid grid, P2pMapType t) {
        return switch (t) {
            case BUS_ADDR -> grid.busAddrFill();
            case THRU_HOST_BRIDGE -> grid.hostBridgeFill();
            default -> grid.notSupportedFill();
        };
    }

    private void drawRowHeaders(GraphicsContext g, MatrixGrid grid, P2pMatrix m, int r0, int r1) {
        double h = canvas.getHeight();
        g.save();
        clip(g, 0, colHeaderH, rowHeaderW, h - colHeaderH);
        g.setFill(grid.headerFill());
        g.fillRect(0, colHeaderH, rowHeaderW, h - colHeaderH);
        List<String> labels = grid.rowLabelsProperty().get();
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.CENTER);
        for (int r = r0; r <= r1; r++) {
            double y = cellY(r);
            g.setFill(grid.cellText());
            g.setFont(NAME_FONT);
            String text = r < labels.size() ? labels.get(r) : m.endpoints().get(r).shortText();
            g.fillText(fit(text, rowHeaderW - 2 * PAD), PAD, y + cellH / 2);
        }
        g.restore();
    }

    private void drawColumnHeaders(GraphicsContext g, MatrixGrid grid, P2pMatrix m, int c0, int c1) {
        double w = canvas.getWidth();
        g.save();
        clip(g, rowHeaderW, 0, w - rowHeaderW, colHeaderH);
        g.setFill(grid.headerFill());
        g.fillRect(rowHeaderW, 0, w - rowHeaderW, colHeaderH);
        g.setFont(ADDRESS_FONT);
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.CENTER);
        for (int c = c0; c <= c1; c++) {
            double x = cellX(c);
            g.setFill(grid.cellText());
            g.save();
            g.translate(x + CELL_W / 2, colHeaderH - PAD);
            g.rotate(-90);
            g.fillText(m.endpoints().get(c).shortText(), 0, 0);
            g.restore();
        }
        g.restore();
    }
}
