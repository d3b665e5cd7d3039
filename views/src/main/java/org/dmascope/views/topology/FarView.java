package org.dmascope.views.topology;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javafx.animation.PauseTransition;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.util.Duration;

import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.Topology;
import org.dmascope.views.common.AppIcon;
import org.dmascope.views.topology.LayoutBox.BoxKind;

/**
 * The level-of-detail drawing of the canvas when many boxes are on screen and the zoom is below 100 %: one
 * {@link Canvas} painted from the layout's rectangles (boxes in their kind or IOMMU group colours, the
 * connectors, rings for the selection, search matches, emphasis and drop targets, names once they are
 * legible), instead of thousands of nodes whose text the software renderer would rasterise as shapes each
 * frame. It paints a region a little larger than the viewport and, while the user pans within it, only
 * moves; it paints again when the zoom, the layout or the state changes or the view leaves that region.
 */
final class FarView {
    /** What the far view marks, the same state the nodes show with pseudo-classes. */
    record State(TopologyItem selected, Set<TopologyItem> matches, Set<TopologyItem> emphasised,
                 Map<TopologyItem, Boolean> dropMarks, TopologyItem dropHover, GroupColouring colouring) {
    }

    /** Text is drawn from this screen size on (px of the card name); below it is a blur, not a word. */
    private static final double LEGIBLE_PX = 7;
    /** Extra painted around the viewport, as a fraction of its size, so small pans only move the canvas. */
    private static final double OVERSCAN = 0.25;
    /**
     * A zoom that changes again within this time is a gesture (a wheel turned, a key held): its steps are painted
     * quickly, and the whole drawing once it has held still this long.
     */
    static final Duration SETTLE = Duration.millis(150);

    private final Canvas canvas = new Canvas();
    private final Rectangle ring = new Rectangle();
    private final FarPalette palette;
    private boolean dirty = true;
    private Rect painted;
    private double paintedScale = Double.NaN;
    private LayoutResult labelled;
    private final Map<Long, Font> fonts = new HashMap<>();
    private String[] kindClass = new String[0];
    private String[] name = new String[0];
    private String[] address = new String[0];
    /** Per box of the labelled layout: its look and whether it wears a group's colour, once painted. */
    private FarPalette.Look[] boxLooks = new FarPalette.Look[0];
    private boolean[] boxGrouped = new boolean[0];
    private GroupColouring lookedColouring;
    private int lookedVersion = -1;
    /** The zoom of the last layout pass, when it last changed, whether a gesture goes on, and the paint's kind. */
    private double lastScale = Double.NaN;
    private long lastZoomNanos;
    private boolean gesture;
    private boolean quick;
    private final PauseTransition settle = new PauseTransition(SETTLE);

    /**
     * @param settled asks for the drawing to be shown again (the far view paints it whole then) once a zoom
     *                gesture has held still
     */
    FarView(FarPalette palette, Runnable settled) {
        this.palette = palette;
        settle.setOnFinished(e -> {
            gesture = false;
            dirty = true;
            settled.run();
        });
        canvas.setManaged(false);
        canvas.getStyleClass().add("far-view");
        ring.setManaged(false);
        ring.setMouseTransparent(true);
        ring.setFill(null);
        ring.setVisible(false);
        ring.getStyleClass().add("far-view-selection");
    }

    Canvas node() {
        return canvas;
    }

    /** The selection ring, placed over the canvas in viewport coordinates. */
    Rectangle ring() {
        return ring;
    }

    /**
     * Notes the zoom of a layout pass; returns whether it is a step of a zoom gesture: it changed within
     * {@link #SETTLE} of the change before, and the gesture lasts until the zoom has held still that long. While it
     * lasts the far view paints quickly and stays shown (making card nodes for each step costs far more).
     */
    boolean noteZoom(double s) {
        if (s == lastScale) return gesture;
        long now = System.nanoTime();
        gesture = !Double.isNaN(lastScale) && now - lastZoomNanos < SETTLE.toMillis() * 1_000_000L;
        lastScale = s;
        lastZoomNanos = now;
        if (gesture) settle.playFromStart();
        return gesture;
    }

    /** The next {@link #show} paints again (the layout, the state or the colours changed). */
    void invalidate() {
        dirty = true;
    }

