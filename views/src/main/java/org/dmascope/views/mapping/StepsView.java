package org.dmascope.views.mapping;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import javafx.animation.PauseTransition;
import javafx.beans.value.ChangeListener;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

import org.dmascope.model.kernel.route.RouteHop;
import org.dmascope.model.kernel.swiotlb.SwiotlbAllocation;
import org.dmascope.model.kernel.trace.MapTrace;
import org.dmascope.model.mapping.Mapping;
import org.dmascope.model.mapping.Step;
import org.dmascope.model.mapping.StepKind;
import org.dmascope.model.util.ByteSize;
import org.dmascope.model.util.Hex;
import org.dmascope.views.common.StyleVariant;

/**
 * The translation steps of the mapping: a numbered list, a player (first, back, play/pause, next,
 * last, and a slider to scrub), and the selected step's narration with its kernel rule, inputs and
 * outputs. The route step lists every hop with its decision; a swiotlb step the slots it took; steps
 * the scatter list or page walk show in detail link to their tab. Keys: Space plays or pauses, the
 * arrows step, Home and End jump.
 */
final class StepsView extends BorderPane {
    static final String ID = "steps-view";
    static final String LIST_ID = "step-list";
    static final String PLAY_ID = "step-play";
    static final String PREVIOUS_ID = "step-previous";
    static final String NEXT_ID = "step-next";
    static final String FIRST_ID = "step-first";
    static final String LAST_ID = "step-last";
    static final String SLIDER_ID = "step-slider";
    static final String POSITION_ID = "step-position";
    static final String TITLE_ID = "step-title";
    static final String RULE_ID = "step-rule";
    static final String SINCE_ID = "step-since";
    static final String NARRATION_ID = "step-narration";
    static final String VALUES_ID = "step-values";
    static final String HOPS_ID = "step-hops";
    static final String TAB_LINK_ID = "step-tab-link";
    static final String STEPS_SPLIT_ID = "steps-split";

    private final MappingViewModel model;
    private final Consumer<String> showTab;
    private final ListView<Step> list = new ListView<>();
    private final Button play = new Button("▶  Play");
    private final Slider slider = new Slider(0, 0, 0);
    private final Label position = new Label();
    private final Label title = new Label();
    private final Label rule = new Label();
    /** Since when the step's rule behaves so, where it changed between kernels ("since 6.16 (393cf700be6f)"). */
    private final Label since = new Label();
    private final Label narration = new Label();
    private final Tooltip ruleTip = new Tooltip();
    private final VBox extra = new VBox(6);
    private final GridPane values = new GridPane();
    private final Label empty = new Label("The steps the kernel takes appear here after a drop.");
    private final VBox detail;
    private final PauseTransition tick = new PauseTransition();
    private boolean syncing;

    private final ListChangeListener<Step> stepsListener = c -> showSteps();
    private final ChangeListener<Step> selectedListener = (o, a, s) -> showSelectedStep();
    private final ChangeListener<Boolean> playingListener = (o, a, p) -> showPlaying(p);

    /** @param showTab opens the mapping-details tab with that id (scatter list, page walk) */
    StepsView(MappingViewModel model, Consumer<String> showTab) {
        this.model = model;
        this.showTab = showTab;
        setId(ID);
        getStyleClass().add("steps-view");
        setTop(createPlayer());
        list.setId(LIST_ID);
        list.getStyleClass().add("step-list");
        list.setCellFactory(v -> new StepCell());
        list.setMinWidth(220);
        list.setPrefWidth(340);
        detail = createDetail();
        ScrollPane scroll = new ScrollPane(detail);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("step-detail-scroll");
        SplitPane split = new SplitPane(list, scroll);
        split.setId(STEPS_SPLIT_ID);
        split.setDividerPositions(0.34);
        SplitPane.setResizableWithParent(list, false);
        setCenter(split);
        initListeners();
        showSteps();
    }

