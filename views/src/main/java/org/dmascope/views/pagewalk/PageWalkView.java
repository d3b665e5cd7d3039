package org.dmascope.views.pagewalk;

import java.util.List;

import javafx.beans.property.IntegerProperty;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

import org.dmascope.model.kernel.pagetable.PageTableChanges;
import org.dmascope.model.mapping.Mapping;
import org.dmascope.model.mapping.Step;
import org.dmascope.model.util.ByteSize;
import org.dmascope.model.util.Hex;
import org.dmascope.views.common.ContentRegion;
import org.dmascope.views.common.Resources;

/**
 * One DMA segment through the three address spaces, CPU virtual → CPU physical → bus/DMA address,
 * with the translation between each named; for an IOVA, its bits split into the page-table indices
 * of the domain's format and each level's table and entry down to the leaf. A segment that spans
 * many pages is stepped through page by page (leaf by leaf under an IOMMU).
 *
 * <p>Keys: ← → previous/next segment, ↑ ↓ previous/next page, Page Up/Down ten pages, Home/End first/last
 * segment. The selected segment is shared with the scatter list through {@code selectedSegment}.
 */
public final class PageWalkView extends ContentRegion {
    public static final String STYLE_CLASS = "page-walk-view";
    public static final String SEGMENT_LABEL_ID = "walk-segment";
    public static final String PREV_SEGMENT_ID = "walk-prev-segment";
    public static final String NEXT_SEGMENT_ID = "walk-next-segment";
    public static final String STOP_LABEL_ID = "walk-stop";
    public static final String PREV_STOP_ID = "walk-prev-stop";
    public static final String NEXT_STOP_ID = "walk-next-stop";
    public static final String VERDICT_ID = "walk-verdict";
    public static final String EMPTY_ID = "walk-empty";
    public static final String STEP_HINT_ID = "walk-step-hint";
    public static final String COPY_ID = "walk-copy";
    public static final String VIRTUAL_CARD_ID = "walk-virtual";
    public static final String PHYSICAL_CARD_ID = "walk-physical";
    public static final String DMA_CARD_ID = "walk-dma";
    public static final String VIRTUAL_VALUE_ID = "walk-virtual-value";
    public static final String PHYSICAL_VALUE_ID = "walk-physical-value";
    public static final String DMA_VALUE_ID = "walk-dma-value";
    public static final String PIN_ARROW_ID = "walk-pin-arrow";
    public static final String PIN_CAPTION_ID = "walk-pin-caption";
    public static final String TRANSLATION_ARROW_ID = "walk-translation-arrow";
    public static final String TRANSLATION_CAPTION_ID = "walk-translation";
    public static final String WALK_IOVA_ID = "walk-iova";
    public static final String BITS_ID = "walk-bits";
    public static final String LEVELS_ID = "walk-levels";
    public static final String NO_WALK_ID = "walk-no-walk";
    public static final String UPPER_FIELD_ID = "walk-field-upper";
    public static final String OFFSET_FIELD_ID = "walk-field-offset";
    public static final String WALK_RESULT_ID = "walk-result";

    static final String FIELD_KEY = "dmascope.iova-field";
    static final String LEVEL_KEY = "dmascope.walk-level";
    static final String HEADER = "walk-header";
    static final String TITLE = "title";
    static final String NAV = "nav";
    static final String NAV_LABEL = "nav-label";
    static final String KEYS = "keys";
    static final String STEP_HINT = "step-hint";
    static final String VERDICT = "verdict";
    static final String EMPTY = "empty-state";
    static final String BODY = "walk-body";

    static final PseudoClass FAILED = PseudoClass.getPseudoClass("failed");

    private static final String STYLESHEET = Resources.stylesheet(PageWalkView.class, "page-walk-view.css");
    private static final int PAGE_JUMP = 10;

    private final ObservableValue<Mapping> mapping;
    private final ObservableValue<Step> selectedStep;
    private final IntegerProperty selectedSegment;
    private final ChangeListener<Mapping> mappingListener = (o, old, m) -> show();
    private final ChangeListener<Step> stepListener = (o, old, s) -> showStep(s);
    private final ChangeListener<Number> segmentListener = (o, old, s) -> {
        stop = 0;
        show();
    };