    /** Whether the canvas holds a quick paint of a zoom gesture's step; for tests. */
    boolean quick() {
        return quick;
    }

    /** The region painted, in drawing coordinates (null before the first paint); for tests. */
    Rect painted() {
        return painted;
    }

    /**
     * Shows the drawing under translate ({@code tx}, {@code ty}) and scale {@code s} in a viewport of
     * {@code vw} × {@code vh}; paints only if it must.
     */
    void show(LayoutResult layout, Topology topology, State state, double tx, double ty, double s, double vw,
              double vh) {
        Rect b = layout.bounds();
        Rect view = new Rect(-tx / s, -ty / s, vw / s, vh / s);
        // Beyond the drawing there is nothing to paint: the view may move there (until the drawing's edge
        // reaches the viewport's centre) without a repaint.
        Rect needed = intersection(view, b);
        if (dirty || s != paintedScale || painted == null || needed != null && !painted.contains(needed)) {
            // A step of a zoom gesture: the boxes without their text and rounded corners, over the view alone (the
            // software renderer rasterises each corner and glyph); the whole drawing once the zoom holds still.
            quick = gesture;
            double over = quick ? 0 : OVERSCAN;
            double mx = vw * over / s;
            double my = vh * over / s;
            Rect wanted = needed;
            Rect area = wanted == null ? new Rect(b.x(), b.y(), 1, 1)
                    : intersection(new Rect(wanted.x() - mx, wanted.y() - my, wanted.width() + 2 * mx,
                            wanted.height() + 2 * my), b);
            painted = area == null ? new Rect(b.x(), b.y(), 1, 1) : area;
            paintedScale = s;
            dirty = false;
            paint(layout, topology, state, s);
        }
        canvas.relocate(Math.round(tx + painted.x() * s), Math.round(ty + painted.y() * s));
        placeRing(layout, state.selected(), tx, ty, s);
    }

    private static Rect intersection(Rect a, Rect b) {
        double x0 = Math.max(a.x(), b.x());
        double y0 = Math.max(a.y(), b.y());
        double x1 = Math.min(a.maxX(), b.maxX());
        double y1 = Math.min(a.maxY(), b.maxY());
        return x1 <= x0 || y1 <= y0 ? null : new Rect(x0, y0, x1 - x0, y1 - y0);
    }

    /**
     * The selection is a ring node over the canvas, not paint in it: moving it repaints a few pixels, while
     * a change in the canvas repaints all of it.
     */
    private void placeRing(LayoutResult layout, TopologyItem selected, double tx, double ty, double s) {
        Optional<Rect> r = selected == null ? Optional.empty() : layout.box(selected).map(LayoutBox::bounds);
        ring.setVisible(r.isPresent());
        if (r.isEmpty()) return;
        Color c = palette.look(CanvasNodes.DEVICE_CARD, ":selected").outer();
        ring.setStroke(c == null ? Color.DODGERBLUE : c);
        double t = Math.max(2, 3 * s);
        ring.setStrokeWidth(t);
        ring.setX(Math.round(tx + r.get().x() * s - t / 2));
        ring.setY(Math.round(ty + r.get().y() * s - t / 2));
        ring.setWidth(Math.round(r.get().width() * s + t));
        ring.setHeight(Math.round(r.get().height() * s + t));
    }

    private void paint(LayoutResult layout, Topology topology, State state, double s) {
        label(layout, topology);
        double w = Math.ceil(painted.width() * s);
        double h = Math.ceil(painted.height() * s);
        if (canvas.getWidth() != w || canvas.getHeight() != h) {
            canvas.setWidth(w);
            canvas.setHeight(h);
        }
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.clearRect(0, 0, w, h);
        var boxes = layout.boxes();
        for (int i = 0; i < boxes.size(); i++) {
            LayoutBox b = boxes.get(i);
            if (groupFrame(b.kind()) && b.bounds().overlaps(painted)) paintGroup(g, b, s);
        }
        for (int i = 0; i < boxes.size(); i++) {
            LayoutBox b = boxes.get(i);
            if (innerFrame(b) && b.bounds().overlaps(painted)) paintBox(g, i, b, s, state);
        }
        for (Connector c : layout.connectors()) paintConnector(g, c, s);
        for (int i = 0; i < boxes.size(); i++) {
            LayoutBox b = boxes.get(i);
            if (!groupFrame(b.kind()) && !innerFrame(b) && b.bounds().overlaps(painted)) paintBox(g, i, b, s, state);
        }
        paintRings(layout, g, s, state);
    }

