package org.dmascope.views.importreport;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableCell;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;

import org.dmascope.model.report.Diagnostic;
import org.dmascope.views.common.AppIcon;
import org.dmascope.views.common.Resources;

/**
 * The import report: findings grouped by file in a sortable table (where, severity, message), and
 * under it the selected finding with the source lines around it. Enter or a double click on a finding
 * shows its lines; Ctrl+C copies the selected findings compiler style.
 */
public final class ImportReportView extends BorderPane {
    public static final String STYLE_CLASS = "import-report-view";
    public static final String SUMMARY_ID = "report-summary";
    public static final String TABLE_ID = "report-table";
    public static final String CONTEXT_ID = "report-context";
    public static final String COPY_ALL_ID = "report-copy-all";
    static final String STYLESHEET = Resources.stylesheet(ImportReportView.class, "import-report.css");

    /** A line of the table: a file (its findings under it) or one finding. */
    public record Item(String file, Diagnostic finding, String counts) {
        boolean isFile() {
            return finding == null;
        }

        String where() {
            if (isFile()) return file;
            return finding.line() > 0 ? "line " + finding.line() : "—";
        }

        String severity() {
            return isFile() ? "" : finding.severity().word();
        }

        String message() {
            return isFile() ? counts : finding.message();
        }
    }

    private static final Comparator<Item> BY_PLACE = Comparator.comparing(Item::file)
            .thenComparingInt(i -> i.isFile() ? -1 : i.finding().line());

    private final ImportReportViewModel model;
    private final TreeTableView<Item> table = new TreeTableView<>();
    private final TextArea context = new TextArea();
    private final SplitPane split;
    private final HBox bottom;

