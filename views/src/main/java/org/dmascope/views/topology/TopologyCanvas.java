package org.dmascope.views.topology;

import java.util.Optional;
import java.util.function.Predicate;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;
import javafx.collections.ObservableSet;
import javafx.collections.SetChangeListener;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Control;
import javafx.scene.control.Skin;

import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.Topology;
import org.dmascope.views.common.Resources;

/**
 * A zoomable, pannable drawing of a topology: NUMA nodes, host bridges, root ports, switches drawn
 * as one box with their ports, endpoints with kind icons, VFs under their PF, links labelled with
 * speed and width. Every drawn item is a node with the id of its {@link TopologyItem}, so CSS and
 * {@code lookup("#device-0000-03-00-0")} reach it. The layout is recomputed only when the topology or
 * the VF expansion changes; selection and search highlights only flip pseudo-classes.
 */
public class TopologyCanvas extends Control {
    public static final String STYLE_CLASS = "topology-canvas";
    public static final double MIN_ZOOM = 0.1;
    public static final double MAX_ZOOM = 4.0;
    public static final double ZOOM_STEP = 1.25;
    private static final String STYLESHEET = Resources.stylesheet(TopologyCanvas.class, "topology-canvas.css");
    /** The IOMMU group colouring, a sheet of its own: a palette and rules that only apply while it is on. */
    private static final String GROUPS_STYLESHEET = Resources.stylesheet(TopologyCanvas.class, "topology-groups.css");

