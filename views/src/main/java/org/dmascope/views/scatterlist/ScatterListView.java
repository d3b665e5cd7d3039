package org.dmascope.views.scatterlist;

import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;

import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.collections.ObservableList;
import javafx.css.PseudoClass;
import javafx.geometry.Bounds;
import javafx.geometry.Pos;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import org.dmascope.model.mapping.DmaSegments;
import org.dmascope.model.mapping.InputEntries;
import org.dmascope.model.mapping.Mapping;
import org.dmascope.model.mapping.Step;
import org.dmascope.model.util.ByteSize;
import org.dmascope.model.util.Hex;
import org.dmascope.views.common.ContentRegion;
import org.dmascope.views.common.Resources;

/**
 * The scatter list of one mapping: every input entry (scatterlist entry or physical vector) and the
 * DMA segment it went into, rows grouped under their segment with a bracket and alternating bands so
 * that merges show at a glance; segment flags (BUS, SWIOTLB, IOVA, UNSET); totals; what the metadata
 * costs as scatterlist, phyr and dma_range; copy as text or CSV. Rows are indices into the mapping's
 * primitive columns, so a quarter of a million rows scroll like ten.
 *
 * <p>Selecting a row selects its segment in {@code selectedSegment} (shared with the page walk);
 * the selected step lights up the side of the list it touched.
 */
public final class ScatterListView extends ContentRegion {
    public static final String STYLE_CLASS = "scatter-list-view";
    public static final String TABLE_ID = "scatter-table";
    public static final String SUMMARY_ID = "scatter-summary";
    public static final String VERDICT_ID = "scatter-verdict";
    public static final String EMPTY_ID = "scatter-empty";
    public static final String TOTALS_ID = "scatter-totals";
    public static final String COST_ID = "scatter-cost";
    public static final String COST_TOGGLE_ID = "scatter-cost-toggle";
    public static final String COPY_ID = "scatter-copy";
    public static final String STEP_HINT_ID = "scatter-step-hint";
    public static final String INPUT_COLUMN_ID = "scatter-column-input-side";
    public static final String OUTPUT_COLUMN_ID = "scatter-column-output-side";

    static final String HEADER = "scatter-header";
    static final String TITLE = "title";
    static final String SUMMARY = "summary";
    static final String VERDICT = "verdict";
    static final String STEP_HINT = "step-hint";
    static final String FOOTER = "scatter-footer";
    static final String TOTALS = "totals";
    static final String EMPTY = "empty-state";
    static final String GROUP_CELL = "group-cell";
    static final String INPUT_CELL = "input-cell";
    static final String OUTPUT_CELL = "output-cell";
    static final String NUMBER_CELL = "number-cell";
    static final String INPUT_SIDE = "input-side";
    static final String OUTPUT_SIDE = "output-side";
    static final String BRACKET = "group-bracket";
    static final String FLAG = "flag";
    static final String FLAG_PREFIX = "flag-";

    static final PseudoClass BAND = PseudoClass.getPseudoClass("band");
    static final PseudoClass GROUP_FIRST = PseudoClass.getPseudoClass("group-first");
    static final PseudoClass GROUP_LAST = PseudoClass.getPseudoClass("group-last");
    static final PseudoClass MERGED = PseudoClass.getPseudoClass("merged");
    static final PseudoClass UNASSIGNED = PseudoClass.getPseudoClass("unassigned");
    static final PseudoClass SEGMENT_SELECTED = PseudoClass.getPseudoClass("segment-selected");
    static final PseudoClass BOUNCED = PseudoClass.getPseudoClass("bounced");
    static final PseudoClass BUS = PseudoClass.getPseudoClass("bus");
    static final PseudoClass FAILED = PseudoClass.getPseudoClass("failed");
    static final PseudoClass CONTINUATION = PseudoClass.getPseudoClass("continuation");