    private final Label segmentLabel = new Label();
    private final Label stopLabel = new Label();
    private final Button prevSegment = navButton(PREV_SEGMENT_ID, "◀", "Previous segment (←)");
    private final Button nextSegment = navButton(NEXT_SEGMENT_ID, "▶", "Next segment (→)");
    private final Button prevStop = navButton(PREV_STOP_ID, "◀", "Previous page (↑)");
    private final Button nextStop = navButton(NEXT_STOP_ID, "▶", "Next page (↓)");
    private final HBox stopNav;
    private final Label stepHint = new Label();
    private final Label verdict = new Label();
    private final Label empty = new Label();
    private final AddressSpacesPane spaces = new AddressSpacesPane();
    private final WalkPane walk = new WalkPane();
    private final ScrollPane scroller;
    private final StackPane center;
    private WalkFocus focus = WalkFocus.NONE;
    private SegmentTrail trail;
    private int stop;

    public PageWalkView(ObservableValue<Mapping> mapping, ObservableValue<Step> selectedStep,
            IntegerProperty selectedSegment) {
        this.mapping = mapping;
        this.selectedStep = selectedStep;
        this.selectedSegment = selectedSegment;
        getStyleClass().add(STYLE_CLASS);
        getStylesheets().add(STYLESHEET);
        setFocusTraversable(true);

        segmentLabel.setId(SEGMENT_LABEL_ID);
        segmentLabel.getStyleClass().add(NAV_LABEL);
        stopLabel.setId(STOP_LABEL_ID);
        stopLabel.getStyleClass().add(NAV_LABEL);
        segmentLabel.setMinWidth(Region.USE_PREF_SIZE);
        stopLabel.setMinWidth(Region.USE_PREF_SIZE);
        HBox segmentNav = new HBox(4, prevSegment, segmentLabel, nextSegment);
        segmentNav.getStyleClass().add(NAV);
        segmentNav.setAlignment(Pos.CENTER_LEFT);
        stopNav = new HBox(4, prevStop, stopLabel, nextStop);
        stopNav.getStyleClass().add(NAV);
        stopNav.setAlignment(Pos.CENTER_LEFT);
        stopNav.managedProperty().bind(stopNav.visibleProperty());
        prevSegment.setOnAction(e -> moveSegment(-1));
        nextSegment.setOnAction(e -> moveSegment(1));
        prevStop.setOnAction(e -> moveStop(-1));
        nextStop.setOnAction(e -> moveStop(1));

        Label title = new Label("Address spaces");
        title.getStyleClass().add(TITLE);
        Label keys = new Label("← → segment   ↑ ↓ page");
        keys.getStyleClass().add(KEYS);
        stepHint.setId(STEP_HINT_ID);
        stepHint.getStyleClass().add(STEP_HINT);
        stepHint.managedProperty().bind(stepHint.visibleProperty());
        stepHint.setMinWidth(0);
        Button copy = new Button("Copy");
        copy.setId(COPY_ID);
        copy.setFocusTraversable(false);
        copy.setOnAction(e -> Values.copy(asText()));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(14, title, segmentNav, stopNav, stepHint, spacer, keys, copy);
        header.setAlignment(Pos.CENTER_LEFT);
        header.getStyleClass().add(HEADER);

        verdict.setId(VERDICT_ID);
        verdict.getStyleClass().add(VERDICT);
        verdict.setWrapText(true);
        verdict.setMaxWidth(Double.MAX_VALUE);
        verdict.managedProperty().bind(verdict.visibleProperty());
        verdict.setMinHeight(Region.USE_PREF_SIZE);
        header.setMinHeight(Region.USE_PREF_SIZE);
        empty.setId(EMPTY_ID);
        empty.getStyleClass().add(EMPTY);
        empty.setWrapText(true);

        VBox body = new VBox(14, spaces, walk);
        body.getStyleClass().add(BODY);
        scroller = new ScrollPane(body);
        scroller.setFitToWidth(true);
        scroller.setFocusTraversable(false);
        center = new StackPane(scroller, empty);
        VBox.setVgrow(center, Priority.ALWAYS);
        content.getChildren().addAll(header, verdict, center);

        addEventFilter(KeyEvent.KEY_PRESSED, this::key);
        addEventHandler(MouseEvent.MOUSE_PRESSED, e -> requestFocus());
        mapping.addListener(mappingListener);
        selectedStep.addListener(stepListener);
        selectedSegment.addListener(segmentListener);
        show();
        showStep(selectedStep.getValue());
    }