    private final ObjectProperty<Topology> topology = new SimpleObjectProperty<>(this, "topology");
    private final ObjectProperty<TopologyItem> selectedItem = new SimpleObjectProperty<>(this, "selectedItem");
    private final ObservableList<TopologyItem> highlighted = FXCollections.observableArrayList();
    private final ObservableSet<Bdf> toggledVfGroups = FXCollections.observableSet();
    private final DoubleProperty zoom = new SimpleDoubleProperty(this, "zoom", 1.0) {
        @Override
        public void set(double v) {
            super.set(Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, v)));
        }
    };
    private final ObjectProperty<GroupColouring> groupColouring = new SimpleObjectProperty<>(this, "groupColouring");
    private final ReadOnlyObjectWrapper<LayoutResult> layout = new ReadOnlyObjectWrapper<>(this, "layout");
    private final ObjectProperty<CanvasRoute> route = new SimpleObjectProperty<>(this, "route");
    private final BooleanProperty routeFocused = new SimpleBooleanProperty(this, "routeFocused");
    private final ReadOnlyIntegerWrapper routeStopsShown = new ReadOnlyIntegerWrapper(this, "routeStopsShown");
    private final ObservableSet<TopologyItem> emphasised = FXCollections.observableSet();
    private final ObservableMap<TopologyItem, Boolean> dropMarks = FXCollections.observableHashMap();
    private final ObjectProperty<TopologyItem> dropHover = new SimpleObjectProperty<>(this, "dropHover");
    private final DoubleProperty routeSpeed = new SimpleDoubleProperty(this, "routeSpeed", 1.0);

    public TopologyCanvas() {
        getStyleClass().add(STYLE_CLASS);
        getStylesheets().add(GROUPS_STYLESHEET);
        setFocusTraversable(true);
        topology.addListener((obs, old, t) -> {
            defaultExpansion = t == null ? pf -> false : TopologyLayout.expandedByDefault(t);
            toggledVfGroups.clear();
            relayout();
        });
        toggledVfGroups.addListener((SetChangeListener<Bdf>) c -> relayout());
        // Only the cards near the view exist as nodes (and none in the far view), so a screen reader hears the
        // canvas itself describe the selected item, wherever it is.
        setAccessibleRoleDescription("PCI topology");
        selectedItem.addListener((obs, old, item) -> setAccessibleText(describe(item)));
        topology.addListener((obs, old, t) -> setAccessibleText(describe(getSelectedItem())));
        setAccessibleText(describe(null));
    }

    /** What a screen reader says for the canvas: the selected item, or how to select one. */
    String describe(TopologyItem item) {
        Topology t = topology.get();
        if (t == null) return "No topology open";
        if (item == null) return t.functions().size() + " PCI functions; none selected (Tab selects one)";
        if (item instanceof TopologyItem.Device d) {
            return t.function(d.address()).map(f -> "Selected: " + DeviceText.fullName(f) + ", " + f.address() + ", "
                    + DeviceText.detail(f)).orElse("Selected: " + d.address());
        }
        if (item instanceof TopologyItem.Host h) return "Selected: host bridge " + h.id();
        return "Selected: " + DeviceText.numaTitle(((TopologyItem.Numa) item).id());
    }

    /** Which PFs show their VFs unless toggled, for the topology shown (counted once per topology). */
    private Predicate<Bdf> defaultExpansion = pf -> false;

    private void relayout() {
        Topology t = topology.get();
        layout.set(t == null ? null : TopologyLayout.compute(t, this::vfsExpanded));
    }

    /** A PF shows its VFs when it has few of them, unless the user toggled it. */
    public boolean vfsExpanded(Bdf pf) {
        return defaultExpansion.test(pf) != toggledVfGroups.contains(pf);
    }

    /** Shows or hides the VFs of a PF. */
    public void toggleVfs(Bdf pf) {
        if (!toggledVfGroups.remove(pf)) toggledVfGroups.add(pf);
    }

    @Override
    protected Skin<?> createDefaultSkin() {
        return new TopologyCanvasSkin(this);
    }

    @Override
    public String getUserAgentStylesheet() {
        return STYLESHEET;
    }

    // ---- Properties ----

    public final ObjectProperty<Topology> topologyProperty() {
        return topology;
    }

    public final Topology getTopology() {
        return topology.get();
    }

    public final void setTopology(Topology t) {
        topology.set(t);
    }

    /** The selected device, host bridge or NUMA node; null for none. */
    public final ObjectProperty<TopologyItem> selectedItemProperty() {
        return selectedItem;
    }

    public final TopologyItem getSelectedItem() {
        return selectedItem.get();
    }

    public final void setSelectedItem(TopologyItem item) {
        selectedItem.set(item);
    }

    /** Items marked as search matches. */
    public final ObservableList<TopologyItem> getHighlighted() {
        return highlighted;
    }

    /** Scale of the drawing, {@value #MIN_ZOOM}–{@value #MAX_ZOOM}; 1 is 100 %. */
    public final DoubleProperty zoomProperty() {
        return zoom;
    }

    public final double getZoom() {
        return zoom.get();
    }

    public final void setZoom(double v) {
        zoom.set(v);
    }

    /** Colours functions by IOMMU group when set; null draws them in their normal colours. */
    public final ObjectProperty<GroupColouring> groupColouringProperty() {
        return groupColouring;
    }

    public final GroupColouring getGroupColouring() {
        return groupColouring.get();
    }

    public final void setGroupColouring(GroupColouring c) {
        groupColouring.set(c);
    }

    /** The current layout, recomputed when the topology or a VF group's expansion changes. */
    public final ReadOnlyObjectProperty<LayoutResult> layoutProperty() {
        return layout.getReadOnlyProperty();
    }

    public final LayoutResult getLayout() {
        return layout.get();
    }

    /** The route drawn over the topology; setting one animates it hop by hop. */
    public final ObjectProperty<CanvasRoute> routeProperty() {
        return route;
    }

    public final CanvasRoute getRoute() {
        return route.get();
    }

    public final void setRoute(CanvasRoute r) {
        route.set(r);
    }

    /** The route is what the user is looking at (its step is selected): drawn stronger. */
    public final BooleanProperty routeFocusedProperty() {
        return routeFocused;
    }

    /** Stops of the route drawn so far: grows while it animates, all of them when it is done. */
    public final ReadOnlyIntegerProperty routeStopsShownProperty() {
        return routeStopsShown.getReadOnlyProperty();
    }

    void setRouteStopsShown(int n) {
        routeStopsShown.set(n);
    }

    /** Items a translation step touched, drawn with a ring. */
    public final ObservableSet<TopologyItem> getEmphasised() {
        return emphasised;
    }

    /**
     * While a buffer is dragged: each item that accepts it ({@code true}) or refuses it
     * ({@code false}); items not in the map are drawn as usual.
     */
    public final ObservableMap<TopologyItem, Boolean> getDropMarks() {
        return dropMarks;
    }

    /** The item under a dragged buffer. */
    public final ObjectProperty<TopologyItem> dropHoverProperty() {
        return dropHover;
    }

    /** The item drawn by {@code picked} or by the nearest of its parents that draws one. */
    public static Optional<TopologyItem> itemAt(Node picked) {
        for (Node n = picked; n != null; n = n.getParent()) {
            Object item = n.getProperties().get(CanvasNodes.ITEM);
            if (item instanceof TopologyItem i) return Optional.of(i);
            if (n instanceof TopologyCanvas) return Optional.empty();
        }
        return Optional.empty();
    }

    // ---- Commands (the skin does the geometry) ----

    /** How fast the route is drawn hop by hop: 1 normal, 0.5 half as fast (presenting), 2 twice as fast. */
    public final DoubleProperty routeSpeedProperty() {
        return routeSpeed;
    }

    /** Draws the route again, hop by hop. */
    public void replayRoute() {
        skin().ifPresent(TopologyCanvasSkin::playRoute);
    }

    public void zoomIn() {
        skin().ifPresent(s -> s.zoomAroundCentre(ZOOM_STEP));
    }

    public void zoomOut() {
        skin().ifPresent(s -> s.zoomAroundCentre(1 / ZOOM_STEP));
    }

    /** Scales the whole drawing to the window (at most 100 %) and centres it. */
    public void fit() {
        skin().ifPresent(TopologyCanvasSkin::fit);
    }

    /**
     * Selects an item and centres it at a readable zoom, first expanding its PF's VF group if the item
     * is a hidden VF.
     */
    public void reveal(TopologyItem item) {
        if (item instanceof TopologyItem.Device d && getLayout() != null) {
            Bdf pf = getLayout().hiddenVfs().get(d.address());
            if (pf != null) toggleVfs(pf);
        }
        setSelectedItem(item);
        skin().ifPresent(s -> s.centreOn(item));
    }

    /**
     * The part of the drawing the viewport shows now, in layout coordinates (zoom 1), for File ▸ Export
     * Picture's "visible part"; empty before the canvas is laid out or when it shows no drawing.
     */
    public Optional<Rect> visibleArea() {
        Node viewport = lookup(".viewport");
        Node drawing = lookup(".drawing");
        if (viewport == null || drawing == null || getLayout() == null || getScene() == null) return Optional.empty();
        Bounds shown = drawing.sceneToLocal(viewport.localToScene(viewport.getLayoutBounds()));
        if (shown == null || shown.getWidth() < 1 || shown.getHeight() < 1) return Optional.empty();
        Rect all = getLayout().bounds();
        double x = Math.max(all.x(), shown.getMinX());
        double y = Math.max(all.y(), shown.getMinY());
        double maxX = Math.min(all.maxX(), shown.getMaxX());
        double maxY = Math.min(all.maxY(), shown.getMaxY());
        if (maxX - x < 1 || maxY - y < 1) return Optional.empty();
        return Optional.of(new Rect(x, y, maxX - x, maxY - y));
    }

    private Optional<TopologyCanvasSkin> skin() {
        return getSkin() instanceof TopologyCanvasSkin s ? Optional.of(s) : Optional.empty();
    }
}