    private HBox createPlayer() {
        Button first = button("|◀", FIRST_ID, "First step (Home)", model.player()::firstStep);
        Button previous = button("◀", PREVIOUS_ID, "Previous step (←)", model.player()::previousStep);
        play.setId(PLAY_ID);
        play.getStyleClass().add("play-button");
        play.setTooltip(new Tooltip("Play the steps one after the other (Space)"));
        play.setOnAction(e -> model.player().togglePlay());
        play.setFocusTraversable(false);
        play.setMinWidth(Region.USE_PREF_SIZE);
        Button next = button("▶", NEXT_ID, "Next step (→)", model.player()::nextStep);
        Button last = button("▶|", LAST_ID, "Last step (End)", model.player()::lastStep);
        slider.setId(SLIDER_ID);
        slider.setMajorTickUnit(1);
        slider.setMinorTickCount(0);
        slider.setSnapToTicks(true);
        slider.setShowTickMarks(true);
        slider.setFocusTraversable(false);
        HBox.setHgrow(slider, Priority.ALWAYS);
        slider.setMaxWidth(Double.MAX_VALUE);
        position.setId(POSITION_ID);
        position.getStyleClass().add("position");
        position.setMinWidth(Region.USE_PREF_SIZE);
        HBox bar = new HBox(6, first, previous, play, next, last, slider, position);
        bar.getStyleClass().add("step-player");
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    private static Button button(String text, String id, String tip, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.getStyleClass().add("step-button");
        b.setTooltip(new Tooltip(tip));
        b.setFocusTraversable(false);
        b.setOnAction(e -> action.run());
        return b;
    }

    private VBox createDetail() {
        title.setId(TITLE_ID);
        title.getStyleClass().add("step-title");
        title.setWrapText(true);
        rule.setId(RULE_ID);
        rule.getStyleClass().add("step-rule");
        rule.setTooltip(ruleTip);
        rule.setMinWidth(Region.USE_PREF_SIZE);
        since.setId(SINCE_ID);
        since.getStyleClass().add("step-since");
        since.setWrapText(true);
        narration.setId(NARRATION_ID);
        narration.getStyleClass().add("step-narration");
        narration.setWrapText(true);
        values.setId(VALUES_ID);
        values.getStyleClass().add("step-values");
        values.setHgap(12);
        values.setVgap(3);
        empty.getStyleClass().add("muted");
        empty.setWrapText(true);
        HBox head = new HBox(10, title, rule);
        head.setAlignment(Pos.BASELINE_LEFT);
        VBox box = new VBox(8, empty, head, since, narration, values, extra);
        box.getStyleClass().add("step-detail");
        return box;
    }

    private void initListeners() {
        model.player().stepsProperty().addListener(stepsListener);
        model.player().selectedStepProperty().addListener(selectedListener);
        model.player().playingProperty().addListener(playingListener);
        list.getSelectionModel().selectedIndexProperty().addListener((o, a, i) -> {
            if (!syncing && i.intValue() >= 0) model.player().selectStep(i.intValue());
        });
        slider.valueProperty().addListener((o, a, v) -> {
            if (!syncing) model.player().selectStep((int) Math.round(v.doubleValue()));
        });
        addEventFilter(KeyEvent.KEY_PRESSED, this::key);
        tick.setOnFinished(e -> {
            if (model.player().advance()) schedule();
        });
    }

    void dispose() {
        model.player().stepsProperty().removeListener(stepsListener);
        model.player().selectedStepProperty().removeListener(selectedListener);
        model.player().playingProperty().removeListener(playingListener);
        tick.stop();
    }

    private void key(KeyEvent e) {
        boolean handled = true;
        switch (e.getCode()) {
            case SPACE -> model.player().togglePlay();
            case LEFT, UP -> model.player().previousStep();
            case RIGHT, DOWN -> model.player().nextStep();
            case HOME -> model.player().firstStep();
            case END -> model.player().lastStep();
            default -> handled = false;
        }
        if (handled) e.consume();
    }

    private void showSteps() {
        syncing = true;
        try {
            List<Step> steps = model.player().stepsProperty();
            list.getItems().setAll(steps);
            slider.setMax(Math.max(0, steps.size() - 1));
            slider.setDisable(steps.size() < 2);
        } finally {
            syncing = false;
        }
        // A new mapping selects its step right after: the detail is drawn once, then.
        Step selected = model.player().selectedStepProperty().get();
        if (selected == null || model.player().stepsProperty().contains(selected)) showSelected(model.player()
                .selectedStepIndexProperty().get());
    }

    private void showSelectedStep() {
        showSelected(model.player().selectedStepIndexProperty().get());
    }

    private void showSelected(int i) {
        List<Step> steps = model.player().stepsProperty();
        boolean has = i >= 0 && i < steps.size();
        syncing = true;
        try {
            if (has) {
                list.getSelectionModel().select(i);
                list.scrollTo(Math.max(0, i - 2));
                slider.setValue(i);
            } else {
                list.getSelectionModel().clearSelection();
            }
        } finally {
            syncing = false;
        }
        position.setText(steps.isEmpty() ? "no steps" : "Step " + (has ? i + 1 : 0) + " of " + steps.size());
        play.setDisable(steps.isEmpty());
        empty.setVisible(!has);
        empty.setManaged(!has);
        for (Node n : List.of(title, rule, narration, values, extra)) {
            n.setVisible(has);
            n.setManaged(has);
        }
        if (!has) {
            since.setVisible(false);
            since.setManaged(false);
        }
        if (!has) return;
        Step s = steps.get(i);
        title.setText((i + 1) + ". " + s.title());
        rule.setText(s.ruleId().isEmpty() ? "bookkeeping" : s.ruleId());
        ruleTip.setText(s.ruleId().isEmpty() ? "Not a kernel rule: the model's own bookkeeping"
                : "The rules of kernel-dma-rules.md this step follows");
        since.setText(s.since().isEmpty() ? "" : "Kernel history: " + s.since());
        since.setVisible(!s.since().isEmpty());
        since.setManaged(!s.since().isEmpty());
        narration.setText(s.narration());
        showValues(s);
        showExtra(s, model.mappingProperty().get());
    }

    private void showValues(Step s) {
        values.getChildren().clear();
        int row = 0;
        row = rows("in", s.inputs(), row);
        rows("out", s.outputs(), row);
    }

    private int rows(String side, Map<String, String> map, int row) {
        boolean firstRow = true;
        for (Map.Entry<String, String> e : map.entrySet()) {
            Label tag = new Label(firstRow ? side : "");
            tag.getStyleClass().addAll("value-side", side);
            tag.setMinWidth(Region.USE_PREF_SIZE);
            Label name = new Label(e.getKey());
            name.getStyleClass().add("value-name");
            name.setMinWidth(Region.USE_PREF_SIZE);
            Label value = new Label(e.getValue());
            value.getStyleClass().add("value");
            value.setWrapText(true);
            values.addRow(row++, tag, name, value);
            firstRow = false;
        }
        return row;
    }

    private void showExtra(Step s, Mapping m) {
        extra.getChildren().clear();
        if (m == null) return;
        switch (s.kind()) {
            case ROUTE -> m.route().ifPresent(r -> extra.getChildren().add(hops(r.hops())));
            case SWIOTLB -> {
                if (!m.swiotlb().isEmpty()) extra.getChildren().add(slots(m.swiotlb()));
            }
            case IOVA_ALLOC -> {
                if (!m.iovaAllocations().isEmpty()) extra.getChildren().add(iovas(m.iovaAllocations()));
                extra.getChildren().add(link("The Page walk tab splits the IOVA into page-table indices.",
                        MappingDetailsView.PAGE_WALK_TAB_ID));
            }
            case PAGE_TABLE, IOVA_LINK -> extra.getChildren().add(link("The Page walk tab shows each level's entry.",
                    MappingDetailsView.PAGE_WALK_TAB_ID));
            case SCATTERLIST, PIN, FINALISE, DMA_DIRECT, BLOCK, RESULT -> extra.getChildren().add(link(
                    "The Scatter list tab shows the rows of this step.", MappingDetailsView.SCATTER_LIST_TAB_ID));
            default -> {
            }
        }
    }

    private Node hops(List<RouteHop> hops) {
        GridPane g = new GridPane();
        g.setId(HOPS_ID);
        g.getStyleClass().add("step-hops");
        g.setHgap(10);
        g.setVgap(3);
        for (int i = 0; i < hops.size(); i++) {
            RouteHop h = hops.get(i);
            Label n = new Label(Integer.toString(i + 1));
            n.getStyleClass().addAll("hop-number", "decision-" + h.decision().name().toLowerCase(Locale.ROOT)
                    .replace('_', '-'));
            n.setMinWidth(Region.USE_PREF_SIZE);
            Label node = new Label(h.node());
            node.getStyleClass().add("hop-node");
            node.setMinWidth(Region.USE_PREF_SIZE);
            Label what = new Label(h.decision().words());
            what.getStyleClass().add("hop-decision");
            what.setMinWidth(Region.USE_PREF_SIZE);
            String link = h.linkToNext().map(l -> "  · link to next: " + l)
                    .orElse(h.linkNote().isEmpty() ? "" : "  · " + h.linkNote());
            Label why = new Label(h.role() + ": " + h.explanation() + link);
            why.setWrapText(true);
            why.getStyleClass().add("hop-why");
            g.addRow(i, n, node, what, why);
        }
        return g;
    }

    private Node slots(List<SwiotlbAllocation> list) {
        VBox box = new VBox(2);
        box.getStyleClass().add("step-slots");
        Label head = new Label("Bounce buffers this mapping holds (2 KiB swiotlb slots):");
        head.getStyleClass().add("extra-heading");
        box.getChildren().add(head);
        int shown = 0;
        for (SwiotlbAllocation a : list) {
            if (shown++ == 12) {
                box.getChildren().add(new Label("… and " + (list.size() - 12) + " more"));
                break;
            }
            Label l = new Label(Hex.addr(a.origAddr()) + "  →  " + Hex.addr(a.tlbAddr()) + "   slots " + a.firstSlot()
                    + "–"
                    + (a.firstSlot() + a.nslots() - 1) + " (area " + a.area() + "), " + ByteSize.human(a.mappingSize())
                            + " copied");
            l.getStyleClass().add("mono");
            box.getChildren().add(l);
        }
        return box;
    }

    private Node iovas(List<MapTrace.IovaAllocation> list) {
        VBox box = new VBox(2);
        Label head = new Label("IOVA ranges allocated:");
        head.getStyleClass().add("extra-heading");
        box.getChildren().add(head);
        int shown = 0;
        for (MapTrace.IovaAllocation a : list) {
            if (shown++ == 12) {
                box.getChildren().add(new Label("… and " + (list.size() - 12) + " more"));
                break;
            }
            Label l = new Label(Hex.addr(a.iova()) + " + " + ByteSize.human(a.bytes())
                    + (a.fromRangeCache() ? "  (from the rcache)" : "")
                    + (a.above32Bit() ? "  (above 4 GiB)" : "  (below 4 GiB)"));
            l.getStyleClass().add("mono");
            box.getChildren().add(l);
        }
        return box;
    }

    private Node link(String text, String tabId) {
        Hyperlink h = new Hyperlink(text);
        h.setId(TAB_LINK_ID);
        h.setOnAction(e -> showTab.accept(tabId));
        return h;
    }

    private void showPlaying(boolean playing) {
        play.setText(playing ? "❚❚  Pause" : "▶  Play");
        if (playing) schedule();
        else tick.stop();
    }

    /** Longer narration stays longer on screen. */
    private void schedule() {
        Step s = model.player().selectedStepProperty().get();
        int words = s == null ? 0 : s.narration().split("\\s+").length;
        tick.setDuration(Duration.millis(Math.min(6000, 1400 + 90.0 * words) / model.player().speedProperty().get()));
        tick.playFromStart();
    }

    /** The list row of a step: number, kind tag, title, rule. */
    private static final class StepCell extends ListCell<Step> {
        private final Label number = new Label();
        private final Label kind = new Label();
        private final Label text = new Label();
        private final Label ruleId = new Label();
        private final HBox box = new HBox(8, number, kind, text, ruleId);

        StepCell() {
            number.getStyleClass().add("step-number");
            number.setMinWidth(22);
            kind.getStyleClass().add("step-kind");
            kind.setMinWidth(Region.USE_PREF_SIZE);
            text.setMinWidth(0);
            HBox.setHgrow(text, Priority.ALWAYS);
            text.setMaxWidth(Double.MAX_VALUE);
            ruleId.getStyleClass().add("step-rule-small");
            ruleId.setMinWidth(Region.USE_PREF_SIZE);
            box.setAlignment(Pos.CENTER_LEFT);
            // As wide as the list, never wider: the title gives way (…), the rule id stays whole.
            setPrefWidth(0);
        }

        @Override
        protected void updateItem(Step s, boolean emptyCell) {
            super.updateItem(s, emptyCell);
            if (emptyCell || s == null) {
                setGraphic(null);
                return;
            }
            number.setText((getIndex() + 1) + ".");
            kind.setText(kindWords(s.kind()));
            StyleVariant.set(kind, "kind-", s.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'));
            text.setText(s.title());
            String r = s.ruleId();
            int comma = r.indexOf(',');
            ruleId.setText(comma > 0 ? r.substring(0, comma) + " …" : r);
            setGraphic(box);
            setText(null);
        }
    }

    static String kindWords(StepKind k) {
        switch (k) {
            case DEVICE:
                return "device";
            case PIN:
                return "pages";
            case P2P:
                return "P2P";
            case ROUTE:
                return "route";
            case SCATTERLIST:
                return "sg";
            case DISPATCH:
                return "dispatch";
            case DMA_DIRECT:
                return "direct";
            case SWIOTLB:
                return "swiotlb";
            case IOVA_ALLOC:
                return "IOVA";
            case PAGE_TABLE:
                return "page table";
            case FINALISE:
                return "merge";
            case BLOCK:
                return "block";
            case IOVA_LINK:
                return "link";
            case RESULT:
                return "result";
            default:
                return "error";
        }
    }

    /** The split's list, for tests. */
    ListView<Step> list() {
        return list;
    }
}
