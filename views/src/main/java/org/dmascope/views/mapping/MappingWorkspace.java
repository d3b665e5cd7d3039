package org.dmascope.views.mapping;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ChangeListener;
import javafx.geometry.Orientation;
import javafx.geometry.Point2D;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.input.DragEvent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

import org.dmascope.model.mapping.Mapping;
import org.dmascope.model.mapping.Step;
import org.dmascope.model.mapping.StepKind;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.Topology;
import org.dmascope.views.common.Resources;
import org.dmascope.views.topology.DeviceText;
import org.dmascope.views.topology.LayoutBox;
import org.dmascope.views.topology.LayoutResult;
import org.dmascope.views.topology.TopologyCanvas;
import org.dmascope.views.topology.TopologyItem;
import org.dmascope.views.topology.TopologyView;

/**
 * The core interaction: buffer chips above the topology, the verdict, the options and the mapping
 * details below it. Dragging a chip marks every device that can take it and says why the others
 * cannot; dropping it maps the buffer off the FX thread and draws its route hop by hop. The same works
 * from the keyboard: Enter on a chip, the arrows to a device, Enter.
 */
public final class MappingWorkspace extends BorderPane {
    public static final String STYLE_CLASS = "mapping-workspace";
    public static final String SPLIT_ID = "mapping-split";
    public static final String DRAG_HINT_ID = "drag-hint";
    public static final String TOAST_ID = "mapping-toast";
    public static final String FIRST_RUN_HINT_ID = "first-run-hint";
    public static final String FIRST_RUN_CLOSE_ID = "first-run-hint-close";
    static final String FIRST_RUN_TEXT = "New here? Drag a buffer chip (above) onto a device to see what the Linux "
            + "kernel does with its DMA: the route, the steps, the scatter list. Ctrl+B does it from the keyboard; "
            + "F1 lists every key.";
    static final String STYLESHEET = Resources.stylesheet(MappingWorkspace.class, "mapping-view.css");
    private static final Duration TOAST_TIME = Duration.seconds(7);
    /** Before the first drop the machine gets this at least, even in the smallest window. */
    private static final double TOPOLOGY_MIN_HEIGHT = 350;
    /** After a drop the details may take more: the topology keeps this, enough to follow the route on it. */
    private static final double TOPOLOGY_MIN_AFTER_DROP = 140;
    /**
     * What the details need below the verdict and the options after a drop: the tabs' header, and in the
     * scatter list its header, two rows of column headers, ten rows of 24 px and the two lines of totals
     * (the steps need less for five steps).
     */
    public static final double DETAILS_ROOM = 400;

    private final TopologyView topologyView;
    private final TopologyCanvas canvas;
    private final MappingViewModel model;
    private final BufferStrip strip;
    /**
     * Under the machine: the verdict, the mapping's options and the result tabs, made when first needed (start-up
     * time: making them costs ~70 ms of cold code the window's first frame does not wait for; the window asks for
     * them right after that frame, {@link #showLowerArea}).
     */
    private LowerPanels panels;
    private final SplitPane split;
    /** Where the lower panels go. */
    private final VBox lower = new VBox();
    private final StackPane topArea;
    private final Label dragHint = new Label();
    private final Label toast = new Label();
    private final HBox firstRunHint = new HBox(10);
    private Runnable firstRunDone;
    private final PauseTransition toastTimer = new PauseTransition(TOAST_TIME);
    private BufferSource dragging;
    private Runnable pendingPaint;

