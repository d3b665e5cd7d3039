package org.dmascope.views.designs;

import java.util.AbstractList;
import java.util.List;

import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.geometry.Orientation;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import org.dmascope.model.designs.Design;
import org.dmascope.model.designs.DesignReport;
import org.dmascope.model.designs.EntryTable;
import org.dmascope.views.common.Resources;

/**
 * The Designs tab: for each of the six questions the designs side by side (a column each, the model's
 * figures as rows, one sentence of argument and one of fate under each), and below, the entries of the
 * selected design in a virtualised table. Each design's header is a toggle button, so Tab reaches it and
 * Space selects it.
 */
public final class DesignsView extends SplitPane {
    public static final String ID = "designs-view";
    static final String STYLESHEET = Resources.stylesheet(DesignsView.class, "designs-view.css");

    private final DesignsViewModel model;
    private final VBox sections = new VBox();
    private final Label kernel = new Label();
    private final Label entriesTitle = new Label();
    private final TableView<Integer> entries = new TableView<>();
    private final ToggleGroup choice = new ToggleGroup();

    public DesignsView(DesignsViewModel model) {
        this.model = model;
        setId(ID);
        getStyleClass().add("designs-view");
        getStylesheets().add(STYLESHEET);
        setOrientation(Orientation.VERTICAL);
        kernel.getStyleClass().add("kernel-line");
        kernel.setWrapText(true);
        sections.getStyleClass().add("sections");
        ScrollPane scroll = new ScrollPane(new VBox(kernel, sections));
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("designs-scroll");
        entriesTitle.getStyleClass().add("entries-title");
        entries.setId("design-entries");
        entries.setPlaceholder(new Label("Select a design above to see its entries."));
        entries.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        VBox bottom = new VBox(entriesTitle, entries);
        VBox.setVgrow(entries, Priority.ALWAYS);
        // small minimums, so the divider (not the table's preferred height) decides the split
        entries.setMinHeight(60);
        bottom.setMinHeight(0);
        scroll.setMinHeight(0);
        getItems().setAll(scroll, bottom);
        setDividerPositions(0.8);
        model.reportProperty().addListener((o, a, r) -> rebuild(r));
        model.selectedProperty().addListener((o, a, d) -> showEntries(d));
        choice.selectedToggleProperty().addListener((o, a, t) -> {
            if (t != null) model.selectedProperty().set((Design) t.getUserData());
            else if (a != null) a.setSelected(true); // one design stays selected
        });
        rebuild(model.reportProperty().get());
    }

    public DesignsViewModel model() {
        return model;
    }

    TableView<Integer> entriesTable() {
        return entries;
    }

    private void rebuild(DesignReport r) {
        choice.getToggles().clear();
        sections.getChildren().clear();
        if (r == null) {
            kernel.setText("Map a buffer (drag it onto a device) to compare the designs of the P2P-without-struct-page "
                    + "threads on it.");
            showEntries(null);
            return;
        }
        kernel.setText(model.kernelLine() + ".");
        kernel.setTooltip(new Tooltip("Bytes assume " + r.designs().get(0).config() + "."));
        for (DesignsViewModel.Section s : model.sections()) sections.getChildren().add(section(s));
        showEntries(model.selectedProperty().get());
    }

    private VBox section(DesignsViewModel.Section s) {
        Label title = new Label(s.question().number() + ". " + s.question().title());
        title.getStyleClass().add("question-title");
        GridPane grid = new GridPane();
        grid.getStyleClass().add("comparison");
        grid.getColumnConstraints().add(new ColumnConstraints(200));
        List<Design> ds = s.designs();
        for (int c = 0; c < ds.size(); c++) {
            Design d = ds.get(c);
            ColumnConstraints cc = new ColumnConstraints(120, 170, Double.MAX_VALUE);
            cc.setHgrow(Priority.ALWAYS);
            grid.getColumnConstraints().add(cc);
            ToggleButton b = new ToggleButton(d.name());
            b.setId("design-" + d.key());
            b.setUserData(d);
            b.setToggleGroup(choice);
            b.setMnemonicParsing(false); // names such as phys_vec keep their underscores
            b.setWrapText(true);
            b.setMaxWidth(Double.MAX_VALUE);
            b.setMaxHeight(Double.MAX_VALUE);
            b.getStyleClass().add(d.mainline() ? "mainline" : "proposal");
            b.setTooltip(new Tooltip(d.source() + (d.layout().isEmpty() ? "" : "\n\n" + d.layout())));
            if (d == model.selectedProperty().get()) b.setSelected(true);
            grid.add(b, c + 1, 0);
            Label src = cell(breakableMessageIds(d.source()), "source");
            grid.add(src, c + 1, 1);
        }
        int row = 2;
        for (DesignsViewModel.FigureRow f : s.rows()) {
            grid.add(cell(f.label(), "figure-label"), 0, row);
            for (int c = 0; c < f.values().size(); c++) {
                Label v = cell(f.values().get(c), "figure-value");
                v.setId("figure-" + ds.get(c).key() + "-" + f.key());
                grid.add(v, c + 1, row);
            }
            row++;
        }
        grid.add(cell("argument", "figure-label"), 0, row);
        grid.add(cell("fate in mainline", "figure-label"), 0, row + 1);
        for (int c = 0; c < ds.size(); c++) {
            grid.add(cell(ds.get(c).argument(), "argument"), c + 1, row);
            grid.add(cell(ds.get(c).fate(), "fate"), c + 1, row + 1);
        }
        VBox box = new VBox(title, grid);
        box.getStyleClass().add("question");
        return box;
    }

    /**
     * A Message-ID such as {@code <ef01ce7d-f1d3-0bbb-38ba-2de4d3f7e31a@deltatee.com>} is one word to the line
     * breaker (no break between a hyphen and a digit), wider than a column: wrapped, it is cut at whatever
     * letter reaches the edge. A zero-width space after each hyphen, dot and the at sign lets it break there.
     */
    static String breakableMessageIds(String text) {
        StringBuilder b = new StringBuilder(text.length() + 16);
        boolean inId = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            b.append(c);
            if (c == '<') inId = true;
            else if (c == '>') inId = false;
            else if (inId && (c == '-' || c == '.' || c == '@')) b.append('\u200B');
        }
        return b.toString();
    }

    private static Label cell(String text, String style) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.getStyleClass().add(style);
        l.setMaxWidth(Double.MAX_VALUE);
        return l;
    }

    private void showEntries(Design d) {
        entries.getColumns().clear();
        if (d == null) {
            entriesTitle.setText("");
            entries.setItems(FXCollections.observableArrayList());
            return;
        }
        for (var t : choice.getToggles()) if (t.getUserData() == d && !t.isSelected()) t.setSelected(true);
        EntryTable t = d.entries();
        entriesTitle.setText("Entries of " + d.name() + ": " + t.rows());
        for (int c = 0; c < t.columns().size(); c++) {
            int col = c;
            TableColumn<Integer, String> column = new TableColumn<>(t.columns().get(c));
            column.setSortable(false);
            column.setCellValueFactory(cd -> new ReadOnlyStringWrapper(t.cell(cd.getValue(), col)));
            column.setPrefWidth(c == 0 ? 70 : c == 1 ? 60 : 170);
            entries.getColumns().add(column);
        }
        int rows = t.rows();
        // Row indices without storing them: the table asks only for the rows it shows.
        entries.setItems(FXCollections.observableList(new AbstractList<Integer>() {
            @Override
            public Integer get(int index) {
                return index;
            }

            @Override
            public int size() {
                return rows;
            }
        }));
    }
}
