package org.dmascope.views.topology;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javafx.beans.InvalidationListener;
import javafx.beans.value.ChangeListener;
import javafx.collections.ListChangeListener;
import javafx.collections.MapChangeListener;
import javafx.collections.SetChangeListener;
import javafx.css.PseudoClass;
import javafx.event.EventHandler;
import javafx.event.EventType;
import javafx.geometry.Orientation;
import javafx.scene.Cursor;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.SkinBase;
import javafx.scene.control.Tooltip;
import javafx.scene.input.DragEvent;
import javafx.scene.input.InputEvent;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Pane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Rectangle;
import javafx.scene.transform.Scale;
import javafx.scene.transform.Translate;

import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.Topology;
import org.dmascope.views.common.AppIcon;
import org.dmascope.views.topology.LayoutBox.BoxKind;

/**
 * Draws a {@link TopologyCanvas}: a clipped viewport holding the drawing under a translate and a
 * scale, scroll bars, and zoom buttons. Mouse: wheel zooms around the pointer, dragging pans, a click
 * selects (or toggles a VF group), a double click centres. Keys: {@link TopologyCanvasBehavior}.
 */
public class TopologyCanvasSkin extends SkinBase<TopologyCanvas> {
    static final PseudoClass SELECTED = PseudoClass.getPseudoClass("selected");
    static final PseudoClass MATCH = PseudoClass.getPseudoClass("match");
    static final PseudoClass EMPHASISED = PseudoClass.getPseudoClass("emphasised");
    static final PseudoClass DROP_TARGET = PseudoClass.getPseudoClass("drop-target");
    static final PseudoClass DROP_REFUSED = PseudoClass.getPseudoClass("drop-refused");
    static final PseudoClass DROP_HOVER = PseudoClass.getPseudoClass("drop-hover");
    private static final double REVEAL_MARGIN = 40;
    private static final double FIT_PADDING = 8;
    /** Centring an item zooms in to at least this, so the result is readable. */
    private static final double READABLE_ZOOM = 1.0;
    /**
     * Below 100 %, more boxes than this on screen are drawn by the far view: the software renderer draws text
     * under a scale as shapes, and a few dozen cards of it already take a frame's time.
     */
    static final int FAR_BUDGET = 60;

    private final Pane viewport = new Pane();
    private final DrawingPane drawing = new DrawingPane();
    private final Translate translate = new Translate();
    private final Scale scale = new Scale(1, 1, 0, 0);
    private final ScrollBar hbar = new ScrollBar();
    private final ScrollBar vbar = new ScrollBar();
    private final VBox zoomButtons;
    private final Label placeholder = new Label("No topology open");
    private final GroupDecorator groupDecorator = new GroupDecorator();
    private final DrawnNodes drawn = new DrawnNodes(groupDecorator, this::marksOnMade);
    private final RouteOverlay routeOverlay = new RouteOverlay();
    private final FarPalette palette = new FarPalette();
    private final FarView far = new FarView(palette, () -> {
        // the gesture may end after the skin was taken off its canvas
        if (getSkinnable() != null) getSkinnable().requestLayout();
    });
    /** The search matches, for the marks of a node made later and for the far view. */
    private final Set<TopologyItem> matches = new HashSet<>();
    private boolean farShown;

    private boolean fitPending = true;
    /** The view was fitted and the user has not zoomed or panned since: a resize fits again. */
    private boolean fitted;
    private double lastWidth;
    private double lastHeight;
    private TopologyItem pendingCentre;
    private TopologyItem cursor;
    private Double zoomPivotX;
    private Double zoomPivotY;
    private boolean updatingBars;
    private double pressX;
    private double pressY;
    private double pressTx;
    private double pressTy;
    private boolean panning;
    private Topology drawnTopology;

