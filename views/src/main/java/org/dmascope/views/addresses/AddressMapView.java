package org.dmascope.views.addresses;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import javafx.application.Platform;
import javafx.beans.InvalidationListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import org.dmascope.model.addresses.AddressMap;
import org.dmascope.model.addresses.AddressSpace;
import org.dmascope.model.addresses.MappedRange;
import org.dmascope.model.addresses.Owner;
import org.dmascope.model.addresses.ProblemKind;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.util.Hex;
import org.dmascope.views.common.Resources;
import org.dmascope.views.topology.TopologyItem;

/**
 * View ▸ Address Map: one address space at a time (the CPU's physical memory, the I/O ports, an IOMMU group's
 * IOVA space) on zoomable rulers, with the selected range in full below and every range with a problem listed
 * beside it. Clicking a range selects its device, host bridge or NUMA node on the canvas and in the inspector.
 * Keys: ← → the previous and next range, + and − zoom, 0 the overview, Enter zooms to the selected range.
 */
public final class AddressMapView extends BorderPane {
    public static final String STYLE_CLASS = "address-map-view";
    public static final String RULER_ID = "address-ruler";
    public static final String SPACES_ID = "address-spaces";
    public static final String DETAIL_ID = "address-detail";
    public static final String PROBLEMS_ID = "address-problems";
    public static final String NOTES_ID = "address-notes";
    private static final String STYLESHEET = Resources.stylesheet(AddressMapView.class, "address-map.css");

    private final AddressMapViewModel model;
    private final Consumer<TopologyItem> select;
    private final ComboBox<AddressSpace> spaces = new ComboBox<>();
    private final Label scaleText = new Label();
    private final Label summary = new Label();
    /** What the map does not have from the input and assumed instead, in words: never hidden. */
    private final Label notes = new Label();
    private final Label detail = new Label("Click a range, or press → to step through them.");
    private final ListView<MappedRange> problems = new ListView<>();
    private final AddressRuler ruler;
    private final InvalidationListener mapListener = o -> showMap();
    private final InvalidationListener spaceListener = o -> showSpace();
    private final InvalidationListener scaleListener = o -> showScale();
    private final InvalidationListener selectedListener = o -> showSelected();
    private boolean updating;

    /**
     * @param select selects a range's owner on the canvas (and so in the inspector)
     */
    public AddressMapView(AddressMapViewModel model, Consumer<TopologyItem> select) {
        this.model = model;
        this.select = select;
        getStyleClass().add(STYLE_CLASS);
        getStylesheets().add(STYLESHEET);
        ruler = new AddressRuler(model, this::pickSelected);
        ruler.setId(RULER_ID);

        spaces.setId(SPACES_ID);
        spaces.setCellFactory(l -> new SpaceCell());
        spaces.setButtonCell(new SpaceCell());
        spaces.valueProperty().addListener((o, a, b) -> {
            if (!updating && b != null) model.show(b);
        });
        Button overview = button("Overview", "0 — the whole space on a log scale", model::overview);
        Button zoomIn = button("Zoom In", "+ — half the span, around the selected range", model::zoomIn);
        Button zoomOut = button("Zoom Out", "− — twice the span", model::zoomOut);
        Button zoomTo = button("Zoom to Range", "Enter — the selected range, linear", model::zoomToSelected);
        zoomTo.disableProperty().bind(model.selectedProperty().isNull());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        scaleText.getStyleClass().add("scale-text");
        Label spaceLabel = new Label("Space:");
        spaceLabel.setMinWidth(Region.USE_PREF_SIZE);
        spaces.setPrefWidth(380);
        spaces.setMinWidth(200);
        HBox bar = new HBox(8, spaceLabel, spaces, overview, zoomIn, zoomOut, zoomTo, grow);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("address-toolbar");
        scaleText.setMinWidth(0);
        summary.getStyleClass().add("space-summary");
        summary.setWrapText(true);
        notes.setId(NOTES_ID);
        notes.getStyleClass().add("map-notes");
        notes.setWrapText(true);
        notes.setMinHeight(Region.USE_PREF_SIZE);
        notes.managedProperty().bind(notes.visibleProperty());
        setTop(new VBox(4, bar, scaleText, summary, notes));

        ScrollPane scroll = new ScrollPane(ruler);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.getStyleClass().add("ruler-scroll");
        setCenter(scroll);

        detail.setId(DETAIL_ID);
        detail.setWrapText(true);
        detail.getStyleClass().add("range-detail");
        detail.setAlignment(Pos.TOP_LEFT);
        ScrollPane detailScroll = new ScrollPane(detail);
        detailScroll.setFitToWidth(true);
        detailScroll.getStyleClass().add("detail-scroll");
        HBox.setHgrow(detailScroll, Priority.ALWAYS);
        problems.setId(PROBLEMS_ID);
        problems.setPlaceholder(new Label("No address problems"));
        problems.setCellFactory(l -> new ProblemCell());
        problems.setPrefWidth(380);
        problems.setMinWidth(240);
        problems.getSelectionModel().selectedItemProperty().addListener((o, a, r) -> {
            if (updating || r == null) return;
            showRange(r);
        });
        Label problemsTitle = new Label("Problems");
        problemsTitle.getStyleClass().add("section-title");
        VBox problemBox = new VBox(4, problemsTitle, problems);
        // A long problem text in the details must not squeeze the list.
        problemBox.setMinWidth(340);
        detailScroll.setPrefWidth(420);
        VBox.setVgrow(problems, Priority.ALWAYS);
        HBox bottom = new HBox(10, detailScroll, problemBox);
        bottom.getStyleClass().add("address-bottom");
        bottom.setPrefHeight(170);
        bottom.setMinHeight(120);
        setBottom(bottom);
        setPadding(new Insets(10));

        addEventFilter(KeyEvent.KEY_PRESSED, this::key);
        // The rulers take the keys from the start: ← → step through the ranges at once.
        ruler.sceneProperty().addListener((o, was, scene) -> {
            if (scene != null) Platform.runLater(ruler::requestFocus);
        });
        model.mapProperty().addListener(mapListener);
        model.spaceProperty().addListener(spaceListener);
        model.scaleProperty().addListener(scaleListener);
        model.selectedProperty().addListener(selectedListener);
        showMap();
    }

