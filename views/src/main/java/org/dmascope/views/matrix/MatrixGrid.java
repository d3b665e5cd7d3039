package org.dmascope.views.matrix;

import java.util.List;
import java.util.Optional;

import javafx.beans.Observable;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.css.CssMetaData;
import javafx.css.Styleable;
import javafx.css.StyleableProperty;
import javafx.css.StyleablePropertyFactory;
import javafx.geometry.Point2D;
import javafx.scene.control.Control;
import javafx.scene.control.Skin;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;

import org.dmascope.model.kernel.matrix.P2pMatrix;
import org.dmascope.views.common.Resources;

/**
 * The P2P matrix as a grid drawn on a canvas: rows are providers, columns clients; each cell shows the
 * nvidia-smi label on a background that says the kernel's map type and, when another tool's output was
 * imported, that tool's label on a second line, marked when it disagrees. Only the visible cells are drawn,
 * so a machine with hundreds of endpoints costs one canvas, not a node per cell. The colours are CSS
 * properties ({@code matrix-grid.css}); arrows, Page Up/Down and Home/End move the focused cell.
 */
public class MatrixGrid extends Control {
    public static final String STYLE_CLASS = "matrix-grid";
    private static final String STYLESHEET = Resources.stylesheet(MatrixGrid.class, "matrix-grid.css");
    private static final StyleablePropertyFactory<MatrixGrid> CSS =
            new StyleablePropertyFactory<>(Control.getClassCssMetaData());

    /** A cell: row = provider index, column = client index. */
    public record Cell(int row, int column) {
    }

    private final ObjectProperty<P2pMatrix> matrix = new SimpleObjectProperty<>(this, "matrix");
    private final ObjectProperty<List<String>> rowLabels = new SimpleObjectProperty<>(this, "rowLabels", List.of());
    private final ObjectProperty<Cell> focusedCell = new SimpleObjectProperty<>(this, "focusedCell");
    private final ReadOnlyObjectWrapper<Cell> hoveredCell = new ReadOnlyObjectWrapper<>(this, "hoveredCell");

    private final StyleableProperty<Paint> busAddrFill =
            CSS.createStyleablePaintProperty(this, "busAddrFill", "-matrix-bus-addr", g -> g.busAddrFill,
                    Color.web("#cfe6f7"));
    private final StyleableProperty<Paint> hostBridgeFill =
            CSS.createStyleablePaintProperty(this, "hostBridgeFill", "-matrix-host-bridge", g -> g.hostBridgeFill,
                    Color.web("#fbdcae"));
    private final StyleableProperty<Paint> notSupportedFill =
            CSS.createStyleablePaintProperty(this, "notSupportedFill", "-matrix-not-supported", g -> g.notSupportedFill,
                    Color.web("#e3e3e3"));
    private final StyleableProperty<Paint> selfFill =
            CSS.createStyleablePaintProperty(this, "selfFill", "-matrix-self", g -> g.selfFill, Color.web("#f7f7f7"));
    private final StyleableProperty<Paint> cellText =
            CSS.createStyleablePaintProperty(this, "cellText", "-matrix-text", g -> g.cellText, Color.web("#1b2330"));
    private final StyleableProperty<Paint> mutedText =
            CSS.createStyleablePaintProperty(this, "mutedText", "-matrix-muted", g -> g.mutedText,
                    Color.web("#5f6b7a"));
    private final StyleableProperty<Paint> headerFill =
            CSS.createStyleablePaintProperty(this, "headerFill", "-matrix-header", g -> g.headerFill,
                    Color.web("#eceff3"));
    private final StyleableProperty<Paint> gridLine =
            CSS.createStyleablePaintProperty(this, "gridLine", "-matrix-grid-line", g -> g.gridLine,
                    Color.web("#ffffff"));
    private final StyleableProperty<Paint> focusRing =
            CSS.createStyleablePaintProperty(this, "focusRing", "-matrix-focus", g -> g.focusRing,
                    Color.web("#1f6feb"));
    private final StyleableProperty<Paint> disagreeColor =
            CSS.createStyleablePaintProperty(this, "disagreeColor", "-matrix-disagree", g -> g.disagreeColor,
                    Color.web("#b3261e"));
    private final StyleableProperty<Paint> beyondColor =
            CSS.createStyleablePaintProperty(this, "beyondColor", "-matrix-beyond", g -> g.beyondColor,
                    Color.web("#6a3fa0"));
    private final StyleableProperty<Paint> hoverFill =
            CSS.createStyleablePaintProperty(this, "hoverFill", "-matrix-hover", g -> g.hoverFill,
                    Color.web("#1f6feb33"));