    private final InvalidationListener layoutListener = o -> rebuild();
    private final ChangeListener<TopologyItem> selectionListener = (obs, old, item) -> {
        mark(old, SELECTED, false);
        mark(item, SELECTED, true);
        if (item != null) cursor = item;
        // the far view's selection is a ring node: it moves, the canvas is not painted again
        if (farShown) getSkinnable().requestLayout();
    };
    private final ListChangeListener<TopologyItem> highlightListener = c -> {
        while (c.next()) {
            c.getRemoved().forEach(i -> mark(i, MATCH, false));
            c.getAddedSubList().forEach(i -> mark(i, MATCH, true));
        }
        matches.clear();
        matches.addAll(c.getList());
        stateChanged();
    };
    private final InvalidationListener groupsListener = o -> decorateGroups();
    private final ChangeListener<Number> zoomListener = (obs, old, now) -> applyZoom(old.doubleValue(),
            now.doubleValue());
    private final ChangeListener<CanvasRoute> routeListener = (obs, old, r) -> {
        routeOverlay.show(getSkinnable().getLayout(), r);
        playRoute();
    };
    private final ChangeListener<Boolean> routeFocusListener = (obs, old, f) -> routeOverlay.setRouteFocused(f);
    private final SetChangeListener<TopologyItem> emphasisListener = c -> {
        if (c.wasRemoved()) mark(c.getElementRemoved(), EMPHASISED, false);
        if (c.wasAdded()) mark(c.getElementAdded(), EMPHASISED, true);
        stateChanged();
    };
    private final MapChangeListener<TopologyItem, Boolean> dropMarkListener = c -> {
        if (c.wasRemoved()) {
            mark(c.getKey(), DROP_TARGET, false);
            mark(c.getKey(), DROP_REFUSED, false);
        }
        if (c.wasAdded()) markDrop(c.getKey(), c.getValueAdded());
        stateChanged();
    };
    private final ChangeListener<TopologyItem> dropHoverListener = (obs, old, item) -> {
        mark(old, DROP_HOVER, false);
        mark(item, DROP_HOVER, true);
        stateChanged();
    };
    private final InvalidationListener sheetsListener = o -> paletteChanged();
    private final TopologyCanvasBehavior behavior = new TopologyCanvasBehavior(this);
    private final EventHandler<KeyEvent> keyHandler = behavior::keyPressed;

