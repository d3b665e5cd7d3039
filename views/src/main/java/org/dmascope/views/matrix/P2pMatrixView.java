package org.dmascope.views.matrix;

import java.util.stream.Collectors;

import javafx.beans.InvalidationListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

import org.dmascope.model.kernel.matrix.ReportedLabel;
import org.dmascope.views.common.Resources;

/**
 * The P2P matrix window's content: a legend and copy buttons, the {@link MatrixGrid}, and under it the
 * explanation of the cell under the pointer (or the focused one): map type and distance with the rule
 * and the kernel's reason, the nvidia-smi label and the NCCL path type with theirs, and what other tools
 * imported with the machine (nvidia-smi, NCCL) say of the pair, whether it agrees and why not.
 */
public final class P2pMatrixView extends BorderPane {
    public static final String STYLE_CLASS = "p2p-matrix-view";
    public static final String GRID_ID = "p2p-matrix-grid";
    public static final String SUMMARY_ID = "matrix-summary";
    public static final String PAIR_ID = "matrix-pair";
    public static final String MAP_TYPE_ID = "matrix-map-type";
    public static final String REASON_ID = "matrix-reason";
    public static final String SMI_ID = "matrix-smi";
    public static final String NCCL_ID = "matrix-nccl";
    public static final String REPORTED_ID = "matrix-reported";
    public static final String DOCTOR_ID = "matrix-doctor";
    public static final String REPORTED_LEGEND_ID = "matrix-reported-legend";
    public static final String COPY_TEXT_ID = "matrix-copy-text";
    public static final String COPY_CSV_ID = "matrix-copy-csv";
    public static final String PLACEHOLDER_ID = "matrix-placeholder";
    public static final String MANY_ID = "matrix-many";
    private static final String STYLESHEET = Resources.stylesheet(P2pMatrixView.class, "p2p-matrix-view.css");
    private static final double DETAIL_SHARE = 0.4;
    private static final double DETAIL_MIN = 120;

    private final P2pMatrixViewModel model;
    private final MatrixGrid grid = new MatrixGrid();
    private final Label summary = new Label();
    private final Label placeholder = new Label();
    private final Label pair = value(PAIR_ID);
    private final Label mapType = value(MAP_TYPE_ID);
    private final Label reason = value(REASON_ID);
    private final Label smi = value(SMI_ID);
    private final Label nccl = value(NCCL_ID);
    private final Label reported = value(REPORTED_ID);
    private final Label doctor = value(DOCTOR_ID);
    private final Label doctorName = new Label("What would change it");
    private final Label many = value(MANY_ID);
    private final Label manyName = new Label("Several clients");
    private final Label reportedName = new Label("Other tools");
    private final Label reportedLegend = new Label("Second line of a cell: another tool's label (= agrees, ≠ "
            + "disagrees, ~ a link lspci cannot show, ? not compared); a red corner marks a disagreement.");
    /** The explanation below the grid; scrolls when another tool's reasons would leave the grid no room. */
    private final ScrollPane detail;
    private final GridPane detailGrid;
    private final InvalidationListener detailListener = o -> showDetail();
    private final InvalidationListener matrixListener = o -> showMatrix();
    private boolean syncing;

    public P2pMatrixView(P2pMatrixViewModel model) {
        this.model = model;
        getStyleClass().add(STYLE_CLASS);
        getStylesheets().add(STYLESHEET);
        setTop(createHeader());
        setCenter(createGrid());
        detailGrid = createDetail();
        detail = new ScrollPane(detailGrid);
        detail.setFitToWidth(true);
        detail.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        detail.getStyleClass().add("detail-scroll");
        setBottom(detail);
        initListeners();
        showMatrix();
        showDetail();
    }