    /** Stops listening to the mapping, step and segment it was given. */
    public void dispose() {
        mapping.removeListener(mappingListener);
        selectedStep.removeListener(stepListener);
        selectedSegment.removeListener(segmentListener);
    }

    private static Button navButton(String id, String text, String tip) {
        Button b = new Button(text);
        b.setId(id);
        b.setFocusTraversable(false);
        b.setTooltip(new javafx.scene.control.Tooltip(tip));
        b.getStyleClass().add("nav-button");
        return b;
    }

    static String fieldId(int depth) {
        return "walk-field-" + depth;
    }

    static String levelId(int depth) {
        return "walk-level-" + depth;
    }

    // ---- showing ----

    /** The segment shown: the selected one, or the first while none is selected. */
    int shownSegment() {
        Mapping m = mapping.getValue();
        if (m == null || m.segments().count() == 0) return -1;
        int s = selectedSegment.get();
        return s >= 0 && s < m.segments().count() ? s : 0;
    }

    private void show() {
        Mapping m = mapping.getValue();
        pseudoClassStateChanged(FAILED, m != null && !m.verdict().isOk());
        int s = shownSegment();
        // a segment's leaves are found once; stepping through its pages reuses them
        if (trail == null || trail.mapping() != m || trail.segment() != s) trail = SegmentTrail.of(m, s);
        verdict.setVisible(m != null && !m.verdict().isOk());
        if (m != null && !m.verdict().isOk()) {
            String summary = m.verdict().summary().strip();
            verdict.setText("✖ " + m.verdict().code() + " · " + m.verdict().kernelReturn() + " — " + summary
                    + (summary.endsWith(".") ? "" : "."));
        }
        if (trail == null) {
            scroller.setVisible(false);
            empty.setVisible(true);
            empty.setText(m == null
                    ? "Nothing mapped yet. Drop a buffer on a device, then pick a DMA segment: this panel follows it "
                            + "from the "
                    + "program's virtual address to the physical page to the address the device uses, and splits an "
                            + "IOVA into "
                    + "the indices of the I/O page table."
                    : m.verdict().isOk() ? "The mapping produced no DMA segment."
                    : "No DMA segment to follow: the mapping failed, so the device was given no address."
                    + (m.kernelLog().isEmpty() ? "" : "\n\nThe kernel logs:\n" + String.join("\n", m.kernelLog())));
            segmentLabel.setText("no segment");
            stopNav.setVisible(false);
            prevSegment.setDisable(true);
            nextSegment.setDisable(true);
            return;
        }
        empty.setVisible(false);
        scroller.setVisible(true);
        int count = m.segments().count();
        segmentLabel.setText("segment " + s + " of " + count + (selectedSegment.get() == s ? "" : " (none selected)"));
        prevSegment.setDisable(s <= 0);
        nextSegment.setDisable(s >= count - 1);
        int stops = trail.stopCount();
        stop = Math.max(0, Math.min(stop, stops - 1));
        stopNav.setVisible(stops > 1);
        stopLabel.setText((trail.translated() ? "page " : "entry ") + (stop + 1) + " of " + stops);
        prevStop.setDisable(stop <= 0);
        nextStop.setDisable(stop >= stops - 1);
        SegmentTrail.Stop st = trail.stop(stop);
        spaces.show(trail, st);
        walk.show(trail, st);
    }

    private void showStep(Step s) {
        WalkFocus f = WalkFocus.of(s);
        if (focus.pseudoClass() != null) pseudoClassStateChanged(focus.pseudoClass(), false);
        focus = f;
        if (f.pseudoClass() != null) pseudoClassStateChanged(f.pseudoClass(), true);
        stepHint.setVisible(f != WalkFocus.NONE);
        stepHint.setText(f == WalkFocus.NONE ? "" : "Step “" + s.title() + "”: " + f.what());
    }

    // ---- navigation ----