    public TopologyCanvasSkin(TopologyCanvas canvas) {
        super(canvas);
        Rectangle clip = new Rectangle();
        clip.widthProperty().bind(viewport.widthProperty());
        clip.heightProperty().bind(viewport.heightProperty());
        viewport.setClip(clip);
        viewport.getStyleClass().add("viewport");
        drawing.setManaged(false);
        // Clicks and drops on empty drawing reach the far view below, or the viewport.
        drawing.setPickOnBounds(false);
        drawing.getTransforms().setAll(translate, scale);
        drawing.getChildren().setAll(drawn.content(), routeOverlay);
        far.node().setVisible(false);
        viewport.getChildren().addAll(far.node(), far.ring(), drawing);
        for (EventType<? extends InputEvent> t : List.of(MouseEvent.ANY, DragEvent.ANY)) {
            viewport.addEventFilter(t, this::pointerOverFarView);
        }

        hbar.setOrientation(Orientation.HORIZONTAL);
        vbar.setOrientation(Orientation.VERTICAL);
        hbar.setId("canvas-hbar");
        vbar.setId("canvas-vbar");
        hbar.valueProperty().addListener((o, a, v) -> barMoved());
        vbar.valueProperty().addListener((o, a, v) -> barMoved());

        zoomButtons = new VBox(4, button(AppIcon.ZOOM_IN, "zoom-in-button", "Zoom in (+)", canvas::zoomIn),
                button(AppIcon.ZOOM_OUT, "zoom-out-button", "Zoom out (−)", canvas::zoomOut),
                button(AppIcon.FIT, "fit-button", "Fit to window (F)", canvas::fit));
        zoomButtons.getStyleClass().add("zoom-buttons");
        zoomButtons.setManaged(false);
        placeholder.getStyleClass().add("placeholder");
        placeholder.setManaged(false);

        getChildren().addAll(viewport, hbar, vbar, zoomButtons, placeholder, groupDecorator.legend(), palette.probes());
        // A theme change restyles the probes' sheets too: the far view reads its colours again.
        canvas.sceneProperty().addListener((o, old, sc) -> {
            if (old != null) old.getStylesheets().removeListener(sheetsListener);
            if (sc != null) sc.getStylesheets().addListener(sheetsListener);
            paletteChanged();
        });
        if (canvas.getScene() != null) canvas.getScene().getStylesheets().addListener(sheetsListener);
        canvas.getStylesheets().addListener((ListChangeListener<String>) c -> paletteChanged());

        viewport.addEventHandler(MouseEvent.MOUSE_PRESSED, this::pressed);
        viewport.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::dragged);
        viewport.addEventHandler(MouseEvent.MOUSE_RELEASED, e -> {
            panning = false;
            viewport.setCursor(Cursor.DEFAULT);
        });
        viewport.addEventHandler(MouseEvent.MOUSE_CLICKED, this::clicked);
        viewport.addEventHandler(ScrollEvent.SCROLL, this::scrolled);
        viewport.addEventFilter(MouseEvent.MOUSE_ENTERED_TARGET, e -> {
            if (e.getTarget() instanceof Node n) CanvasNodes.installTip(n);
        });
        canvas.addEventHandler(KeyEvent.KEY_PRESSED, keyHandler);
        canvas.layoutProperty().addListener(layoutListener);
        canvas.selectedItemProperty().addListener(selectionListener);
        canvas.getHighlighted().addListener(highlightListener);
        canvas.zoomProperty().addListener(zoomListener);
        canvas.groupColouringProperty().addListener(groupsListener);
        canvas.routeProperty().addListener(routeListener);
        canvas.routeFocusedProperty().addListener(routeFocusListener);
        canvas.getEmphasised().addListener(emphasisListener);
        canvas.getDropMarks().addListener(dropMarkListener);
        canvas.dropHoverProperty().addListener(dropHoverListener);
        routeOverlay.revealedProperty().addListener((obs, old, n) -> canvas.setRouteStopsShown(n.intValue()));
        routeOverlay.setRouteFocused(canvas.routeFocusedProperty().get());
        scale.setX(canvas.getZoom());
        scale.setY(canvas.getZoom());
        rebuild();
    }

    @Override
    public void dispose() {
        TopologyCanvas canvas = getSkinnable();
        if (canvas != null) {
            canvas.removeEventHandler(KeyEvent.KEY_PRESSED, keyHandler);
            canvas.layoutProperty().removeListener(layoutListener);
            canvas.selectedItemProperty().removeListener(selectionListener);
            canvas.getHighlighted().removeListener(highlightListener);
            canvas.zoomProperty().removeListener(zoomListener);
            canvas.groupColouringProperty().removeListener(groupsListener);
            canvas.routeProperty().removeListener(routeListener);
            canvas.routeFocusedProperty().removeListener(routeFocusListener);
            canvas.getEmphasised().removeListener(emphasisListener);
            canvas.getDropMarks().removeListener(dropMarkListener);
            canvas.dropHoverProperty().removeListener(dropHoverListener);
        }
        super.dispose();
    }

    private static Button button(AppIcon icon, String id, String tip, Runnable action) {
        Button b = new Button(null, icon.graphic(18));
        b.setId(id);
        b.setTooltip(new Tooltip(tip));
        b.setFocusTraversable(false);
        b.setOnAction(e -> action.run());
        return b;
    }

    // ---- building the scene graph (only when the layout changes) ----

    private void rebuild() {
        TopologyCanvas canvas = getSkinnable();
        LayoutResult layout = canvas.getLayout();
        Topology topology = canvas.getTopology();
        if (layout == null || topology == null) {
            drawn.setLayout(null, null);
            routeOverlay.show(null, null);
            placeholder.setText("No topology open");
            placeholder.setVisible(true);
            drawnTopology = null;
            far.invalidate();
            refreshView();
            return;
        }
        placeholder.setText("This topology has no host bridges or PCI functions");
        placeholder.setVisible(layout.boxes().isEmpty());
        if (topology != drawnTopology) {
            fitPending = true;
            cursor = null;
        }
        drawnTopology = topology;
        drawn.setLayout(layout, topology);
        groupDecorator.setColouring(canvas.getGroupColouring(), true);
        routeOverlay.show(layout, canvas.getRoute());
        Rect bounds = layout.bounds();
        drawing.resize(bounds.width(), bounds.height());
        far.invalidate();
        refreshView();
        getSkinnable().requestLayout();
        updateBars();
    }

    private void decorateGroups() {
        boolean band = groupDecorator.legend().isVisible();
        groupDecorator.setColouring(getSkinnable().getGroupColouring(), getSkinnable().getLayout() != null);
        drawn.redecorate();
        stateChanged();
        if (band != groupDecorator.legend().isVisible()) getSkinnable().requestLayout();
    }

    /** Gives a node made after the marks were set the marks of its item. */
    private void marksOnMade(TopologyItem item, Node n) {
        TopologyCanvas canvas = getSkinnable();
        if (item.equals(canvas.getSelectedItem())) n.pseudoClassStateChanged(SELECTED, true);
        if (matches.contains(item)) n.pseudoClassStateChanged(MATCH, true);
        if (canvas.getEmphasised().contains(item)) n.pseudoClassStateChanged(EMPHASISED, true);
        Boolean accepts = canvas.getDropMarks().get(item);
        if (accepts != null) {
            n.pseudoClassStateChanged(DROP_TARGET, accepts);
            n.pseudoClassStateChanged(DROP_REFUSED, !accepts);
        }
        if (item.equals(canvas.dropHoverProperty().get())) n.pseudoClassStateChanged(DROP_HOVER, true);
    }

    private void mark(TopologyItem item, PseudoClass pc, boolean on) {
        if (item == null) return;
        drawn.node(item).ifPresent(n -> n.pseudoClassStateChanged(pc, on));
    }

    private void markDrop(TopologyItem item, Boolean accepts) {
        mark(item, DROP_TARGET, accepts);
        mark(item, DROP_REFUSED, !accepts);
    }

    /** Something the far view marks changed: it paints again in the next layout pass. */
    private void stateChanged() {
        far.invalidate();
        if (farShown) getSkinnable().requestLayout();
    }

    private void paletteChanged() {
        palette.invalidate();
        stateChanged();
    }

    // ---- what is drawn: nodes near the view, or the far view ----

    /**
     * Shows the drawing under the current translate and zoom: below 100 % with more than
     * {@link #FAR_BUDGET} boxes on screen the far view paints it (and keeps it through a zoom gesture, below
     * 100 %); otherwise the nodes near the view are made or shown.
     */
    private void refreshView() {
        LayoutResult layout = getSkinnable().getLayout();
        double vw = viewport.getWidth();
        double vh = viewport.getHeight();
        if (layout == null || vw <= 1 || vh <= 1) {
            showFar(false);
            return;
        }
        double s = getSkinnable().getZoom();
        Rect view = new Rect(-translate.getX() / s, -translate.getY() / s, vw / s, vh / s);
        // during a zoom gesture the far view stays until the zoom holds still or reaches 100 %
        boolean gesture = far.noteZoom(s);
        boolean farNow = s < 1 - 1e-9 && (drawn.solidIn(view) > FAR_BUDGET || gesture && farShown);
        showFar(farNow);
        if (farNow) {
            TopologyCanvas c = getSkinnable();
            far.show(layout, c.getTopology(), new FarView.State(c.getSelectedItem(), matches, c.getEmphasised(),
                    c.getDropMarks(), c.dropHoverProperty().get(), c.getGroupColouring()), translate.getX(),
                    translate.getY(), s, vw, vh);
        } else {
            drawn.show(view, Math.max(vw, vh) / 2 / s);
        }
    }

    private void showFar(boolean on) {
        if (farShown == on) return;
        farShown = on;
        far.node().setVisible(on);
        if (!on) far.ring().setVisible(false);
        drawn.content().setVisible(!on);
        if (!on) far.invalidate();
    }

    /**
     * While the far view is shown, the item under the pointer is where a click, a hover or a drop lands: it is
     * kept on the far view's canvas as the nodes keep theirs, so {@link TopologyCanvas#itemAt} answers the same.
     */
    private void pointerOverFarView(InputEvent e) {
        if (!farShown) return;
        double x;
        double y;
        if (e instanceof MouseEvent m) {
            x = m.getX();
            y = m.getY();
        } else if (e instanceof DragEvent d) {
            x = d.getX();
            y = d.getY();
        } else {
            return;
        }
        LayoutResult layout = getSkinnable().getLayout();
        double s = getSkinnable().getZoom();
        Map<Object, Object> props = far.node().getProperties();
        props.remove(CanvasNodes.ITEM);
        props.remove(CanvasNodes.VF_TOGGLE);
        if (layout == null) return;
        double dx = (x - translate.getX()) / s;
        double dy = (y - translate.getY()) / s;
        hitAt(layout, dx, dy).ifPresent(b -> {
            if (b.kind() == BoxKind.VF_GROUP) props.put(CanvasNodes.VF_TOGGLE, b.owner().orElseThrow());
            else props.put(CanvasNodes.ITEM, b.item().orElseThrow());
        });
    }

    /** The box a click at drawing point (x, y) lands on: cards above frames, as the nodes stack. */
    static Optional<LayoutBox> hitAt(LayoutResult layout, double x, double y) {
        List<LayoutBox> boxes = layout.boxes();
        LayoutBox frame = null;
        for (int i = boxes.size() - 1; i >= 0; i--) {
            LayoutBox b = boxes.get(i);
            Rect r = b.bounds();
            if (x < r.x() || x > r.maxX() || y < r.y() || y > r.maxY()) continue;
            if (b.kind() == BoxKind.VF_GROUP) {
                // a collapsed group is a chip; an expanded one toggles on its header only
                if (!b.expanded() || y <= r.y() + TopologyLayout.VF_HEADER) return Optional.of(b);
                continue;
            }
            if (!b.kind().isFrame() && b.item().isPresent()) return Optional.of(b);
            if (frame == null && b.item().isPresent()) frame = b;
        }
        return Optional.ofNullable(frame);
    }

    /** Reveals the route hop by hop. */
    void playRoute() {
        routeOverlay.play(getSkinnable().routeSpeedProperty().get());
    }

    /** The drawn node of an item, for tests and tooling. */
    public Optional<Node> nodeOf(TopologyItem item) {
        return drawn.node(item);
    }

    /** Whether the far view draws the topology now (rather than nodes); for tests and the harness. */
    public boolean farViewShown() {
        return farShown;
    }

    /** Whether the far view holds a quick paint of a zoom gesture's step (no text, square corners); for tests. */
    boolean farViewQuick() {
        return far.quick();
    }

    // ---- layout of the skin itself ----

    @Override
    protected void layoutChildren(double x, double y, double w, double h) {
        // The group legend is a band above the drawing, so it never hides part of the machine.
        double band = legendBand(w);
        groupDecorator.legend().resizeRelocate(x, y, w, band);
        y += band;
        h -= band;
        double bw = vbar.isVisible() ? vbar.prefWidth(-1) : 0;
        double bh = hbar.isVisible() ? hbar.prefHeight(-1) : 0;
        double vw = Math.max(0, w - bw);
        double vh = Math.max(0, h - bh);
        viewport.resizeRelocate(x, y, vw, vh);
        hbar.resizeRelocate(x, y + vh, vw, bh);
        vbar.resizeRelocate(x + vw, y, bw, vh);
        zoomButtons.autosize();
        zoomButtons.relocate(x + vw - zoomButtons.getWidth() - 10, y + vh - zoomButtons.getHeight() - 10);
        placeholder.autosize();
        placeholder.relocate(x + (vw - placeholder.getWidth()) / 2, y + (vh - placeholder.getHeight()) / 2);
        drawing.layout();
        boolean resized = Math.abs(w - lastWidth) > 0.5 || Math.abs(h - lastHeight) > 0.5;
        lastWidth = w;
        lastHeight = h;
        if (vw > 1 && vh > 1) {
            if (fitted && resized) fitPending = true;
            if (fitPending) {
                fitPending = false;
                fit();
            }
            if (pendingCentre != null) {
                TopologyItem item = pendingCentre;
                pendingCentre = null;
                centreOn(item);
            }
            clampAndApply();
        }
    }

    private double legendBand(double width) {
        Label legend = groupDecorator.legend();
        return legend.isVisible() ? Math.ceil(legend.prefHeight(width)) : 0;
    }

    @Override
    protected double computePrefWidth(double height, double top, double right, double bottom, double left) {
        return 800;
    }

    @Override
    protected double computePrefHeight(double width, double top, double right, double bottom, double left) {
        return 600;
    }

    @Override
    protected double computeMinWidth(double height, double top, double right, double bottom, double left) {
        return 200;
    }

    /**
     * Room for the zoom buttons: after a drop the topology and its search bar give way down to 140 px, and a
     * taller minimum here overflowed that and clipped the search bar.
     */
    @Override
    protected double computeMinHeight(double width, double top, double right, double bottom, double left) {
        return 100;
    }

    // ---- geometry ----

    private Rect drawingBounds() {
        LayoutResult l = getSkinnable().getLayout();
        return l == null ? new Rect(0, 0, 1, 1) : l.bounds();
    }

    /** Fits into the whole area: a fitted drawing needs no scroll bars, so their room counts too. */
    void fit() {
        TopologyCanvas c = getSkinnable();
        double vw = c.getWidth() - snappedLeftInset() - snappedRightInset();
        double vh = c.getHeight() - snappedTopInset() - snappedBottomInset() - legendBand(vw);
        if (vw <= 1 || vh <= 1) {
            fitPending = true;
            return;
        }
        Rect b = drawingBounds();
        double s = Math.min(1.0, Math.min((vw - 2 * FIT_PADDING) / b.width(), (vh - 2 * FIT_PADDING) / b.height()));
        setZoomQuietly(s);
        s = c.getZoom();
        translate.setX((vw - b.width() * s) / 2);
        translate.setY((vh - b.height() * s) / 2);
        scale.setX(s);
        scale.setY(s);
        if (hbar.isVisible() || vbar.isVisible()) {
            hbar.setVisible(false);
            vbar.setVisible(false);
            c.requestLayout();
        }
        updateBars();
        fitted = true;
    }

    void zoomAroundCentre(double factor) {
        fitted = false;
        zoomAround(viewport.getWidth() / 2, viewport.getHeight() / 2, getSkinnable().getZoom() * factor);
    }

    private void zoomAround(double px, double py, double zoom) {
        zoomPivotX = px;
        zoomPivotY = py;
        try {
            getSkinnable().setZoom(zoom);
        } finally {
            zoomPivotX = null;
            zoomPivotY = null;
        }
    }

    /** Keeps the drawing point under the pivot (the pointer, or the viewport centre) in place. */
    private void applyZoom(double old, double now) {
        fitted = false;
        double px = zoomPivotX != null ? zoomPivotX : viewport.getWidth() / 2;
        double py = zoomPivotY != null ? zoomPivotY : viewport.getHeight() / 2;
        double cx = (px - translate.getX()) / old;
        double cy = (py - translate.getY()) / old;
        translate.setX(px - cx * now);
        translate.setY(py - cy * now);
        clampAndApply();
    }

    private void setZoomQuietly(double zoom) {
        getSkinnable().zoomProperty().removeListener(zoomListener);
        try {
            getSkinnable().setZoom(zoom);
        } finally {
            getSkinnable().zoomProperty().addListener(zoomListener);
        }
    }

    void centreOn(TopologyItem item) {
        Optional<LayoutBox> box = Optional.ofNullable(getSkinnable().getLayout()).flatMap(l -> l.box(item));
        if (box.isEmpty()) return;
        double vw = viewport.getWidth();
        double vh = viewport.getHeight();
        if (vw <= 1 || vh <= 1 || fitPending) {
            pendingCentre = item;
            getSkinnable().requestLayout();
            return;
        }
        fitted = false;
        if (getSkinnable().getZoom() < READABLE_ZOOM) setZoomQuietly(READABLE_ZOOM);
        double s = getSkinnable().getZoom();
        Rect r = box.get().bounds();
        translate.setX(vw / 2 - r.centerX() * s);
        translate.setY(vh / 2 - r.centerY() * s);
        // Scroll bars that appear or vanish resize the viewport: centre again once it is laid out.
        if (clampAndApply()) pendingCentre = item;
    }

    /** Pans just enough to show the item with a margin. */
    void scrollIntoView(TopologyItem item) {
        Optional<LayoutBox> box = Optional.ofNullable(getSkinnable().getLayout()).flatMap(l -> l.box(item));
        if (box.isEmpty()) return;
        double s = getSkinnable().getZoom();
        Rect r = box.get().bounds();
        double vw = viewport.getWidth();
        double vh = viewport.getHeight();
        double left = translate.getX() + r.x() * s;
        double right = translate.getX() + r.maxX() * s;
        double top = translate.getY() + r.y() * s;
        double bottom = translate.getY() + r.maxY() * s;
        double m = Math.min(REVEAL_MARGIN, Math.max(0, (vw - (right - left)) / 2));
        if (left < m) translate.setX(translate.getX() + m - left);
        else if (right > vw - m) translate.setX(translate.getX() - (right - (vw - m)));
        double mv = Math.min(REVEAL_MARGIN, Math.max(0, (vh - (bottom - top)) / 2));
        double tx = translate.getX();
        if (top < mv) translate.setY(translate.getY() + mv - top);
        else if (bottom > vh - mv) translate.setY(translate.getY() - (bottom - (vh - mv)));
        if (tx != translate.getX() || top < mv || bottom > vh - mv) fitted = false;
        clampAndApply();
    }

    void panBy(double dx, double dy) {
        fitted = false;
        translate.setX(translate.getX() + dx);
        translate.setY(translate.getY() + dy);
        clampAndApply();
    }

    /**
     * Lets the drawing move until its edge reaches the viewport centre, so any point of it can be
     * centred; then applies the scale and updates the scroll bars.
     */
    private boolean clampAndApply() {
        double s = getSkinnable().getZoom();
        scale.setX(s);
        scale.setY(s);
        Rect b = drawingBounds();
        double vw = viewport.getWidth();
        double vh = viewport.getHeight();
        translate.setX(clamp(translate.getX(), vw / 2 - b.width() * s, vw / 2));
        translate.setY(clamp(translate.getY(), vh / 2 - b.height() * s, vh / 2));
        boolean barsChanged = updateBars();
        refreshView();
        return barsChanged;
    }

    private static double clamp(double v, double min, double max) {
        return min > max ? (min + max) / 2 : Math.max(min, Math.min(max, v));
    }

    /** Returns true when a scroll bar appeared or vanished (the viewport will change size). */
    private boolean updateBars() {
        double s = getSkinnable().getZoom();
        Rect b = drawingBounds();
        double vw = viewport.getWidth();
        double vh = viewport.getHeight();
        updatingBars = true;
        try {
            configure(hbar, vw, b.width() * s, -translate.getX());
            configure(vbar, vh, b.height() * s, -translate.getY());
        } finally {
            updatingBars = false;
        }
        boolean h = b.width() * s > vw + 1;
        boolean v = b.height() * s > vh + 1;
        if (hbar.isVisible() != h || vbar.isVisible() != v) {
            hbar.setVisible(h);
            vbar.setVisible(v);
            getSkinnable().requestLayout();
            return true;
        }
        return false;
    }

    private static void configure(ScrollBar bar, double view, double content, double value) {
        double min = -view / 2;
        double max = Math.max(min + 1, content - view / 2);
        bar.setMin(min);
        bar.setMax(max);
        bar.setVisibleAmount(Math.max(1, view * (max - min) / Math.max(content + view, 1)));
        bar.setUnitIncrement(TopologyCanvasBehavior.PAN_STEP / 2);
        bar.setBlockIncrement(view * 0.8);
        bar.setValue(clamp(value, min, max));
    }

    private void barMoved() {
        if (updatingBars) return;
        fitted = false;
        translate.setX(-hbar.getValue());
        translate.setY(-vbar.getValue());
        clampAndApply();
    }

    // ---- mouse ----

    private void pressed(MouseEvent e) {
        getSkinnable().requestFocus();
        pressX = e.getX();
        pressY = e.getY();
        pressTx = translate.getX();
        pressTy = translate.getY();
        panning = false;
    }

    private void dragged(MouseEvent e) {
        if (e.getButton() != MouseButton.PRIMARY && e.getButton() != MouseButton.MIDDLE) return;
        double dx = e.getX() - pressX;
        double dy = e.getY() - pressY;
        if (!panning && Math.hypot(dx, dy) < 3) return;
        panning = true;
        fitted = false;
        viewport.setCursor(Cursor.CLOSED_HAND);
        translate.setX(pressTx + dx);
        translate.setY(pressTy + dy);
        clampAndApply();
    }

    private void clicked(MouseEvent e) {
        if (e.getButton() != MouseButton.PRIMARY || !e.isStillSincePress()) return;
        TopologyCanvas canvas = getSkinnable();
        for (Node n = e.getPickResult().getIntersectedNode(); n != null && n != viewport; n = n.getParent()) {
            Object toggle = n.getProperties().get(CanvasNodes.VF_TOGGLE);
            if (toggle instanceof Bdf pf) {
                canvas.toggleVfs(pf);
                return;
            }
            Object item = n.getProperties().get(CanvasNodes.ITEM);
            if (item instanceof TopologyItem i) {
                canvas.setSelectedItem(i);
                if (e.getClickCount() == 2) centreOn(i);
                return;
            }
        }
        canvas.setSelectedItem(null);
    }

    private void scrolled(ScrollEvent e) {
        if (e.getDeltaY() == 0) return;
        double factor = Math.pow(1.0015, e.getDeltaY());
        zoomAround(e.getX(), e.getY(), getSkinnable().getZoom() * factor);
        e.consume();
    }

    // ---- for the keyboard behaviour ----

    double viewportHeight() {
        return viewport.getHeight();
    }

    TopologyItem cursor() {
        return cursor;
    }

    /** Selects an item, remembers it as where the keyboard is, and pans it into view. */
    void selectAndShow(TopologyItem item) {
        cursor = item;
        getSkinnable().setSelectedItem(item);
        scrollIntoView(item);
    }
}