    public ImportReportView(ImportReportViewModel model) {
        this.model = model;
        getStyleClass().add(STYLE_CLASS);
        getStylesheets().add(STYLESHEET);
        // A report without findings (an import that went well) gets no warning sign.
        AppIcon sign = model.hasErrors() ? AppIcon.ERROR : model.report().isEmpty() ? AppIcon.APP : AppIcon.WARNING;
        Label head = new Label(model.summary(), sign.graphic(26));
        head.setId(SUMMARY_ID);
        head.getStyleClass().addAll("summary", model.hasErrors() ? "errors" : model.report().isEmpty() ? "clean"
                : "warnings");
        head.setWrapText(true);
        head.setMinHeight(Region.USE_PREF_SIZE);
        setTop(head);
        createTable();
        context.setId(CONTEXT_ID);
        context.setEditable(false);
        context.getStyleClass().add("context");
        context.setWrapText(true);
        context.setPromptText("Select a finding to see the lines around it");
        split = new SplitPane(table, context);
        split.setOrientation(Orientation.VERTICAL);
        // Room for the table's lines, the rest for the source around the selected one.
        int lines = model.groups().size() + model.report().diagnostics().size() + 1;
        split.setDividerPositions(Math.max(0.3, Math.min(0.62, 0.08 + lines * 0.045)));
        setCenter(split);
        Button copyAll = new Button("Copy All");
        copyAll.setId(COPY_ALL_ID);
        copyAll.setOnAction(e -> copy(model.allAsText()));
        Label hint = new Label("Enter or double-click: the lines around a finding · "
                + "Ctrl+C: copy the selected findings");
        hint.getStyleClass().add("hint");
        hint.setMinWidth(0);
        copyAll.setMinWidth(Region.USE_PREF_SIZE);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        bottom = new HBox(10, hint, spacer, copyAll);
        bottom.setAlignment(Pos.CENTER_LEFT);
        bottom.getStyleClass().add("bottom");
        setBottom(bottom);
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, item) -> showContext(item));
        selectFirstFinding();
    }

    private void createTable() {
        table.setId(TABLE_ID);
        table.setShowRoot(false);
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.setColumnResizePolicy(TreeTableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TreeTableColumn<Item, Item> where = new TreeTableColumn<>("File / line");
        where.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().getValue()));
        where.setComparator(BY_PLACE);
        where.setCellFactory(c -> new TreeTableCell<>() {
            @Override
            protected void updateItem(Item item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.where());
                setTooltip(empty || item == null || !item.isFile() ? null : new Tooltip(item.where()));
                getStyleClass().remove("file");
                if (!empty && item != null && item.isFile()) getStyleClass().add("file");
            }
        });
        // Wide enough for the longest file name, within reason; a file's counts go in the message column.
        int longest = model.groups().stream().mapToInt(g -> g.file().length()).max().orElse(20);
        where.setPrefWidth(Math.min(480, Math.max(160, 40 + 8.2 * longest)));
        TreeTableColumn<Item, String> severity = new TreeTableColumn<>("Severity");
        severity.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().getValue().severity()));
        severity.setCellFactory(c -> new TreeTableCell<>() {
            @Override
            protected void updateItem(String s, boolean empty) {
                super.updateItem(s, empty);
                setText(empty ? null : s);
                getStyleClass().removeAll("error", "warning");
                if (!empty && s != null && !s.isEmpty()) getStyleClass().add(s);
            }
        });
        severity.setPrefWidth(90);
        severity.setMinWidth(86);
        severity.setMaxWidth(110);
        TreeTableColumn<Item, String> message = new TreeTableColumn<>("Message");
        message.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().getValue().message()));
        message.setPrefWidth(600);
        message.setCellFactory(c -> new TreeTableCell<>() {
            @Override
            protected void updateItem(String s, boolean empty) {
                super.updateItem(s, empty);
                setText(empty ? null : s);
                setTooltip(empty || s == null || s.isEmpty() ? null : wrapped(s));
            }
        });
        table.getColumns().setAll(List.of(where, severity, message));
        TreeItem<Item> root = new TreeItem<>(new Item("", null, ""));
        for (ImportReportViewModel.FileGroup g : model.groups()) {
            TreeItem<Item> file = new TreeItem<>(new Item(g.file(), null, g.counts()));
            for (Diagnostic d : g.findings()) file.getChildren().add(new TreeItem<>(new Item(g.file(), d, "")));
            file.setExpanded(true);
            root.getChildren().add(file);
        }
        root.setExpanded(true);
        table.setRoot(root);
        table.setPlaceholder(new Label("Nothing to report: every file was read without a warning."));
        table.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                revealContext();
                e.consume();
            } else if (e.isShortcutDown() && e.getCode() == KeyCode.C) {
                copy(selectedAsText());
                e.consume();
            }
        });
        table.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) revealContext();
        });
        MenuItem copy = new MenuItem("Copy");
        copy.setOnAction(e -> copy(selectedAsText()));
        MenuItem copyAll = new MenuItem("Copy All");
        copyAll.setOnAction(e -> copy(model.allAsText()));
        table.setContextMenu(new ContextMenu(copy, copyAll));
    }

    private void selectFirstFinding() {
        if (table.getRoot().getChildren().isEmpty()) return;
        TreeItem<Item> file = table.getRoot().getChildren().get(0);
        if (file.getChildren().isEmpty()) return;
        table.getSelectionModel().select(file.getChildren().get(0));
    }

    /** The selected findings (a selected file stands for all of its findings), compiler style. */
    public String selectedAsText() {
        return ImportReportViewModel.asText(table.getSelectionModel().getSelectedItems().stream()
                .filter(Objects::nonNull)
                .flatMap(t -> t.getValue().isFile() ? t.getChildren().stream().map(c -> c.getValue().finding())
                        : java.util.stream.Stream.of(t.getValue().finding()))
                .distinct().toList());
    }

    private void showContext(TreeItem<Item> item) {
        if (item == null || item.getValue().isFile()) {
            context.setText(item == null ? "" : item.getValue().file() + ": " + item.getValue().counts());
            return;
        }
        context.setText(model.context(item.getValue().finding()));
    }

    /** Shows the selected finding's lines and gives them room if the divider hid them. */
    private void revealContext() {
        TreeItem<Item> item = table.getSelectionModel().getSelectedItem();
        if (item == null) return;
        if (item.getValue().isFile()) {
            item.setExpanded(!item.isExpanded());
            return;
        }
        showContext(item);
        if (split.getDividerPositions()[0] > 0.8) split.setDividerPositions(0.55);
    }

    private static Tooltip wrapped(String text) {
        Tooltip t = new Tooltip(text);
        t.setWrapText(true);
        t.setMaxWidth(600);
        return t;
    }

    /** The buttons at the bottom right, for a window that adds its own (Close). */
    public List<javafx.scene.Node> buttons() {
        return bottom.getChildren();
    }

    private static void copy(String text) {
        ClipboardContent c = new ClipboardContent();
        c.putString(text);
        Clipboard.getSystemClipboard().setContent(c);
    }

    public TreeTableView<Item> table() {
        return table;
    }
}