    private final ChangeListener<org.dmascope.views.topology.CanvasRoute> routeListener = (o, a, r) -> canvasRoute(r);
    /** A route a design draws instead of the mapping's (the Designs tab's bounce through host memory). */
    private final ObjectProperty<org.dmascope.views.topology.CanvasRoute> designRoute = new SimpleObjectProperty<>(
            this, "designRoute");
    private final ChangeListener<Set<TopologyItem>> focusListener = (o, a, f) -> canvasFocus(f);
    private final ChangeListener<Step> stepListener = (o, a, s) -> stepChanged(s);
    private final ChangeListener<MappingViewModel.Timing> timingListener = (o, a, t) -> awaitPaint();
    private final ChangeListener<Messages.Message> messageListener = (o, a, m) -> {
        if (m != null) showToast(m.text(), m.problem());
    };
    /** A mapping that ends without a new route (refused, cancelled) brings back the shown result's. */
    private final ChangeListener<Boolean> runningListener = (o, a, r) -> mappingEnded(r);
    private final ChangeListener<Boolean> armedListener = (o, a, armed) -> armedChanged(armed);
    private final ChangeListener<TopologyItem> selectionListener = (o, a, item) -> selectionChanged();
    private boolean roomPending;
    private double detailsRoom = DETAILS_ROOM;
    private final ChangeListener<DropRequest> dropListener = (o, a, d) -> dropped(d);
    private final ChangeListener<Mapping> mappingListener = (o, a, m) -> {
        if (m != null && roomPending) {
            roomPending = false;
            Platform.runLater(this::makeRoomForDetails);
        }
    };
    private final ChangeListener<Topology> topologyListener = (o, a, t) -> {
        clearDropMarks();
        hideToast();
    };

