package org.dmascope.views.mapping;

import java.util.List;
import java.util.function.Function;

import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;

import org.dmascope.model.kernel.profile.KernelChange;
import org.dmascope.model.session.AcrossVersions;

/**
 * "Across kernel versions": the current mapping under every kernel profile, one row per profile where
 * the verdict, the segments or the error differ from the profile before it, with the kernel change
 * that did it. The rows come from the model ({@link AcrossVersionsModel}); this only lays them out.
 */
final class AcrossVersionsView extends VBox {
    static final String STYLE_CLASS = "across-versions";
    static final String TABLE_ID = "across-versions-table";
    static final String SUBJECT_ID = "across-versions-subject";

    private final AcrossVersionsModel model;
    private final Label subject = new Label();
    private final Label status = new Label();
    private final TableView<AcrossVersions.Row> table = new TableView<>();
    private final ChangeListener<AcrossVersions.Table> tableListener = (o, a, t) -> show(t);
    private final ChangeListener<Boolean> runningListener = (o, a, r) -> showStatus();

    AcrossVersionsView(AcrossVersionsModel model) {
        this.model = model;
        getStyleClass().add(STYLE_CLASS);
        setSpacing(6);
        subject.setId(SUBJECT_ID);
        subject.getStyleClass().add("across-subject");
        subject.setWrapText(true);
        status.getStyleClass().add("muted");
        status.setWrapText(true);
        table.setId(TABLE_ID);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("Map a buffer: its answer under every kernel appears here."));
        table.getColumns().setAll(List.of(
                column("Kernel", 110, r -> r.outcome().kernel().label()),
                column("Verdict", 120, r -> r.outcome().verdict() + (r.outcome().error().isEmpty() ? ""
                        : "\n" + r.outcome().error())),
                column("Segments", 210, AcrossVersionsView::segments),
                column("What changed", 260, r -> r.previous().map(p -> "from " + p.id() + ": "
                        + String.join("; ", r.differences())).orElse("the oldest profile")),
                column("Kernel change", 320, r -> String.join("\n", r.changes().stream().map(KernelChange::describe)
                        .toList()))));
        VBox.setVgrow(table, Priority.ALWAYS);
        getChildren().setAll(subject, status, table);
        model.tableProperty().addListener(tableListener);
        model.runningProperty().addListener(runningListener);
        show(model.tableProperty().get());
    }

    TableView<AcrossVersions.Row> table() {
        return table;
    }

    void dispose() {
        model.tableProperty().removeListener(tableListener);
        model.runningProperty().removeListener(runningListener);
    }

    private void show(AcrossVersions.Table t) {
        table.getItems().setAll(t == null ? List.of() : t.rows());
        subject.setText(model.subjectProperty().get().isEmpty() ? "" : "Across kernel versions: "
                + model.subjectProperty().get());
        showStatus();
    }

    private void showStatus() {
        AcrossVersions.Table t = model.tableProperty().get();
        status.setText(model.runningProperty().get() ? "Mapping under every kernel profile…"
                : t == null ? "" : t.outcomes().size() + " profiles mapped, each on a freshly booted machine; "
                        + (t.rows().size() - 1) + " where the answer changes after the oldest.");
    }

    private static String segments(AcrossVersions.Row r) {
        List<String> s = r.outcome().segments();
        if (s.isEmpty()) return "none";
        String first = String.join("\n", s.subList(0, Math.min(3, s.size())));
        return s.size() + (s.size() == 1 ? " segment\n" : " segments\n") + first + (s.size() > 3 ? "\n…" : "");
    }

    private static TableColumn<AcrossVersions.Row, String> column(String name, double width,
                                                                  Function<AcrossVersions.Row, String> text) {
        TableColumn<AcrossVersions.Row, String> c = new TableColumn<>(name);
        c.setPrefWidth(width);
        c.setSortable(false);
        c.setCellValueFactory(d -> (ObservableValue<String>) new ReadOnlyStringWrapper(text.apply(d.getValue())));
        c.setCellFactory(col -> new WrappingCell());
        return c;
    }

    /** A cell whose text wraps to the column, so a row grows to show every line. */
    private static final class WrappingCell extends TableCell<AcrossVersions.Row, String> {
        private final Text text = new Text();

        WrappingCell() {
            text.getStyleClass().add("across-cell-text");
            text.wrappingWidthProperty().bind(widthProperty().subtract(10));
        }

        @Override
        protected void updateItem(String item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setGraphic(null);
                return;
            }
            text.setText(item);
            setGraphic(text);
        }
    }
}