    private static boolean groupFrame(BoxKind k) {
        return k == BoxKind.NUMA_GROUP || k == BoxKind.ORPHAN_GROUP;
    }

    private static boolean innerFrame(LayoutBox b) {
        return b.kind() == BoxKind.SWITCH || b.kind() == BoxKind.VF_GROUP && b.expanded();
    }

    private double sx(double x, double s) {
        return (x - painted.x()) * s;
    }

    private double sy(double y, double s) {
        return (y - painted.y()) * s;
    }

    private void paintGroup(GraphicsContext g, LayoutBox b, double s) {
        FarPalette.Look look = palette.look(b.kind() == BoxKind.NUMA_GROUP ? CanvasNodes.NUMA_GROUP
                : CanvasNodes.ORPHAN_GROUP);
        Rect r = b.bounds();
        double x = sx(r.x(), s);
        double y = sy(r.y(), s);
        double w = r.width() * s;
        double h = r.height() * s;
        fill(g, look.inner(), x, y, w, h, 10 * s);
        frame(g, look.stroke(), x, y, w, h, Math.max(1, 1.5 * s));
        text(g, b.title(), palette.text(CanvasNodes.NUMA_GROUP, CanvasNodes.TITLE), x + 36 * s, y + 23 * s,
                w - 46 * s, 13.5, s, true);
    }

    private void paintBox(GraphicsContext g, int i, LayoutBox b, double s, State state) {
        Rect r = b.bounds();
        double x = sx(r.x(), s);
        double y = sy(r.y(), s);
        double w = r.width() * s;
        double h = r.height() * s;
        FarPalette.Look look = boxLook(b, i, state.colouring());
        boolean refused = b.item().map(it -> Boolean.FALSE.equals(state.dropMarks().get(it))).orElse(false);
        if (refused) g.setGlobalAlpha(0.42);
        double radius = (b.kind() == BoxKind.VF_GROUP && !b.expanded() ? 12 : 5) * s;
        if (b.kind() == BoxKind.VF_GROUP && b.expanded()) {
            fill(g, look.inner(), x, y, w, h, 6 * s);
            frame(g, look.stroke(), x, y, w, h, Math.max(1, s));
        } else {
            double inset = boxGrouped[i] ? 2.5 : b.kind() == BoxKind.SWITCH ? 2 : 1;
            fill(g, look.outer(), x, y, w, h, radius);
            double in = Math.max(w < 6 || h < 6 ? 0 : 1, inset * s);
            if (w > 2 * in + 1 && h > 2 * in + 1) fill(g, look.inner(), x + in, y + in, w - 2 * in, h - 2 * in,
                    radius - in);
        }
        switch (b.kind()) {
            case DEVICE -> {
                if (look.accent() != null && 24 * s >= 3) {
                    g.setFill(look.accent());
                    g.fillRect(x + 7 * s, y + (h - 24 * s) / 2, 24 * s, 24 * s);
                }
                Color text = palette.text(CanvasNodes.DEVICE_CARD, CanvasNodes.NAME);
                double tx = x + 38 * s;
                double tw = w - 45 * s;
                if (text(g, name[i], text, tx, y + h / 2 - 4 * s, tw, 13, s, true)) {
                    text(g, address[i], palette.text(CanvasNodes.DEVICE_CARD, CanvasNodes.ADDRESS), tx,
                            y + h / 2 + 13 * s, tw, 12.5, s, false);
                }
            }
            case HOST_BRIDGE, ORPHAN_BUS -> text(g, b.title().split("\n", 2)[0], palette.text(CanvasNodes.HOST_BRIDGE,
                    CanvasNodes.TITLE), x + 46 * s, y + h / 2 - 4 * s, w - 58 * s, 13, s, true);
            case SWITCH -> text(g, b.title(), palette.text(CanvasNodes.SWITCH_FRAME, CanvasNodes.TITLE), x + 40 * s,
                    y + h / 2 + 4 * s, w - 52 * s, 12.5, s, true);
            case UPSTREAM_PORT, DOWNSTREAM_PORT, VIRTUAL_FUNCTION -> text(g, address[i], palette.text(
                    CanvasNodes.PORT_MARKER, CanvasNodes.PORT_MARKER), x + 6 * s, y + h / 2 + 4 * s, w - 8 * s, 11.5, s,
                    false);
            case VF_GROUP -> text(g, b.title(), palette.text(CanvasNodes.VF_GROUP, CanvasNodes.TITLE), x + 24 * s,
                    y + (b.expanded() ? 20 : h / 2 + 4) * s, w - 30 * s, 11.5, s, false);
            default -> {
            }
        }
        if (refused) g.setGlobalAlpha(1);
    }