    private VBox createHeader() {
        Label legend = new Label("Rows provide the memory, columns do the DMA. Cell: nvidia-smi label; colour: the "
                + "kernel's P2PDMA map type.");
        legend.setWrapText(true);
        legend.getStyleClass().add("intro");
        HBox chips = new HBox(8, chip("BUS_ADDR", "bus-addr", "peer-to-peer inside the PCIe fabric"),
                chip("THRU_HOST_BRIDGE", "host-bridge", "through the root complex, mapped like host memory"),
                chip("NOT_SUPPORTED", "not-supported", "the kernel refuses P2P"));
        chips.setAlignment(Pos.CENTER_LEFT);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button copyText = new Button("Copy as Text");
        copyText.setId(COPY_TEXT_ID);
        copyText.setOnAction(e -> copy(model.asText()));
        Button copyCsv = new Button("Copy as CSV");
        copyCsv.setId(COPY_CSV_ID);
        copyCsv.setOnAction(e -> copy(model.asCsv()));
        HBox bar = new HBox(8, chips, spacer, copyText, copyCsv);
        bar.setAlignment(Pos.CENTER_LEFT);
        summary.setId(SUMMARY_ID);
        summary.textProperty().bind(model.summaryProperty());
        summary.getStyleClass().add("summary");
        summary.setWrapText(true);
        reportedLegend.setId(REPORTED_LEGEND_ID);
        reportedLegend.getStyleClass().add("summary");
        reportedLegend.setWrapText(true);
        reportedLegend.managedProperty().bind(reportedLegend.visibleProperty());
        VBox header = new VBox(6, legend, bar, summary, reportedLegend);
        header.getStyleClass().add("header");
        return header;
    }

    /** The explanation takes what it needs, up to two fifths of the view; the grid keeps the rest. */
    @Override
    protected void layoutChildren() {
        double width = getWidth() - snappedLeftInset() - snappedRightInset();
        double wanted = detailGrid.prefHeight(width);
        detail.setPrefViewportHeight(Math.min(wanted, Math.max(DETAIL_MIN, getHeight() * DETAIL_SHARE)));
        super.layoutChildren();
    }

    private static Label chip(String text, String styleClass, String tip) {
        Label l = new Label(text);
        l.getStyleClass().addAll("legend-chip", styleClass);
        l.setTooltip(new javafx.scene.control.Tooltip(tip));
        return l;
    }

    private StackPane createGrid() {
        grid.setId(GRID_ID);
        placeholder.setId(PLACEHOLDER_ID);
        placeholder.getStyleClass().add("placeholder");
        placeholder.setMouseTransparent(true);
        StackPane p = new StackPane(grid, placeholder);
        p.getStyleClass().add("grid-holder");
        return p;
    }

    private GridPane createDetail() {
        GridPane g = new GridPane();
        g.getStyleClass().add("detail");
        g.setHgap(12);
        g.setVgap(4);
        ColumnConstraints names = new ColumnConstraints();
        names.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints values = new ColumnConstraints();
        values.setHgrow(Priority.ALWAYS);
        values.setFillWidth(true);
        g.getColumnConstraints().addAll(names, values);
        String[] rows = {"Pair", "Map type", "Why", "nvidia-smi", "NCCL"};
        Label[] v = {pair, mapType, reason, smi, nccl};
        for (int i = 0; i < rows.length; i++) {
            Label n = new Label(rows[i]);
            n.getStyleClass().add("name");
            g.addRow(i, n, v[i]);
        }
        reportedName.getStyleClass().add("name");
        g.addRow(rows.length, reportedName, reported);
        doctorName.getStyleClass().add("name");
        g.addRow(rows.length + 1, doctorName, doctor);
        manyName.getStyleClass().add("name");
        g.addRow(rows.length + 2, manyName, many);
        for (Label l : new Label[] {reportedName, reported, doctorName, doctor}) {
            l.managedProperty().bind(l.visibleProperty());
        }
        return g;
    }

    private static Label value(String id) {
        Label l = new Label();
        l.setId(id);
        l.getStyleClass().add("value");
        l.setWrapText(true);
        l.setMinHeight(Region.USE_PREF_SIZE);
        return l;
    }

