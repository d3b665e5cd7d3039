package org.dmascope.views.platform;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javafx.beans.InvalidationListener;
import javafx.geometry.HPos;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

import org.dmascope.views.common.Resources;
import org.dmascope.views.platform.PlatformViewModel.Choice;
import org.dmascope.views.platform.PlatformViewModel.Row;

/**
 * The platform panel: one line per assumption the kernel rules make, with its value (editable where
 * the user may choose it), where it came from, a reset button for the user's choices and a sentence on
 * what it means. A change applies at once; the canvas, the inspector and the matrix follow.
 */
public final class PlatformView extends BorderPane {
    public static final String STYLE_CLASS = "platform-view";
    public static final String SUMMARY_ID = "platform-summary";
    public static final String RESET_ALL_ID = "platform-reset-all";
    public static final String ERROR_ID = "platform-error";
    private static final String STYLESHEET = Resources.stylesheet(PlatformView.class, "platform-view.css");

    private final PlatformViewModel model;
    private final GridPane grid = new GridPane();
    private final Label summary = new Label();
    private final Label error = new Label();
    private final Map<String, Control> editors = new HashMap<>();
    private final InvalidationListener refresh = o -> refresh();
    private boolean syncing;

    /** The id of a row's editor, e.g. {@code platform-iommuMode}. */
    public static String editorId(String name) {
        return "platform-" + name;
    }

    /** The id of a row's source label, e.g. {@code platform-iommuMode-source}. */
    public static String sourceId(String name) {
        return "platform-" + name + "-source";
    }

    public static String resetId(String name) {
        return "platform-" + name + "-reset";
    }

    public PlatformView(PlatformViewModel model) {
        this.model = model;
        getStyleClass().add(STYLE_CLASS);
        getStylesheets().add(STYLESHEET);
        Label intro = new Label("What lspci cannot show: the kernel, the CPU, the IOMMU and the boot parameters. "
                + "Each value says "
                + "where it came from; change one and the IOMMU groups, the colours, the inspector and the P2P "
                        + "matrix follow at once "
                + "(Edit ▸ Undo takes it back).");
        intro.setWrapText(true);
        intro.getStyleClass().add("intro");
        error.setId(ERROR_ID);
        error.getStyleClass().add("error");
        error.setWrapText(true);
        error.setManaged(false);
        error.setVisible(false);
        setTop(new VBox(6, intro, error));
        grid.getStyleClass().add("assumptions");
        ColumnConstraints name = new ColumnConstraints();
        name.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints value = new ColumnConstraints(220, 320, Double.MAX_VALUE);
        value.setHgrow(Priority.ALWAYS);
        ColumnConstraints source = new ColumnConstraints();
        source.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints reset = new ColumnConstraints();
        reset.setMinWidth(Region.USE_PREF_SIZE);
        grid.getColumnConstraints().addAll(name, value, source, reset);
        ScrollPane scroll = new ScrollPane(grid);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("assumptions-scroll");
        setCenter(scroll);
        summary.setId(SUMMARY_ID);
        summary.getStyleClass().add("summary");
        summary.setWrapText(true);
        Button resetAll = new Button("Reset All to the Topology and Defaults");
        resetAll.setId(RESET_ALL_ID);
        resetAll.setOnAction(e -> model.resetAll());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox.setHgrow(summary, Priority.SOMETIMES);
        HBox bottom = new HBox(10, summary, spacer, resetAll);
        bottom.setAlignment(Pos.CENTER_LEFT);
        bottom.getStyleClass().add("bottom");
        setBottom(bottom);
        model.rowsProperty().addListener(refresh);
        model.summaryProperty().addListener(refresh);
        refresh();
    }

    public void dispose() {
        model.rowsProperty().removeListener(refresh);
        model.summaryProperty().removeListener(refresh);
    }

    /** Rebuilds the lines only when the set of rows changes; otherwise updates values in place, keeping focus. */
    private void refresh() {
        summary.setText(model.summaryProperty().get());
        List<Row> rows = model.rowsProperty();
        boolean same = rows.size() * 2 == grid.getRowCount() && rows.stream()
                .allMatch(r -> editors.containsKey(r.name()));
        if (!same) build(rows);
        syncing = true;
        try {
            for (Row r : rows) update(r);
        } finally {
            syncing = false;
        }
    }