    /**
     * A box's look, kept per box while the layout, the colouring and the style sheets stay: a zoom gesture
     * paints the same boxes frame after frame.
     */
    private FarPalette.Look boxLook(LayoutBox b, int i, GroupColouring colouring) {
        if (boxLooks.length != kindClass.length || lookedColouring != colouring
                || lookedVersion != palette.version()) {
            boxLooks = new FarPalette.Look[kindClass.length];
            boxGrouped = new boolean[kindClass.length];
            lookedColouring = colouring;
            lookedVersion = palette.version();
        }
        if (boxLooks[i] == null) {
            boxLooks[i] = look(b, i, colouring);
            boxGrouped[i] = grouped(b, colouring);
        }
        return boxLooks[i];
    }

    private FarPalette.Look look(LayoutBox b, int i, GroupColouring colouring) {
        String base = switch (b.kind()) {
            case DEVICE -> CanvasNodes.DEVICE_CARD;
            case UPSTREAM_PORT, DOWNSTREAM_PORT -> CanvasNodes.PORT_MARKER;
            case VIRTUAL_FUNCTION -> CanvasNodes.VF_CHIP;
            case HOST_BRIDGE -> CanvasNodes.HOST_BRIDGE;
            case ORPHAN_BUS -> CanvasNodes.ORPHAN_BUS;
            case SWITCH -> CanvasNodes.SWITCH_FRAME;
            case VF_GROUP -> CanvasNodes.VF_GROUP;
            case NUMA_GROUP -> CanvasNodes.NUMA_GROUP;
            case ORPHAN_GROUP -> CanvasNodes.ORPHAN_GROUP;
        };
        if (b.kind() == BoxKind.VF_GROUP) return palette.look(base, b.expanded() ? "expanded" : "collapsed");
        String kind = kindClass[i] == null ? "" : kindClass[i];
        GroupColouring.Tag tag = colouring == null || !colouring.iommuPresent() ? null
                : b.function().flatMap(colouring::tag).orElse(null);
        if (tag != null && tag.grouped()) {
            return palette.look(base, kind, GroupDecorator.COLOURED, GroupDecorator.COLOUR_PREFIX + tag.colour());
        }
        return palette.look(base, kind);
    }

    private static boolean grouped(LayoutBox b, GroupColouring colouring) {
        if (colouring == null || !colouring.iommuPresent()) return false;
        return b.function().flatMap(colouring::tag).map(GroupColouring.Tag::grouped).orElse(false);
    }

    private void paintConnector(GraphicsContext g, Connector c, double s) {
        if (!DrawnNodes.boundsOf(c).overlaps(painted)) return;
        String kind = c.kind().name().toLowerCase(Locale.ROOT).replace('_', '-');
        FarPalette.Line line = c.downgraded() ? palette.line(CanvasNodes.CONNECTOR, kind, CanvasNodes.DOWNGRADED)
                : palette.line(CanvasNodes.CONNECTOR, kind);
        double t = Math.max(1, line.width() * s);
        g.setFill(line.colour());
        // Orthogonal segments as rectangles: the renderer fills those without rasterising a stroked path.
        for (int k = 1; k < c.pointCount(); k++) {
            double x0 = sx(Math.min(c.x(k - 1), c.x(k)), s);
            double x1 = sx(Math.max(c.x(k - 1), c.x(k)), s);
            double y0 = sy(Math.min(c.y(k - 1), c.y(k)), s);
            double y1 = sy(Math.max(c.y(k - 1), c.y(k)), s);
            g.fillRect(x0 - t / 2, y0 - t / 2, x1 - x0 + t, y1 - y0 + t);
        }
    }