    public void dispose() {
        model.mapProperty().removeListener(mapListener);
        model.spaceProperty().removeListener(spaceListener);
        model.scaleProperty().removeListener(scaleListener);
        model.selectedProperty().removeListener(selectedListener);
    }

    /** The canvas item a range belongs to; null for the platform's (swiotlb, the interrupt window, the IOMMU). */
    public static TopologyItem itemOf(Owner o) {
        return switch (o.kind()) {
            case FUNCTION -> TopologyItem.device(Bdf.parse(o.key()));
            case HOST_BRIDGE -> TopologyItem.host(o.key());
            case NUMA_NODE -> TopologyItem.numa(Integer.parseInt(o.key()));
            case PLATFORM -> null;
        };
    }

    private void key(KeyEvent e) {
        if (e.getTarget() instanceof ComboBox || e.getTarget() instanceof ListView) return;
        switch (e.getCode()) {
            case RIGHT, DOWN -> model.step(1);
            case LEFT, UP -> model.step(-1);
            case PLUS, ADD, EQUALS -> model.zoomIn();
            case MINUS, SUBTRACT -> model.zoomOut();
            case DIGIT0, NUMPAD0, HOME -> model.overview();
            case ENTER -> model.zoomToSelected();
            default -> {
                return;
            }
        }
        if (e.getCode().isArrowKey()) pickSelected();
        e.consume();
    }

    private void pickSelected() {
        MappedRange r = model.getSelected();
        if (r == null) return;
        TopologyItem item = itemOf(r.owner());
        if (item != null) select.accept(item);
    }

    private void showRange(MappedRange r) {
        AddressMap m = model.getMap();
        if (m == null) return;
        for (AddressSpace s : m.spaces()) {
            if (s.ranges().contains(r)) {
                model.show(s);
                model.select(r);
                model.zoomToSelected();
                pickSelected();
                return;
            }
        }
    }

    private void showMap() {
        AddressMap m = model.getMap();
        updating = true;
        try {
            spaces.getItems().setAll(m == null ? List.of() : m.spaces());
            problems.getItems().setAll(m == null ? List.of() : m.withProblems());
            List<String> n = m == null ? List.of() : m.notes();
            notes.setText(n.isEmpty() ? "" : "• " + String.join(".\n• ", n) + ".");
            notes.setVisible(!n.isEmpty());
        } finally {
            updating = false;
        }
        showSpace();
    }

    private void showSpace() {
        AddressSpace s = model.getSpace();
        updating = true;
        try {
            spaces.setValue(s);
        } finally {
            updating = false;
        }
        AddressMap m = model.getMap();
        String counts = "";
        if (m != null) {
            Map<ProblemKind, Integer> c = m.counts();
            int n = c.values().stream().mapToInt(Integer::intValue).sum();
            counts = n == 0 ? "  No address problems." : "  ⚠ " + n + " problem" + (n == 1 ? "" : "s") + " in the map.";
        }
        summary.setText(s == null ? "Working out the address map of the open machine…"
                : s.title() + ": " + s.summary() + "." + counts);
        ruler.requestLayout();
        showScale();
        showSelected();
    }

    private void showScale() {
        AddressScale sc = model.getScale();
        scaleText.setText(sc.isOverview() ? "Overview, log scale: 0 – " + Hex.addr(sc.top())
                : "Linear: " + Hex.addr(sc.lo()) + " – " + Hex.addr(sc.hi()) + " (" + sc.spanText() + ")");
    }

    private void showSelected() {
        MappedRange r = model.getSelected();
        detail.setText(r == null ? "Click a range, or press → to step through them; + and − zoom, 0 shows the "
                + "whole space." : AddressRuler.describe(r));
        updating = true;
        try {
            if (r != null && problems.getItems().contains(r)) problems.getSelectionModel().select(r);
            else problems.getSelectionModel().clearSelection();
        } finally {
            updating = false;
        }
    }

    private static Button button(String text, String tip, Runnable action) {
        Button b = new Button(text);
        b.setTooltip(new Tooltip(tip));
        b.setOnAction(e -> action.run());
        b.setFocusTraversable(false);
        b.setMinWidth(Region.USE_PREF_SIZE);
        return b;
    }

    private static final class SpaceCell extends ListCell<AddressSpace> {
        @Override
        protected void updateItem(AddressSpace s, boolean empty) {
            super.updateItem(s, empty);
            setText(empty || s == null ? null : s.title());
        }
    }

    private static final class ProblemCell extends ListCell<MappedRange> {
        @Override
        protected void updateItem(MappedRange r, boolean empty) {
            super.updateItem(r, empty);
            if (empty || r == null) {
                setText(null);
                setTooltip(null);
                return;
            }
            setText("⚠ " + r.problems().get(0).kind().rule() + " " + r.problems().get(0).kind().title() + " — "
                    + r.owner().label() + " " + Hex.addr(r.range().start()));
            setWrapText(false);
            setTooltip(new Tooltip(AddressRuler.describe(r)));
        }
    }
}
