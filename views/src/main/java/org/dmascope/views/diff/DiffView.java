package org.dmascope.views.diff;

import java.util.List;
import java.util.function.Function;

import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

import org.dmascope.views.common.Resources;

/**
 * Compare With…: what differs between the open machine and another, in three tabs (the recorded facts, the
 * IOMMU groups that split or merged, the P2P verdicts that changed, each with the rule's reason) and Copy for
 * the same text as {@code dmascope diff}.
 */
public final class DiffView extends BorderPane {
    public static final String STYLE_CLASS = "diff-view";
    private static final String STYLESHEET = Resources.stylesheet(DiffView.class, "diff-view.css");

    public DiffView(DiffViewModel model) {
        getStyleClass().add(STYLE_CLASS);
        getStylesheets().add(STYLESHEET);
        Label summary = new Label(model.summary());
        summary.getStyleClass().add("summary");
        summary.setWrapText(true);
        HBox.setHgrow(summary, Priority.ALWAYS);
        summary.setMaxWidth(Double.MAX_VALUE);
        Button copy = new Button("Copy as Text");
        copy.setId("diff-copy");
        copy.setMinWidth(Region.USE_PREF_SIZE);
        copy.setOnAction(e -> {
            ClipboardContent c = new ClipboardContent();
            c.putString(model.text());
            Clipboard.getSystemClipboard().setContent(c);
        });
        HBox header = new HBox(12, summary, copy);
        header.getStyleClass().add("header");
        setTop(header);
        TabPane tabs = new TabPane(
                tab("Machine (" + model.facts().size() + ")", "diff-facts", model.facts(),
                        "Nothing recorded differs", "Change", "Function or part", "Before", "After", "Field"),
                tab("IOMMU Groups (" + model.groups().size() + ")", "diff-groups", model.groups(),
                        "No IOMMU group split or merged", "Change", "", "Before", "After", "Why (R-GRP-2)"),
                tab("P2P Verdicts (" + model.cells().size() + ")", "diff-cells", model.cells(),
                        "No P2P verdict changed", "Change", "Provider → client", "Before", "After",
                        "Why (rule: reason)"));
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        setCenter(tabs);
    }

    private static String detailText(DiffRow r, String... headers) {
        List<String> values = List.of(r.what(), r.where(), r.before(), r.after(), r.why());
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            if (headers[i].isEmpty() || values.get(i).isEmpty()) continue;
            sb.append(headers[i]).append(": ").append(values.get(i)).append('\n');
        }
        return sb.toString().strip();
    }

    private static Tab tab(String title, String id, List<DiffRow> rows, String empty, String... headers) {
        TableView<DiffRow> table = new TableView<>();
        table.setId(id);
        table.setPlaceholder(new Label(empty));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        List<Function<DiffRow, String>> values = List.of(DiffRow::what, DiffRow::where, DiffRow::before,
                DiffRow::after, DiffRow::why);
        double[] widths = {110, 200, 220, 220, 320};
        for (int i = 0; i < values.size(); i++) {
            if (headers[i].isEmpty()) continue;
            Function<DiffRow, String> value = values.get(i);
            TableColumn<DiffRow, String> c = new TableColumn<>(headers[i]);
            c.setCellValueFactory(r -> new ReadOnlyStringWrapper(value.apply(r.getValue())));
            c.setPrefWidth(widths[i]);
            table.getColumns().add(c);
        }
        table.getItems().setAll(rows);
        // The row's whole text below the table: a rule's reason is a paragraph, wider than any column.
        TextArea detail = new TextArea();
        detail.setId(id + "-detail");
        detail.setEditable(false);
        detail.setWrapText(true);
        detail.setPrefRowCount(4);
        detail.getStyleClass().add("detail");
        table.getSelectionModel().selectedItemProperty().addListener((o, a, r) -> detail.setText(r == null ? ""
                : detailText(r, headers)));
        if (!rows.isEmpty()) table.getSelectionModel().select(0);
        SplitPane split = new SplitPane(table, detail);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.72);
        Tab t = new Tab(title, split);
        t.setId(id + "-tab");
        return t;
    }
}