    private void paintRings(LayoutResult layout, GraphicsContext g, double s, State state) {
        state.dropMarks().forEach((item, accepts) -> {
            if (accepts) ring(layout, g, s, item, palette.look(CanvasNodes.DEVICE_CARD, ":drop-target").outer(),
                    item.equals(state.dropHover()) ? 4 : 2);
        });
        for (TopologyItem m : state.matches()) ring(layout, g, s, m, palette.look(CanvasNodes.DEVICE_CARD, ":match")
                .outer(), 3);
        for (TopologyItem e : state.emphasised()) ring(layout, g, s, e, palette.look(CanvasNodes.NUMA_GROUP,
                ":emphasised").stroke(), 3);
    }

    /** A ring around an item's box, at least two pixels wide so it shows at any zoom. */
    private void ring(LayoutResult layout, GraphicsContext g, double s, TopologyItem item, Color colour, double px) {
        if (colour == null) return;
        layout.box(item).ifPresent(b -> {
            Rect r = b.bounds();
            if (!r.overlaps(painted)) return;
            double t = Math.max(2, px * s);
            frame(g, colour, sx(r.x(), s) - t, sy(r.y(), s) - t, r.width() * s + 2 * t, r.height() * s + 2 * t, t);
        });
    }

    private void fill(GraphicsContext g, Color c, double x, double y, double w, double h, double radius) {
        if (c == null) return;
        g.setFill(c);
        // Corners under two pixels do not show: a plain rectangle is much cheaper for the software renderer.
        if (!quick && radius >= 2 && w >= 12 && h >= 12) g.fillRoundRect(x, y, w, h, 2 * radius, 2 * radius);
        else g.fillRect(x, y, w, h);
    }

    private static void frame(GraphicsContext g, Color c, double x, double y, double w, double h, double t) {
        if (c == null) return;
        g.setFill(c);
        g.fillRect(x, y, w, t);
        g.fillRect(x, y + h - t, w, t);
        g.fillRect(x, y + t, t, h - 2 * t);
        g.fillRect(x + w - t, y + t, t, h - 2 * t);
    }

    /**
     * Draws one line of text at {@code size} px × the zoom, cut to {@code width}, when that is legible;
     * returns whether it drew. The canvas is not scaled, so the glyphs come from the font cache.
     */
    private boolean text(GraphicsContext g, String text, Color colour, double x, double baseline, double width,
                                double size, double s, boolean bold) {
        double px = size * s;
        if (quick || text == null || text.isEmpty() || px < LEGIBLE_PX || width < px) return false;
        int max = (int) (width / (0.56 * px));
        String t = text.length() <= max ? text : text.substring(0, Math.max(1, max - 1)) + "…";
        g.setFont(font(px, bold));
        g.setFill(colour);
        g.fillText(t, Math.round(x), Math.round(baseline));
        return true;
    }

    private Font font(double px, boolean bold) {
        long key = Math.round(px * 2) * 2 + (bold ? 1 : 0);
        return fonts.computeIfAbsent(key, k -> Font.font(Font.getDefault().getFamily(), bold ? FontWeight.BOLD
                : FontWeight.NORMAL, Math.round(px * 2) / 2.0));
    }

    /** Per box: its function's kind class and the texts, looked up once per layout. */
    private void label(LayoutResult layout, Topology topology) {
        if (layout == labelled) return;
        labelled = layout;
        int n = layout.boxes().size();
        kindClass = new String[n];
        boxLooks = new FarPalette.Look[0];
        name = new String[n];
        address = new String[n];
        for (int i = 0; i < n; i++) {
            LayoutBox b = layout.boxes().get(i);
            Bdf a = b.function().orElse(null);
            PciFunction f = a == null ? null : topology.function(a).orElse(null);
            if (f == null) continue;
            kindClass[i] = "kind-" + AppIcon.of(f.kind()).fileName();
            name[i] = DeviceText.shortName(f);
            address[i] = b.kind() == BoxKind.DEVICE ? f.address().toString() : f.address().shortText();
        }
    }
}