    public MatrixGrid() {
        getStyleClass().add(STYLE_CLASS);
        setFocusTraversable(true);
    }

    @Override
    protected Skin<?> createDefaultSkin() {
        return new MatrixGridSkin(this);
    }

    @Override
    public String getUserAgentStylesheet() {
        return STYLESHEET;
    }

    public static List<CssMetaData<? extends Styleable, ?>> getClassCssMetaData() {
        return CSS.getCssMetaData();
    }

    @Override
    public List<CssMetaData<? extends Styleable, ?>> getControlCssMetaData() {
        return CSS.getCssMetaData();
    }

    // ---- Properties ----

    public final ObjectProperty<P2pMatrix> matrixProperty() {
        return matrix;
    }

    public final P2pMatrix getMatrix() {
        return matrix.get();
    }

    public final void setMatrix(P2pMatrix m) {
        matrix.set(m);
    }

    /** One short label per endpoint, in matrix order (shown as row headers; columns show the address). */
    public final ObjectProperty<List<String>> rowLabelsProperty() {
        return rowLabels;
    }

    public final ObjectProperty<Cell> focusedCellProperty() {
        return focusedCell;
    }

    public final Cell getFocusedCell() {
        return focusedCell.get();
    }

    public final void setFocusedCell(Cell c) {
        focusedCell.set(c);
    }

    /** The cell under the pointer, null when the pointer is elsewhere. */
    public final ReadOnlyObjectProperty<Cell> hoveredCellProperty() {
        return hoveredCell.getReadOnlyProperty();
    }

    void setHoveredCell(Cell c) {
        hoveredCell.set(c);
    }

    /** Where a cell's centre is drawn now, in this control's coordinates (scrolls it into view first). */
    public Optional<Point2D> cellCentre(Cell c) {
        return getSkin() instanceof MatrixGridSkin s ? s.cellCentre(c) : Optional.empty();
    }

    /** The CSS colours, for the skin to redraw when a theme changes them. */
    List<Observable> colourProperties() {
        return List.of(busAddrFill, hostBridgeFill, notSupportedFill, selfFill, cellText, mutedText, headerFill,
                gridLine, focusRing, hoverFill, disagreeColor, beyondColor).stream().map(p -> (Observable) p).toList();
    }

    Paint busAddrFill() {
        return busAddrFill.getValue();
    }

    Paint hostBridgeFill() {
        return hostBridgeFill.getValue();
    }

    Paint notSupportedFill() {
        return notSupportedFill.getValue();
    }

    Paint selfFill() {
        return selfFill.getValue();
    }

    Paint cellText() {
        return cellText.getValue();
    }

    Paint mutedText() {
        return mutedText.getValue();
    }

    Paint headerFill() {
        return headerFill.getValue();
    }

    Paint gridLine() {
        return gridLine.getValue();
    }

    Paint focusRing() {
        return focusRing.getValue();
    }

    Paint hoverFill() {
        return hoverFill.getValue();
    }

    /** Another tool's label that contradicts dmascope's. */
    Paint disagreeColor() {
        return disagreeColor.getValue();
    }

    /** Another tool's label for a link lspci cannot show (NVLink, xGMI). */
    Paint beyondColor() {
        return beyondColor.getValue();
    }
}