    private void initListeners() {
        model.detailProperty().addListener(detailListener);
        model.matrixProperty().addListener(matrixListener);
        model.computingProperty().addListener(matrixListener);
        model.focusedProperty().addListener((obs, old, c) -> sync(() -> grid.setFocusedCell(c)));
        grid.focusedCellProperty().addListener((obs, old, c) -> sync(() -> model.focus(c)));
        grid.hoveredCellProperty().addListener((obs, old, c) -> model.hover(c));
        grid.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (e.isShortcutDown() && e.getCode() == KeyCode.C && model.getDetail() != null) {
                copy(model.getDetail().asText());
                e.consume();
            } else if (e.getCode() == KeyCode.SPACE) {
                model.toggleFocusedClient();
                e.consume();
            } else if (e.getCode() == KeyCode.ESCAPE && !model.clientsProperty().get().isEmpty()) {
                model.clearClients();
                e.consume();
            }
        });
        // the skin focuses the pressed cell first; a Ctrl+click then gathers its client
        grid.addEventHandler(MouseEvent.MOUSE_PRESSED, e -> {
            if (e.isShortcutDown()) model.toggleFocusedClient();
        });
        model.manyProperty().addListener(o -> showMany());
        showMany();
    }

    /** Stops following the view model. */
    public void dispose() {
        model.detailProperty().removeListener(detailListener);
        model.matrixProperty().removeListener(matrixListener);
        model.computingProperty().removeListener(matrixListener);
    }

    private void sync(Runnable r) {
        if (syncing) return;
        syncing = true;
        try {
            r.run();
        } finally {
            syncing = false;
        }
    }

    private void showMatrix() {
        grid.rowLabelsProperty().set(model.labelsProperty().get());
        grid.setMatrix(model.getMatrix());
        sync(() -> grid.setFocusedCell(model.focusedProperty().get()));
        boolean empty = model.getMatrix() == null || model.getMatrix().size() == 0;
        String text = model.computingProperty().get() && model.getMatrix() == null ? "Computing the matrix…"
                : "This topology has no DMA-capable endpoints (GPUs, NVMe, NICs, accelerators…)";
        if (empty && model.getMatrix() != null && !model.getMatrix().reports().isEmpty()) {
            text += "\n" + model.getMatrix().reports().get(0).title() + " names devices, but no export ties them to "
                    + "PCI functions: import an lspci export of the same machine with it";
        }
        placeholder.setText(text);
        placeholder.setVisible(empty);
        reportedLegend.setVisible(model.getMatrix() != null && model.getMatrix().hasReported());
    }

    private void showMany() {
        String text = model.manyProperty().get();
        many.setText(text.isEmpty() ? "Ctrl+click cells (or Space on the focused one) to gather their clients: "
                + "the kernel's pci_p2pdma_distance_many for the focused row's provider and pci_p2pmem_find_many "
                + "answer here (Esc clears)" : text);
        many.getStyleClass().remove("muted");
        if (text.isEmpty()) many.getStyleClass().add("muted");
    }

    private void showDetail() {
        P2pMatrixViewModel.Detail d = model.getDetail();
        // A canvas has no text of its own: screen readers read the explained cell.
        grid.setAccessibleText(d == null ? "P2P matrix" : d.asText());
        boolean reports = model.getMatrix() != null && model.getMatrix().hasReported();
        reportedName.setVisible(reports);
        reported.setVisible(reports);
        boolean doctorShown = d != null && (d.doctorPending() || !d.doctor().isEmpty());
        doctorName.setVisible(doctorShown);
        doctor.setVisible(doctorShown);
        if (d == null) {
            pair.setText("Point at a cell, or move the focus with the arrow keys");
            for (Label l : new Label[] {mapType, reason, smi, nccl, reported, doctor}) l.setText("");
            return;
        }
        doctor.setText(d.doctorPending() ? "Working out what would change it…" : d.doctor().stream()
                .map(l -> "• " + l).collect(Collectors.joining("\n")));
        reported.setText(d.reported().isEmpty() ? "no other tool names this pair" : d.reported().stream()
                .map(P2pMatrixViewModel.Detail::reportedLine).collect(Collectors.joining("\n")));
        reported.getStyleClass().remove("disagrees");
        if (d.reported().stream().anyMatch(l -> l.agreement() == ReportedLabel.Agreement.DISAGREES)) {
            reported.getStyleClass().add("disagrees");
        }
        pair.setText(d.client() + " (client) does DMA to the memory of " + d.provider() + " (provider)");
        mapType.setText(d.mapType() + ", distance " + d.distance() + "   (" + d.mapTypeRule() + ")");
        reason.setText(d.reason() + d.suggestion().map(s -> "\nFor BUS_ADDR: " + s).orElse(""));
        smi.setText(d.smi());
        nccl.setText(d.nccl());
        mapType.getStyleClass().removeAll("bus-addr", "host-bridge", "not-supported");
        mapType.getStyleClass().add(switch (d.mapType()) {
            case "BUS_ADDR" -> "bus-addr";
            case "THRU_HOST_BRIDGE" -> "host-bridge";
            default -> "not-supported";
        });
    }

    private static void copy(String text) {
        ClipboardContent c = new ClipboardContent();
        c.putString(text);
        Clipboard.getSystemClipboard().setContent(c);
    }

    public MatrixGrid grid() {
        return grid;
    }
}