    private void build(List<Row> rows) {
        grid.getChildren().clear();
        editors.clear();
        int line = 0;
        for (Row r : rows) {
            Label name = new Label(r.label());
            name.getStyleClass().add("name");
            Control editor = editor(r);
            editor.setId(editorId(r.name()));
            editors.put(r.name(), editor);
            name.setLabelFor(editor);
            Label source = new Label();
            source.setId(sourceId(r.name()));
            source.getStyleClass().add("source");
            Button reset = new Button("↺");
            reset.setId(resetId(r.name()));
            reset.getStyleClass().add("reset");
            reset.setTooltip(new Tooltip("Drop your choice: back to the topology's value or the default"));
            reset.setOnAction(e -> model.reset(r.name()));
            Label detail = new Label();
            detail.setId("platform-" + r.name() + "-detail");
            detail.getStyleClass().add("detail");
            detail.setWrapText(true);
            detail.setMinHeight(Region.USE_PREF_SIZE);
            grid.addRow(line, name, editor, source, reset);
            grid.add(detail, 1, line + 1, 3, 1);
            GridPane.setValignment(name, VPos.CENTER);
            GridPane.setHalignment(reset, HPos.RIGHT);
            line += 2;
        }
    }

    private Control editor(Row r) {
        if (!r.editable()) {
            Label l = new Label();
            l.getStyleClass().add("fixed-value");
            return l;
        }
        if (r.freeText() && r.choices().isEmpty()) {
            TextField f = new TextField();
            f.setOnAction(e -> commit(r.name(), f.getText()));
            f.focusedProperty().addListener((obs, was, now) -> {
                if (!now) commit(r.name(), f.getText());
            });
            f.setOnKeyPressed(e -> {
                if (e.getCode() == KeyCode.ESCAPE) {
                    model.row(r.name()).ifPresent(row -> f.setText(row.value()));
                    e.consume();
                }
            });
            return f;
        }
        ComboBox<Choice> c = new ComboBox<>();
        c.setMaxWidth(Double.MAX_VALUE);
        c.setEditable(r.freeText());
        c.getItems().setAll(r.choices());
        c.setConverter(new StringConverter<>() {
            @Override
            public String toString(Choice choice) {
                return choice == null ? "" : r.freeText() ? choice.id() : choice.text();
            }

            @Override
            public Choice fromString(String s) {
                return c.getItems().stream().filter(ch -> ch.id().equals(s) || ch.text().equals(s)).findFirst()
                        .orElse(new Choice(s, s));
            }
        });
        c.setOnAction(e -> {
            if (c.getValue() != null) commit(r.name(), c.getValue().id());
        });
        return c;
    }

    private void commit(String name, String value) {
        if (syncing) return;
        Optional<String> refused = model.set(name, value);
        error.setText(refused.map(s -> "Not applied: " + s).orElse(""));
        error.setVisible(refused.isPresent());
        error.setManaged(refused.isPresent());
    }

    @SuppressWarnings("unchecked")
    private void update(Row r) {
        Control editor = editors.get(r.name());
        if (editor instanceof Label l) {
            l.setText(r.shown());
        } else if (editor instanceof TextField f) {
            if (!f.isFocused() || !f.getText().equals(r.value())) f.setText(r.value());
            f.setTooltip(r.value().isEmpty() ? null : new Tooltip(r.value()));
        } else if (editor instanceof ComboBox<?> box) {
            ComboBox<Choice> c = (ComboBox<Choice>) box;
            Choice pick = r.choices().stream().filter(ch -> ch.id().equals(r.value())).findFirst()
                    .orElse(new Choice(r.value(), r.shown()));
            c.setValue(pick);
            if (r.freeText()) c.getEditor().setText(r.value().isEmpty() ? "" : r.value());
            c.setPromptText(r.value().isEmpty() ? r.shown() : null);
        }
        int line = 2 * model.rowsProperty().indexOf(r);
        for (var n : grid.getChildren()) {
            Integer row = GridPane.getRowIndex(n);
            Integer col = GridPane.getColumnIndex(n);
            if (row == null || col == null) continue;
            if (row == line && col == 2 && n instanceof Label s) {
                s.setText(r.source());
                s.getStyleClass().removeAll("chosen", "topology", "default", "cmdline");
                s.getStyleClass().add(r.chosen() ? "chosen" : r.source().equals("default") ? "default"
                        : r.source().equals("topology file") ? "topology" : "cmdline");
            } else if (row == line && col == 3) {
                n.setVisible(r.chosen());
            } else if (row == line + 1 && n instanceof Label d) {
                d.setText(r.detail());
            }
        }
    }
}