    private void key(KeyEvent e) {
        switch (e.getCode()) {
            case LEFT:
                moveSegment(-1);
                break;
            case RIGHT:
                moveSegment(1);
                break;
            case HOME:
                setSegment(0);
                break;
            case END:
                setSegment(Integer.MAX_VALUE);
                break;
            case UP:
                moveStop(-1);
                break;
            case DOWN:
                moveStop(1);
                break;
            case PAGE_UP:
                moveStop(-PAGE_JUMP);
                break;
            case PAGE_DOWN:
                moveStop(PAGE_JUMP);
                break;
            default:
                return;
        }
        e.consume();
    }

    private void moveSegment(int delta) {
        int s = shownSegment();
        if (s < 0) return;
        setSegment(selectedSegment.get() < 0 && delta > 0 ? s + delta - 1 : s + delta);
    }

    private void setSegment(int s) {
        Mapping m = mapping.getValue();
        if (m == null || m.segments().count() == 0) return;
        int clamped = Math.max(0, Math.min(s, m.segments().count() - 1));
        if (clamped == selectedSegment.get()) return;
        selectedSegment.set(clamped);
    }

    private void moveStop(int delta) {
        if (trail == null) return;
        int next = Math.max(0, Math.min(stop + delta, trail.stopCount() - 1));
        if (next == stop) return;
        stop = next;
        show();
    }

    /** Shows page (or entry) {@code k} of the segment, 0-based, clamped. */
    void goToStop(int k) {
        if (trail != null) moveStop(k - stop);
    }

    /** Index of the page (or entry) of the segment shown, 0-based. */
    int stopIndex() {
        return stop;
    }

    /** The leaf walked now, or -1. */
    int shownLeaf() {
        return trail == null ? -1 : trail.stop(stop).leaf();
    }

    // ---- copy ----

    /** The segment, the stop and its walk as text. */
    String asText() {
        if (trail == null) return empty.getText() + "\n";
        Mapping m = trail.mapping();
        SegmentTrail.Stop st = trail.stop(stop);
        StringBuilder sb = new StringBuilder();
        sb.append(m.request().buffer().spec()).append(" for ").append(m.request().initiator()).append('\n');
        sb.append("segment ").append(trail.segment()).append(" of ").append(m.segments().count()).append(": ")
                .append(Hex.addr(trail.dmaAddress())).append(" + ").append(ByteSize.format(trail.dmaLength()));
        List<String> flags = m.segments().flagNames(trail.segment());
        if (!flags.isEmpty()) sb.append(" [").append(String.join(" ", flags)).append(']');
        sb.append('\n');
        sb.append(trail.translated() ? "page " : "entry ").append(stop + 1).append(" of ").append(trail.stopCount())
                .append(": ");
        sb.append(st.bufferOffset() < 0 ? "(no buffer byte)" : "buf + " + Hex.addr(st.bufferOffset()))
                .append(" -> phys ").append(Hex.addr(st.phys()));
        if (st.bounce() != null) sb.append(" -> bounce ").append(Hex.addr(st.target()));
        sb.append(" -> dma ").append(Hex.addr(st.dma())).append(" (").append(trail.translation().name()
                .toLowerCase(java.util.Locale.ROOT)).append(")\n");
        if (st.leaf() >= 0) {
            PageTableChanges pt = m.pageTable();
            sb.append(pt.geometry().describe()).append('\n');
            for (WalkLevels.Level l : WalkLevels.of(pt, st.leaf())) {
                sb.append(l.name()).append(" [").append(l.index()).append("] ");
                sb.append(l.origin() == WalkLevels.Origin.ROOT ? "root table" : l.origin() == WalkLevels.Origin.NEW
                        ? "new table" : "existing table");
                if (l.leaf()) {
                    sb.append(", leaf ").append(ByteSize.format(l.leafSize())).append(" -> ")
                            .append(Hex.addr(l.leafPhys()))
                            .append(" (").append(WalkLevels.protWords(l.prot())).append(')');
                }
                sb.append('\n');
            }
            sb.append("+ offset ").append(Hex.addr(st.target() - pt.leafPhys(st.leaf()))).append(" = ")
                    .append(Hex.addr(st.target()))
                    .append('\n');
        } else {
            sb.append(WalkPane.noWalkReason(trail, st)).append('\n');
        }
        return sb.toString();
    }

}