    public MappingWorkspace(TopologyView topologyView, MappingViewModel model) {
        this.topologyView = topologyView;
        this.canvas = topologyView.canvas();
        this.model = model;
        getStyleClass().add(STYLE_CLASS);
        getStylesheets().add(STYLESHEET);
        strip = new BufferStrip(model, new StripListener(), List.of(STYLESHEET));
        // The first-run hint is a strip of its own under the chips: it covers nothing while it shows.
        setTop(new VBox(strip, firstRunHint));
        dragHint.setId(DRAG_HINT_ID);
        dragHint.getStyleClass().add("drag-hint");
        dragHint.setManaged(false);
        dragHint.setVisible(false);
        dragHint.setMouseTransparent(true);
        toast.setId(TOAST_ID);
        toast.getStyleClass().add("mapping-toast");
        toast.setVisible(false);
        toast.setMouseTransparent(true);
        toast.setWrapText(true);
        toast.setMaxWidth(640);
        StackPane.setAlignment(toast, Pos.TOP_CENTER);
        StackPane.setMargin(toast, new javafx.geometry.Insets(52, 20, 0, 20));
        topArea = new StackPane(topologyView, toast, dragHint);
        StackPane top = topArea;
        firstRunHint.setVisible(false);
        firstRunHint.setManaged(false);
        // The machine stays readable on the smallest window: the details give way first.
        top.setMinHeight(TOPOLOGY_MIN_HEIGHT);
        lower.getStyleClass().add("mapping-lower");
        lower.setMinHeight(140);
        split = new SplitPane(top, lower);
        split.setId(SPLIT_ID);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.55);
        setCenter(split);
        toastTimer.setOnFinished(e -> hideToast());
        initListeners();
        canvasRoute(model.routeProperty().get());
    }

    private void initListeners() {
        model.routeProperty().addListener(routeListener);
        designRoute.addListener((o, a, r) -> canvasRoute(model.routeProperty().get()));
        model.player().focusProperty().addListener(focusListener);
        model.player().selectedStepProperty().addListener(stepListener);
        model.timingProperty().addListener(timingListener);
        model.messageProperty().addListener(messageListener);
        model.armedProperty().addListener(armedListener);
        model.runningProperty().addListener(runningListener);
        model.topologyProperty().addListener(topologyListener);
        model.lastDropProperty().addListener(dropListener);
        model.mappingProperty().addListener(mappingListener);
        canvas.selectedItemProperty().addListener(selectionListener);
        canvas.addEventHandler(DragEvent.DRAG_OVER, this::dragOver);
        canvas.addEventHandler(DragEvent.DRAG_EXITED, e -> {
            if (dragging != null) {
                canvas.dropHoverProperty().set(null);
                dragHint.setVisible(false);
            }
        });
        canvas.addEventHandler(DragEvent.DRAG_DROPPED, this::dragDropped);
        canvas.addEventFilter(KeyEvent.KEY_PRESSED, this::canvasKey);
    }

    /** Stops listening to the view model and the canvas, which outlive this view. */
    public void dispose() {
        model.routeProperty().removeListener(routeListener);
        model.player().focusProperty().removeListener(focusListener);
        model.player().selectedStepProperty().removeListener(stepListener);
        model.timingProperty().removeListener(timingListener);
        model.messageProperty().removeListener(messageListener);
        model.armedProperty().removeListener(armedListener);
        model.runningProperty().removeListener(runningListener);
        model.topologyProperty().removeListener(topologyListener);
        model.lastDropProperty().removeListener(dropListener);
        model.mappingProperty().removeListener(mappingListener);
        canvas.selectedItemProperty().removeListener(selectionListener);
        strip.dispose();
        if (panels != null) panels.dispose();
        toastTimer.stop();
    }

    // ---- for the window and its menus ----

    public MappingViewModel model() {
        return model;
    }

    /**
     * A route drawn on the canvas in place of the mapping's while it is set (the app binds the Designs tab's
     * route here); null gives the canvas back the mapping's route.
     */
    public ObjectProperty<org.dmascope.views.topology.CanvasRoute> designRouteProperty() {
        return designRoute;
    }

    /** The tabs below the topology; the app puts the scatter list and page walk into them. */
    public MappingDetailsView details() {
        return panels().details();
    }

    public TopologyView topologyView() {
        return topologyView;
    }

    /**
     * The area under the machine, holding the verdict, the mapping's options and the result tabs (the window holds
     * them back from its first frame: start-up time).
     */
    public Pane lowerArea() {
        return lower;
    }

    /** Puts the verdict, the options and the result tabs into {@link #lowerArea()}, unless they are there. */
    public void showLowerArea() {
        panels();
    }

    private LowerPanels panels() {
        if (panels == null) {
            panels = new LowerPanels(new VerdictBanner(model, this::replayRoute), new OptionsBar(model),
                    new MappingDetailsView(model));
            VBox.setVgrow(panels.details(), Priority.ALWAYS);
            lower.getChildren().setAll(panels.banner(), panels.options(), panels.details());
        }
        return panels;
    }

    private record LowerPanels(VerdictBanner banner, OptionsBar options, MappingDetailsView details) {
        void dispose() {
            banner.dispose();
            options.dispose();
            details.dispose();
        }
    }

    /** Maps the selected buffer for the device selected on the canvas; without one, asks for it. */
    public void mapSelectedBufferOntoSelectedDevice() {
        TopologyItem item = canvas.getSelectedItem();
        if (item instanceof TopologyItem.Device d) {
            model.mapSelected(d.address());
        } else {
            model.arm();
            canvas.requestFocus();
        }
    }

    /**
     * How much height the details ask for after a drop ({@link #DETAILS_ROOM} unless set): presenter mode
     * asks for less, so the machine keeps the room on a projector.
     */
    public void setDetailsRoom(double room) {
        detailsRoom = room;
    }

    /**
     * A drop played for an audience (a lesson): the chip is chosen, the devices that can take it are
     * marked and the target is selected and hovered as under a dragged chip, with the drag's
     * words; after {@code pause} the buffer is dropped through the same path a drop takes.
     *
     * @param dropped told whether the model took the drop ({@link MappingViewModel#drop})
     */
    public void playDrop(BufferSource source, Bdf initiator, Duration pause, Consumer<Boolean>
            dropped) {
        model.selectedSourceProperty().set(source);
        TopologyItem target = TopologyItem.device(initiator);
        markDropTargets(source);
        // Selected, not revealed: revealing zooms onto the device, and the class should see the whole route.
        canvas.setSelectedItem(target);
        canvas.dropHoverProperty().set(target);
        showToast("Dropping " + model.settingsOf(source).summary(source) + " of " + source.title() + " on "
                + name(target), false);
        PauseTransition wait = new PauseTransition(pause.lessThanOrEqualTo(Duration.ZERO) ? Duration.ONE : pause);
        wait.setOnFinished(e -> {
            clearDropMarks();
            hideToast();
            dropped.accept(model.drop(source, initiator));
        });
        wait.play();
    }

    /**
     * After a new drop, the details get the height of ten scatter-list rows and five steps if the
     * divider left them less: the topology gives way down to {@link #TOPOLOGY_MIN_AFTER_DROP}. A divider
     * the user put lower than that stays where it is.
     */
    void makeRoomForDetails() {
        topArea.setMinHeight(TOPOLOGY_MIN_AFTER_DROP);
        double total = split.getHeight();
        if (total <= 0) return;
        // The heights they have with the new verdict laid out (prefHeight of wrapping text overestimates).
        split.applyCss();
        split.layout();
        LowerPanels p = panels();
        double needed = p.banner().getHeight() + p.options().getHeight() + detailsRoom;
        // This split's own divider: a lookup would also find the tall vertical divider of the steps' split below.
        double divider = split.getChildrenUnmodifiable().stream()
                .filter(n -> n.getStyleClass().contains("split-pane-divider") && n instanceof Region)
                .mapToDouble(n -> ((Region) n).getHeight()).findFirst().orElse(6);
        double top = split.getDividerPositions()[0] * total;
        double wanted = Math.max(TOPOLOGY_MIN_AFTER_DROP, total - needed - divider);
        if (top > wanted) {
            split.setDividerPositions(wanted / total);
            // The smaller topology shows the whole machine, route and all, once it has its new size.
            Platform.runLater(canvas::fit);
        }
    }

    /**
     * Shows a short hint for a first run under the buffer chips. It goes away at the first drop
     * or when closed, and then calls {@code done} (the app remembers it, so it never comes back).
     */
    public void showFirstRunHint(Runnable done) {
        Label text = new Label(FIRST_RUN_TEXT);
        text.setWrapText(true);
        text.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(text, Priority.ALWAYS);
        Button close = new Button("Got it");
        close.setId(FIRST_RUN_CLOSE_ID);
        close.setOnAction(e -> hideFirstRunHint());
        close.setMinWidth(Region.USE_PREF_SIZE);
        firstRunHint.getChildren().setAll(text, close);
        firstRunHint.setId(FIRST_RUN_HINT_ID);
        firstRunHint.getStyleClass().add("first-run-hint");
        firstRunHint.setAlignment(Pos.CENTER_LEFT);
        firstRunHint.setMinHeight(Region.USE_PREF_SIZE);
        firstRunHint.setManaged(true);
        firstRunHint.setVisible(true);
        firstRunDone = done;
    }

    private void hideFirstRunHint() {
        if (!firstRunHint.isVisible()) return;
        firstRunHint.setVisible(false);
        firstRunHint.setManaged(false);
        Runnable done = firstRunDone;
        firstRunDone = null;
        if (done != null) done.run();
    }

    /** Puts the keyboard on the buffer chips. */
    public void focusBuffers() {
        strip.focusSelected();
    }

    public void openBufferSettings() {
        strip.openSettingsOfSelected();
    }

    public void replayRoute() {
        canvas.replayRoute();
    }

    /** Puts the keyboard on the steps. */
    public void focusSteps() {
        details().focusSteps();
    }

    // ---- dragging ----

    private final class StripListener implements BufferStrip.Listener {
        @Override
        public void dragStarted(BufferSource source) {
            dragging = source;
            // The last mapping's route would read as this drag's: it comes back if nothing is dropped.
            canvas.setRoute(null);
            canvas.getEmphasised().clear();
            markDropTargets(source);
        }

        @Override
        public void dragEnded() {
            if (!model.runningProperty().get()) showResultOnCanvas();
            dragging = null;
            dragHint.setVisible(false);
            if (!model.armedProperty().get()) clearDropMarks();
            canvas.dropHoverProperty().set(null);
        }

        @Override
        public void armed() {
            canvas.requestFocus();
            if (!(canvas.getSelectedItem() instanceof TopologyItem.Device d)
                    || model.refusal(model.selectedSourceProperty().get(),
                    d).isPresent()) {
                firstTarget().ifPresent(canvas::setSelectedItem);
            }
        }
    }

    private Optional<TopologyItem> firstTarget() {
        LayoutResult l = canvas.getLayout();
        BufferSource s = model.selectedSourceProperty().get();
        if (l == null || s == null) return Optional.empty();
        return l.boxes().stream().map(LayoutBox::item).flatMap(Optional::stream)
                .filter(i -> i instanceof TopologyItem.Device && model.refusal(s, i).isEmpty()).findFirst();
    }

    private void markDropTargets(BufferSource source) {
        LayoutResult l = canvas.getLayout();
        if (l == null) return;
        Map<TopologyItem, Boolean> marks = new HashMap<>();
        for (LayoutBox b : l.boxes()) {
            b.item().filter(i -> !(i instanceof TopologyItem.Numa)).ifPresent(i -> marks.put(i, model.refusal(source,
                    i).isEmpty()));
        }
        canvas.getDropMarks().clear();
        canvas.getDropMarks().putAll(marks);
    }

    private void clearDropMarks() {
        canvas.getDropMarks().clear();
        canvas.dropHoverProperty().set(null);
    }

    private BufferSource draggedSource(DragEvent e) {
        if (!e.getDragboard().hasString()) return null;
        String s = e.getDragboard().getString();
        if (s == null || !s.startsWith(BufferStrip.DRAG_PREFIX)) return null;
        String key = s.substring(BufferStrip.DRAG_PREFIX.length());
        return model.sourcesProperty().stream().filter(b -> BufferSource.key(b).equals(key)).findFirst()
                .orElse(dragging);
    }

    private void dragOver(DragEvent e) {
        BufferSource s = draggedSource(e);
        if (s == null) return;
        if (canvas.getDropMarks().isEmpty()) markDropTargets(s);
        Optional<TopologyItem> item = TopologyCanvas.itemAt(e.getPickResult().getIntersectedNode());
        canvas.dropHoverProperty().set(item.orElse(null));
        String text;
        boolean ok = false;
        if (item.isEmpty()) {
            text = "Drop " + s.title() + " on a device that does DMA (the highlighted ones)";
        } else {
            Optional<String> no = model.refusal(s, item.get());
            ok = no.isEmpty();
            text = ok ? "Drop to map " + model.settingsOf(s).summary(s) + " of " + s.title() + " for "
                    + name(item.get())
                    : "✕  " + capital(no.get());
            if (ok) e.acceptTransferModes(TransferMode.COPY);
        }
        showDragHint(text, ok, e.getSceneX(), e.getSceneY());
        e.consume();
    }

    private void dragDropped(DragEvent e) {
        BufferSource s = draggedSource(e);
        if (s == null) return;
        Optional<TopologyItem> item = TopologyCanvas.itemAt(e.getPickResult().getIntersectedNode());
        boolean done = false;
        if (item.isPresent() && item.get() instanceof TopologyItem.Device d && model.refusal(s, d).isEmpty()) {
            done = model.drop(s, d.address());
            if (done) canvas.setSelectedItem(d);
        }
        e.setDropCompleted(done);
        e.consume();
        dragHint.setVisible(false);
        clearDropMarks();
    }

    private void showDragHint(String text, boolean ok, double sceneX, double sceneY) {
        dragHint.setText(text);
        dragHint.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("refused"), !ok);
        dragHint.setVisible(true);
        dragHint.autosize();
        Point2D p = dragHint.getParent().sceneToLocal(sceneX, sceneY);
        double x = Math.min(p.getX() + 18, dragHint.getParent().getLayoutBounds().getWidth() - dragHint.getWidth() - 6);
        double y = Math.min(p.getY() + 22, dragHint.getParent().getLayoutBounds()
                .getHeight() - dragHint.getHeight() - 6);
        dragHint.relocate(Math.max(6, x), Math.max(6, y));
    }

    // ---- the keyboard path ----

    private void armedChanged(boolean armed) {
        if (armed) {
            BufferSource s = model.selectedSourceProperty().get();
            if (s != null) markDropTargets(s);
            showArmedHint();
        } else {
            if (dragging == null) clearDropMarks();
            if (toast.getProperties().containsKey("armed")) hideToast();
        }
    }

    private void selectionChanged() {
        if (model.armedProperty().get()) showArmedHint();
    }

    private void showArmedHint() {
        BufferSource s = model.selectedSourceProperty().get();
        if (s == null) return;
        TopologyItem item = canvas.getSelectedItem();
        String text;
        boolean problem = false;
        if (item == null) {
            text = "Pick the device that will DMA " + s.title()
                    + " with the arrow keys, then press Enter · Esc cancels";
        } else {
            Optional<String> no = model.refusal(s, item);
            problem = no.isPresent();
            text = no.map(n -> "✕  " + capital(n) + " · pick another device with the arrow keys · Esc cancels")
                    .orElse("Enter maps " + model.settingsOf(s).summary(s) + " of " + s.title() + " for " + name(item)
                            + " · Esc cancels");
        }
        showToast(text, problem);
        toast.getProperties().put("armed", Boolean.TRUE);
        toastTimer.stop();
        canvas.dropHoverProperty().set(item);
    }

    private void canvasKey(KeyEvent e) {
        if (!model.armedProperty().get()) return;
        if (e.getCode() == KeyCode.ENTER) {
            TopologyItem item = canvas.getSelectedItem();
            if (item instanceof TopologyItem.Device d && model.refusal(model.selectedSourceProperty().get(),
                    d).isEmpty()) {
                model.mapSelected(d.address());
                hideToast();
            } else {
                showArmedHint();
            }
            e.consume();
        } else if (e.getCode() == KeyCode.ESCAPE) {
            model.disarm();
            e.consume();
        }
    }

    // ---- results on the canvas ----

    private void canvasRoute(org.dmascope.views.topology.CanvasRoute r) {
        canvas.setRoute(designRoute.get() != null ? designRoute.get() : r);
    }

    private void dropped(DropRequest d) {
        roomPending = d != null;
        if (d != null) hideFirstRunHint();
    }

    private void mappingEnded(boolean running) {
        // Once the result is applied: it sets the route first, and an equal route sets nothing.
        if (!running) Platform.runLater(() -> {
            if (!model.runningProperty().get() && dragging == null) showResultOnCanvas();
        });
    }

    /** The shown result's route and the selected step's marks, as after a drop. */
    private void showResultOnCanvas() {
        org.dmascope.views.topology.CanvasRoute shown = designRoute.get() != null ? designRoute.get()
                : model.routeProperty().get();
        if (canvas.getRoute() != shown) canvas.setRoute(shown);
        canvasFocus(model.player().focusProperty().get());
    }

    private void canvasFocus(Set<TopologyItem> items) {
        canvas.getEmphasised().clear();
        canvas.getEmphasised().addAll(items);
    }

    private void stepChanged(Step s) {
        boolean route = s != null && s.kind() == StepKind.ROUTE;
        canvas.routeFocusedProperty().set(route);
        if (route && model.player().playingProperty().get()) canvas.replayRoute();
    }

    /** Records when the first pulse after a result runs: layout and CSS are done, the frame is drawn next. */
    private void awaitPaint() {
        if (!model.isAwaitingPaint()) return;
        Scene scene = getScene();
        if (scene == null) {
            model.markPainted(System.nanoTime());
            return;
        }
        if (pendingPaint != null) return;
        Runnable once = new Runnable() {
            @Override
            public void run() {
                model.markPainted(System.nanoTime());
                pendingPaint = null;
                // Removing a pulse listener while the pulse iterates its list is not allowed.
                Platform.runLater(() -> scene.removePostLayoutPulseListener(this));
            }
        };
        pendingPaint = once;
        scene.addPostLayoutPulseListener(once);
        Platform.requestNextPulse();
    }

    // ---- texts ----

    private void showToast(String text, boolean problem) {
        toast.setText(text);
        toast.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("problem"), problem);
        toast.getProperties().remove("armed");
        toast.setVisible(true);
        toastTimer.playFromStart();
    }

    private void hideToast() {
        toast.setVisible(false);
        toast.getProperties().remove("armed");
        toastTimer.stop();
    }

    private String name(TopologyItem item) {
        Topology t = model.topologyProperty().get();
        if (item instanceof TopologyItem.Device d && t != null) {
            Bdf a = d.address();
            return t.function(a).map((PciFunction f) -> DeviceText.shortName(f) + " (" + a.shortText() + ")")
                    .orElse(a.toString());
        }
        if (item instanceof TopologyItem.Host h) return "host bridge " + h.id();
        return "NUMA node " + ((TopologyItem.Numa) item).id();
    }

    private static String capital(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