    private static final String STYLESHEET = Resources.stylesheet(ScatterListView.class, "scatter-list-view.css");
    private static final double ROW_HEIGHT = 22;
    private static final KeyCombination COPY_TEXT = new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination COPY_CSV = new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN,
            KeyCombination.SHIFT_DOWN);

    private final ObservableValue<Mapping> mapping;
    private final ObservableValue<Step> selectedStep;
    private final IntegerProperty selectedSegment;
    private final ChangeListener<Mapping> mappingListener = (o, old, m) -> show(m);
    private final ChangeListener<Step> stepListener = (o, old, s) -> showStep(s);
    private final ChangeListener<Number> segmentListener = (o, old, s) -> segmentChanged(s.intValue());

    private final Label summary = new Label();
    private final Label verdict = new Label();
    private final Label stepHint = new Label();
    private final Label totals = new Label();
    private final Tooltip totalsTip = new Tooltip();
    private final Label empty = new Label();
    private final MetadataCostChart cost = new MetadataCostChart();
    private final HBox footer;
    private final TableView<Integer> table = new TableView<>();
    private final TableColumn<Integer, Integer> inputSide = new TableColumn<>();
    /** The rows the table made; weakly held, since {@link TableView#refresh()} throws its rows away. */
    private final Set<ScatterRow> liveRows = Collections.newSetFromMap(new WeakHashMap<>());
    private ScatterListRows rows = ScatterListRows.EMPTY;
    private StepFocus focus = StepFocus.NONE;
    private boolean syncing;

    public ScatterListView(ObservableValue<Mapping> mapping, ObservableValue<Step> selectedStep,
            IntegerProperty selectedSegment) {
        this.mapping = mapping;
        this.selectedStep = selectedStep;
        this.selectedSegment = selectedSegment;
        getStyleClass().add(STYLE_CLASS);
        getStylesheets().add(STYLESHEET);
        footer = createFooter();
        content.getChildren().addAll(createHeader(), verdict, createTable(), footer);
        VBox.setVgrow(table, Priority.ALWAYS);
        mapping.addListener(mappingListener);
        selectedStep.addListener(stepListener);
        selectedSegment.addListener(segmentListener);
        show(mapping.getValue());
        showStep(selectedStep.getValue());
    }

    /** Stops listening to the mapping, step and segment it was given. */
    public void dispose() {
        mapping.removeListener(mappingListener);
        selectedStep.removeListener(stepListener);
        selectedSegment.removeListener(segmentListener);
    }

    private HBox createHeader() {
        Label title = new Label("Scatter list");
        title.getStyleClass().add(TITLE);
        summary.setId(SUMMARY_ID);
        summary.getStyleClass().add(SUMMARY);
        summary.setMinWidth(0);
        stepHint.setId(STEP_HINT_ID);
        stepHint.getStyleClass().add(STEP_HINT);
        stepHint.setMinWidth(0);
        stepHint.managedProperty().bind(stepHint.visibleProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        MenuButton copy = new MenuButton("Copy");
        copy.setId(COPY_ID);
        copy.getItems().setAll(copyItems());
        verdict.setId(VERDICT_ID);
        verdict.getStyleClass().add(VERDICT);
        verdict.setWrapText(true);
        verdict.setMaxWidth(Double.MAX_VALUE);
        verdict.managedProperty().bind(verdict.visibleProperty());
        verdict.setMinHeight(Region.USE_PREF_SIZE);
        HBox header = new HBox(10, title, summary, stepHint, spacer, copy);
        header.setAlignment(Pos.CENTER_LEFT);
        header.getStyleClass().add(HEADER);
        header.setMinHeight(Region.USE_PREF_SIZE);
        return header;
    }

    private List<MenuItem> copyItems() {
        MenuItem text = new MenuItem("Copy selected rows as text");
        text.setAccelerator(COPY_TEXT);
        text.setOnAction(e -> copy(false, false));
        MenuItem csv = new MenuItem("Copy selected rows as CSV");
        csv.setAccelerator(COPY_CSV);
        csv.setOnAction(e -> copy(true, false));
        MenuItem allText = new MenuItem("Copy whole list as text");
        allText.setOnAction(e -> copy(false, true));
        MenuItem allCsv = new MenuItem("Copy whole list as CSV");
        allCsv.setOnAction(e -> copy(true, true));
        return List.of(text, csv, new SeparatorMenuItem(), allText, allCsv);
    }

    private TableView<Integer> createTable() {
        table.setId(TABLE_ID);
        table.setFixedCellSize(ROW_HEIGHT);
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setRowFactory(t -> new ScatterRow());
        empty.setId(EMPTY_ID);
        empty.getStyleClass().add(EMPTY);
        empty.setWrapText(true);
        table.setPlaceholder(empty);

        TableColumn<Integer, Integer> segment = column(ScatterColumn.SEGMENT, 86);
        inputSide.setId(INPUT_COLUMN_ID);
        inputSide.getStyleClass().add(INPUT_SIDE);
        inputSide.getColumns().addAll(List.of(column(ScatterColumn.INPUT, 58), column(ScatterColumn.PHYS, 128),
                column(ScatterColumn.OFFSET, 62), column(ScatterColumn.LENGTH, 74), column(ScatterColumn.MEMORY, 64)));
        TableColumn<Integer, Integer> outputSide = new TableColumn<>("Output: DMA segments the device is given");
        outputSide.setId(OUTPUT_COLUMN_ID);
        outputSide.getStyleClass().add(OUTPUT_SIDE);
        outputSide.getColumns().addAll(List.of(column(ScatterColumn.DMA_ADDRESS, 128), column(ScatterColumn.DMA_LENGTH,
                82),
                column(ScatterColumn.FLAGS, 118), column(ScatterColumn.FORMED_FROM, 170)));
        for (TableColumn<Integer, ?> c : List.of(segment, inputSide, outputSide)) {
            c.setSortable(false);
            c.setReorderable(false);
        }
        table.getColumns().addAll(List.of(segment, inputSide, outputSide));
        table.setContextMenu(new ContextMenu(copyItems().toArray(MenuItem[]::new)));
        table.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (COPY_CSV.match(e)) {
                copy(true, false);
                e.consume();
            } else if (COPY_TEXT.match(e)) {
                copy(false, false);
                e.consume();
            }
        });
        table.getSelectionModel().selectedIndexProperty().addListener((o, old, i) -> rowSelected(i.intValue()));
        return table;
    }

    private TableColumn<Integer, Integer> column(ScatterColumn c, double width) {
        TableColumn<Integer, Integer> col = new TableColumn<>(c.header());
        col.setId(c.id());
        col.setPrefWidth(width);
        col.setSortable(false);
        col.setReorderable(false);
        col.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(d.getValue()));
        col.setCellFactory(x -> new ScatterCell(c));
        return col;
    }

    private HBox createFooter() {
        totals.setId(TOTALS_ID);
        totals.getStyleClass().add(TOTALS);
        // One line, the whole text in its tooltip: the rows of the table get the height.
        totals.setWrapText(false);
        totals.setMinWidth(0);
        totals.setTooltip(totalsTip);
        totalsTip.setWrapText(true);
        totalsTip.setMaxWidth(600);
        cost.setId(COST_ID);
        Label costTitle = new Label("Metadata for this buffer");
        costTitle.getStyleClass().add("cost-title");
        VBox costBox = new VBox(2, costTitle, cost);
        costBox.setMinWidth(Region.USE_PREF_SIZE);
        costBox.managedProperty().bind(costBox.visibleProperty());
        ToggleButton showCost = new ToggleButton("Metadata cost");
        showCost.setId(COST_TOGGLE_ID);
        showCost.setTooltip(new Tooltip("What this buffer's metadata costs as scatterlist, phyr and dma_range"));
        showCost.setMinWidth(Region.USE_PREF_SIZE);
        costBox.visibleProperty().bind(showCost.selectedProperty());
        HBox.setHgrow(totals, Priority.ALWAYS);
        totals.setMaxWidth(Double.MAX_VALUE);
        HBox box = new HBox(12, totals, costBox, showCost);
        box.setAlignment(Pos.TOP_LEFT);
        box.getStyleClass().add(FOOTER);
        box.managedProperty().bind(box.visibleProperty());
        box.setMinHeight(Region.USE_PREF_SIZE);
        return box;
    }

    // ---- showing a mapping ----

    private void show(Mapping m) {
        rows = ScatterListRows.of(m);
        liveRows.forEach(ScatterRow::forget);
        inputSide.setText(m == null || m.inputs().kind() == InputEntries.Kind.SCATTERLIST
                ? "Input: struct scatterlist entries (the driver's list)"
                        : "Input: struct phys_vec entries (physical ranges)");
        syncing = true;
        try {
            table.getSelectionModel().clearSelection();
            boolean sameCount = table.getItems().size() == rows.rowCount();
            table.setItems(new RowIndexList(rows.rowCount()));
            // Rows are indices: with as many rows as the last mapping, row 0 is "equal" to the old row 0 and the
            // table would keep showing the old mapping's cells, so every cell is made again. (Another count makes
            // the table rebuild its cells anyway.)
            if (sameCount) table.refresh();
        } finally {
            syncing = false;
        }
        pseudoClassStateChanged(FAILED, m != null && !m.verdict().isOk());
        if (m == null) {
            summary.setText("Nothing mapped yet");
            empty.setText("Nothing mapped yet. Drop a buffer on a device: this table then lists the entries the "
                    + "driver hands to the "
                    + "DMA API and the DMA segments the device gets back, with the entries merged into each segment "
                            + "grouped together.");
            verdict.setVisible(false);
            footer.setVisible(false);
            return;
        }
        summary.setText(summaryText(m));
        empty.setText("The mapping failed before any entry was built: " + m.verdict().summary());
        verdict.setVisible(!m.verdict().isOk());
        verdict.setText(m.verdict().isOk() ? "" : "✖ " + m.verdict().code() + " · " + m.verdict().kernelReturn()
                + " — " + sentence(m.verdict().summary()) + " No DMA segments: the entries below were not mapped.");
        footer.setVisible(true);
        totals.setText(totalsText(m));
        totalsTip.setText(totals.getText());
        cost.show(m.cost());
        segmentChanged(selectedSegment.get());
        refreshRows();
    }

    private String summaryText(Mapping m) {
        String call = m.request().api().kernelName();
        if (!m.verdict().isOk()) return call + " failed (" + m.verdict().code() + ")";
        return call + ": " + m.verdict().summary();
    }

    private String totalsText(Mapping m) {
        InputEntries in = m.inputs();
        DmaSegments seg = m.segments();
        long inBytes = 0;
        for (int i = 0; i < in.count(); i++) inBytes += in.length(i);
        StringBuilder sb = new StringBuilder();
        sb.append("Input: ").append(count(in.count(), in.kind().cName() + " entry", in.kind().cName() + " entries"))
                .append(", ")
                .append(ByteSize.human(inBytes));
        sb.append(" → Output: ").append(count(seg.count(), "DMA segment", "DMA segments")).append(", ")
                .append(ByteSize.human(seg.totalLength()));
        int merged = rows.mergedSegments();
        if (merged > 0) {
            sb.append(" · Merged: ").append(count(merged, "segment",
                    "segments")).append(" formed from several entries (")
                    .append(count(Math.max(0, in.count() - seg.count()), "entry",
                            "entries")).append(" fewer to program)");
        } else if (seg.count() > 0) {
            sb.append(" · Nothing merged: one segment per entry");
        }
        int bus = 0;
        int bounced = 0;
        for (int s = 0; s < seg.count(); s++) {
            if (seg.has(s, DmaSegments.BUS)) bus++;
            if (seg.has(s, DmaSegments.SWIOTLB)) bounced++;
        }
        if (bus > 0) sb.append(" · BUS: ").append(count(bus, "segment carries",
                "segments carry")).append(" a PCI bus address (P2P, no IOMMU)");
        if (bounced > 0) sb.append(" · SWIOTLB: ").append(count(bounced, "segment points",
                "segments point")).append(" at a bounce buffer");
        return sb.toString();
    }

    /** The text with one full stop at its end. */
    static String sentence(String s) {
        String t = s.strip();
        return t.endsWith(".") ? t : t + ".";
    }

    private static String count(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    private void showStep(Step s) {
        StepFocus f = StepFocus.of(s);
        if (focus.pseudoClass() != null) pseudoClassStateChanged(focus.pseudoClass(), false);
        focus = f;
        if (f.pseudoClass() != null) pseudoClassStateChanged(f.pseudoClass(), true);
        stepHint.setVisible(f != StepFocus.NONE);
        stepHint.setText(f == StepFocus.NONE ? "" : "Step “" + s.title() + "”: " + f.what());
        if (f == StepFocus.BOUNCE || f == StepFocus.BUS) revealFirst(f == StepFocus.BOUNCE ? DmaSegments.SWIOTLB
                : DmaSegments.BUS);
    }

    /** Scrolls the first segment with {@code flag} into view if none is. */
    private void revealFirst(int flag) {
        Mapping m = rows.mapping();
        if (m == null) return;
        for (int s = 0; s < m.segments().count(); s++) {
            if (m.segments().has(s, flag)) {
                int row = rows.firstRowOf(s);
                if (!rowShown(row)) table.scrollTo(row);
                return;
            }
        }
    }

    // ---- selection ----

    private void rowSelected(int row) {
        if (syncing || row < 0 || row >= rows.rowCount()) return;
        int s = rows.segmentOf(row);
        if (s >= 0 && s != selectedSegment.get()) {
            syncing = true;
            try {
                selectedSegment.set(s);
            } finally {
                syncing = false;
            }
        }
        refreshRows();
    }

    private void segmentChanged(int s) {
        refreshRows();
        if (syncing) return;
        int row = rows.firstRowOf(s);
        if (row < 0) return;
        int current = table.getSelectionModel().getSelectedIndex();
        if (current >= 0 && current < rows.rowCount() && rows.segmentOf(current) == s) return;
        syncing = true;
        try {
            table.getSelectionModel().clearAndSelect(row);
        } finally {
            syncing = false;
        }
        if (!rowShown(row)) table.scrollTo(Math.max(0, row - 2));
    }

    private boolean rowShown(int row) {
        Bounds view = table.localToScene(table.getLayoutBounds());
        for (ScatterRow r : liveRows) {
            if (r.getIndex() == row && r.isVisible() && r.getItem() != null) {
                Bounds b = r.localToScene(r.getLayoutBounds());
                return b.getMinY() >= view.getMinY() + ROW_HEIGHT && b.getMaxY() <= view.getMaxY();
            }
        }
        return false;
    }

    private void refreshRows() {
        for (ScatterRow r : liveRows) r.updateState();
    }

    // ---- copy ----

    /** Copies the selected rows (or every row) to the clipboard; returns what was copied. */
    String copy(boolean csv, boolean all) {
        String text;
        if (all || table.getSelectionModel().getSelectedIndices().isEmpty()) {
            text = csv ? ScatterListText.csv(rows) : ScatterListText.text(rows);
        } else {
            int[] sel = selectedRows();
            text = csv ? ScatterListText.csv(rows, sel.length, k -> sel[k]) : ScatterListText.text(rows, sel.length,
                    k -> sel[k]);
        }
        ClipboardContent c = new ClipboardContent();
        c.putString(text);
        Clipboard.getSystemClipboard().setContent(c);
        return text;
    }

    private int[] selectedRows() {
        ObservableList<Integer> sel = table.getSelectionModel().getSelectedIndices();
        int[] out = new int[sel.size()];
        int n = 0;
        for (Integer i : sel) if (i != null && i >= 0 && i < rows.rowCount()) out[n++] = i;
        int[] rowsCopied = java.util.Arrays.copyOf(out, n);
        java.util.Arrays.sort(rowsCopied);
        return rowsCopied;
    }

    /** The whole scatter list of {@code m} as aligned text, as "Copy whole list as text" gives it. */
    public static String text(Mapping m) {
        return ScatterListText.text(ScatterListRows.of(m));
    }

    /** The whole scatter list of {@code m} as CSV (RFC 4180), as "Copy whole list as CSV" gives it. */
    public static String csv(Mapping m) {
        return ScatterListText.csv(ScatterListRows.of(m));
    }

    /** The table, for the owner to focus or test. */
    public TableView<Integer> table() {
        return table;
    }


    // ---- rows and cells ----

    private final class ScatterRow extends TableRow<Integer> {
        ScatterRow() {
            liveRows.add(this);
        }

        @Override
        protected void updateItem(Integer row, boolean empty) {
            super.updateItem(row, empty);
            updateState();
        }

        void forget() {
            for (PseudoClass p : List.of(BAND, GROUP_FIRST, GROUP_LAST, MERGED, UNASSIGNED, SEGMENT_SELECTED, BOUNCED,
                    BUS)) {
                pseudoClassStateChanged(p, false);
            }
        }

        void updateState() {
            Integer row = getItem();
            if (isEmpty() || row == null || row >= rows.rowCount()) {
                forget();
                return;
            }
            int r = row;
            int s = rows.segmentOf(r);
            DmaSegments seg = rows.mapping().segments();
            pseudoClassStateChanged(BAND, rows.oddBand(r));
            pseudoClassStateChanged(GROUP_FIRST, rows.firstOfGroup(r));
            pseudoClassStateChanged(GROUP_LAST, rows.lastOfGroup(r));
            pseudoClassStateChanged(MERGED, rows.groupSize(r) > 1 && s >= 0);
            pseudoClassStateChanged(UNASSIGNED, s < 0);
            pseudoClassStateChanged(SEGMENT_SELECTED, s >= 0 && s == selectedSegment.get());
            pseudoClassStateChanged(BOUNCED, s >= 0 && seg.has(s, DmaSegments.SWIOTLB));
            pseudoClassStateChanged(BUS, s >= 0 && seg.has(s, DmaSegments.BUS));
        }
    }

    private final class ScatterCell extends TableCell<Integer, Integer> {
        private final ScatterColumn column;
        private final Tooltip tip = new Tooltip();
        private final Region bracket;
        private final HBox chips;

        ScatterCell(ScatterColumn column) {
            this.column = column;
            getStyleClass().add(switch (column.side()) {
                case GROUP -> GROUP_CELL;
                case INPUT -> INPUT_CELL;
                case OUTPUT -> OUTPUT_CELL;
            });
            if (column != ScatterColumn.FLAGS && column != ScatterColumn.FORMED_FROM
                    && column != ScatterColumn.MEMORY) {
                getStyleClass().add(NUMBER_CELL);
            }
            bracket = column == ScatterColumn.SEGMENT ? new Region() : null;
            if (bracket != null) bracket.getStyleClass().add(BRACKET);
            chips = column == ScatterColumn.FLAGS ? new HBox(4) : null;
            if (chips != null) chips.setAlignment(Pos.CENTER_LEFT);
        }

        @Override
        protected void updateItem(Integer row, boolean empty) {
            super.updateItem(row, empty);
            if (empty || row == null || row >= rows.rowCount()) {
                setText(null);
                setGraphic(null);
                setTooltip(null);
                return;
            }
            int r = row;
            pseudoClassStateChanged(CONTINUATION, false);
            if (column == ScatterColumn.FLAGS) {
                showFlags(r);
            } else if (column == ScatterColumn.FORMED_FROM && !rows.firstOfGroup(r) && rows.segmentOf(r) >= 0) {
                // the copy leaves these cells empty; on screen they tie each merged entry to its segment
                setText("↳ merged into segment " + rows.segmentOf(r));
                setGraphic(null);
                pseudoClassStateChanged(CONTINUATION, true);
            } else {
                setText(column.text(rows, r));
                setGraphic(bracket);
            }
            String t = tooltip(r);
            if (t == null) {
                setTooltip(null);
            } else {
                tip.setText(t);
                setTooltip(tip);
            }
        }

        private void showFlags(int r) {
            setText(null);
            int s = ScatterColumn.outputSegment(rows, r);
            if (s < 0) {
                setGraphic(null);
                return;
            }
            chips.getChildren().clear();
            for (String f : rows.mapping().segments().flagNames(s)) {
                Label chip = new Label(f);
                chip.getStyleClass().addAll(FLAG, FLAG_PREFIX + f.toLowerCase(java.util.Locale.ROOT));
                chips.getChildren().add(chip);
            }
            setGraphic(chips);
        }

        private String tooltip(int r) {
            Mapping m = rows.mapping();
            int i = rows.inputOf(r);
            int s = ScatterColumn.outputSegment(rows, r);
            switch (column) {
                case SEGMENT: {
                    int seg = rows.segmentOf(r);
                    if (seg < 0) return "These entries are in no DMA segment: the mapping failed.";
                    int n = m.segments().inputCount(seg);
                    return "DMA segment " + seg + (n > 1 ? " was formed by merging the " + n + " entries of this group"
                            : " comes from one entry");
                }
                case PHYS:
                    return i < 0 ? null : "sg_phys = " + Hex.reg(m.inputs().phys(i),
                            16) + "\npage " + Hex.addr(m.inputs().phys(i) & -4096L)
                            + " + offset " + Hex.addr(m.inputs().phys(i) & 4095);
                case LENGTH:
                    return i < 0 ? null : m.inputs().length(i) + " bytes";
                case MEMORY:
                    return i < 0 ? null : m.inputs().p2p(i) ? "P2P memory: pages of a device BAR (ZONE_DEVICE)"
                            : "System RAM";
                case DMA_ADDRESS:
                    return s < 0 ? null : "sg_dma_address = " + Hex.reg(m.segments().address(s), 16);
                case DMA_LENGTH:
                    return s < 0 ? null : "sg_dma_len = " + m.segments().length(s) + " bytes";
                case FLAGS:
                    return s < 0 ? null : flagsTip(m.segments(), s);
                case FORMED_FROM:
                    return s < 0 ? null : m.segments().inputCount(s) > 1
                            ? "These entries lie back to back in the DMA address space, so the device sees them as "
                                    + "one segment"
                            : "One entry, one segment";
                default:
                    return null;
            }
        }
    }

    static String flagsTip(DmaSegments seg, int s) {
        StringBuilder sb = new StringBuilder();
        if (seg.has(s,
                DmaSegments.BUS)) sb.append("BUS: SG_DMA_BUS_ADDRESS, a PCI bus address; the TLPs go peer to peer, "
                + "the IOMMU is not used\n");
        if (seg.has(s,
                DmaSegments.SWIOTLB)) sb.append("BOUNCED: the device reads and writes a bounce buffer; the CPU "
                + "copies the data\n");
        if (seg.has(s,
                DmaSegments.IOVA)) sb.append("IOVA: an I/O virtual address the IOMMU translates through its page "
                + "table\n");
        if (seg.has(s,
                DmaSegments.UNSET)) sb.append("UNSET: the kernel left sg_dma_address unassigned (Linux 6.16–7.0, "
                        + "fixed in 7.1)\n");
        if (sb.length() == 0) sb.append("dma-direct: the DMA address is the physical address as the bus sees it\n");
        return sb.substring(0, sb.length() - 1);
    }
}
