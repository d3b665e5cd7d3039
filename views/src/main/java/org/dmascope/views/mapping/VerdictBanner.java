package org.dmascope.views.mapping;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

import javafx.animation.AnimationTimer;
import javafx.beans.value.ChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import org.dmascope.model.session.MapOutcome;
import org.dmascope.model.util.ByteSize;
import org.dmascope.views.common.StyleVariant;

/**
 * The verdict of the last drop in words: a tag with the map type, a headline saying which way the data
 * goes, the addresses the device is given and why, and for a refusal what would change it. While the
 * engine runs it shows a progress indicator with the elapsed time and a Cancel button.
 */
final class VerdictBanner extends HBox {
    static final String STYLE_CLASS = "verdict-banner";
    static final String ID = "verdict-banner";
    static final String CODE_ID = "verdict-code";
    static final String HEADLINE_ID = "verdict-headline";
    static final String DETAIL_ID = "verdict-detail";
    static final String REMEDY_ID = "verdict-remedy";
    static final String TIMING_ID = "verdict-timing";
    static final String PROGRESS_ID = "mapping-progress";
    static final String ELAPSED_ID = "mapping-elapsed";
    static final String CANCEL_ID = "cancel-mapping-button";
    static final String REPLAY_ID = "replay-route-button";
    static final String AGAIN_ID = "map-again-button";
    static final String CHOICE_ID = "verdict-choice";
    static final String KERNEL_DECIDES_ID = "verdict-kernel-decides";
    static final String COPY_ID = "verdict-copy";
    static final String WHAT_IF = "What if (your choice): ";
    static final String IDLE = "Drag a buffer onto a device to see what the Linux kernel does with it: the path its "
            + "data takes, "
            + "the addresses the device is given, and why.";

    private final MappingViewModel model;
    private final Label code = new Label();
    private final Label headline = new Label();
    private final Label detail = new Label();
    private final Label remedy = new Label();
    private final Label timing = new Label();
    private final Label choice = new Label();
    private final Hyperlink kernelDecides = new Hyperlink("↺ Kernel decides");
    private final MenuButton copy = new MenuButton("Copy");
    private final Tooltip timingTip = new Tooltip();
    private final ProgressIndicator progress = new ProgressIndicator();
    private final Label elapsed = new Label();
    private final Button cancel = new Button("Cancel");
    private final Button replay = new Button("Replay route");
    private final Button again = new Button("Map again");
    private final HBox busy;
    private final AnimationTimer clock = new AnimationTimer() {
        @Override
        public void handle(long now) {
            showElapsed(now);
        }
    };
    private final ChangeListener<VerdictText> verdictListener = (o, a, v) -> show(v);
    private final ChangeListener<Boolean> runningListener = (o, a, r) -> showRunning(r);
    private final ChangeListener<MappingViewModel.Timing> timingListener = (o, a, t) -> showTiming(t);

    VerdictBanner(MappingViewModel model, Runnable replayRoute) {
        this.model = model;
        setId(ID);
        getStyleClass().add(STYLE_CLASS);
        setAlignment(Pos.CENTER_LEFT);
        code.setId(CODE_ID);
        code.getStyleClass().add("code");
        code.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        headline.setId(HEADLINE_ID);
        headline.getStyleClass().add("headline");
        headline.setWrapText(true);
        detail.setId(DETAIL_ID);
        detail.getStyleClass().add("detail");
        detail.setWrapText(true);
        remedy.setId(REMEDY_ID);
        remedy.getStyleClass().add("remedy");
        remedy.setWrapText(true);
        timing.setId(TIMING_ID);
        timing.getStyleClass().add("timing");
        timing.setTooltip(timingTip);
        choice.setId(CHOICE_ID);
        choice.getStyleClass().add("choice");
        choice.setWrapText(true);
        kernelDecides.setId(KERNEL_DECIDES_ID);
        kernelDecides.setOnAction(e -> model.options().kernelDecides());
        kernelDecides.setTooltip(new Tooltip("Give the IOMMU mode and the DMA parameters back to the kernel's rules "
                + "and the device"));
        HBox choiceRow = new HBox(6, choice, kernelDecides);
        choiceRow.setAlignment(Pos.BASELINE_LEFT);
        choiceRow.managedProperty().bind(choiceRow.visibleProperty());
        choiceRow.setVisible(false);
        kernelDecides.managedProperty().bind(kernelDecides.visibleProperty());
        VBox text = new VBox(2, headline, detail, remedy, choiceRow);
        text.setMinWidth(220);
        HBox.setHgrow(text, Priority.ALWAYS);
        progress.setId(PROGRESS_ID);
        progress.setPrefSize(22, 22);
        elapsed.setId(ELAPSED_ID);
        cancel.setId(CANCEL_ID);
        cancel.setOnAction(e -> model.cancel());
        busy = new HBox(8, progress, elapsed, cancel);
        busy.setAlignment(Pos.CENTER_LEFT);
        busy.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        replay.setId(REPLAY_ID);
        replay.setTooltip(new Tooltip("Draw the route on the topology again, hop by hop (Ctrl+R)"));
        replay.setOnAction(e -> replayRoute.run());
        again.setId(AGAIN_ID);
        again.setTooltip(new Tooltip("Map the same buffer once more while this mapping stays live: "
                + "the kernel puts the second one next to the first"));
        again.setOnAction(e -> model.mapAgain());
        copy.setId(COPY_ID);
        copy.setTooltip(new Tooltip("Copy the verdict, the steps with their rule ids, or the route as text, for a "
                + "bug report"));
        copy.getItems().setAll(copyItem("Copy Verdict", "copy-verdict-item", this::verdictText),
                copyItem("Copy Steps (with rule ids)", "copy-steps-item",
                        () -> MappingText.steps(model.mappingProperty().get())),
                copyItem("Copy Route", "copy-route-item", () -> MappingText.route(model.mappingProperty().get())));
        copy.setMaxWidth(Double.MAX_VALUE);
        // Two by two, not stacked: the banner stays two buttons high and leaves its height to the details.
        GridPane buttons = new GridPane();
        buttons.setHgap(4);
        buttons.setVgap(4);
        buttons.add(replay, 0, 0);
        buttons.add(again, 1, 0);
        buttons.add(copy, 0, 1);
        buttons.add(timing, 1, 1);
        GridPane.setHalignment(timing, javafx.geometry.HPos.RIGHT);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        buttons.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        replay.setMaxWidth(Double.MAX_VALUE);
        again.setMaxWidth(Double.MAX_VALUE);
        getChildren().addAll(code, text, busy, buttons);
        setMinHeight(USE_PREF_SIZE);
        model.verdictProperty().addListener(verdictListener);
        model.runningProperty().addListener(runningListener);
        model.timingProperty().addListener(timingListener);
        show(model.verdictProperty().get());
        showRunning(model.runningProperty().get());
    }

    void dispose() {
        model.verdictProperty().removeListener(verdictListener);
        model.runningProperty().removeListener(runningListener);
        model.timingProperty().removeListener(timingListener);
        clock.stop();
    }

    private void show(VerdictText v) {
        StyleVariant.set(this, "tone-", v == null ? "idle" : v.tone().name().toLowerCase(Locale.ROOT));
        if (v == null) {
            code.setText("READY");
            headline.setText("Drag a buffer, watch the kernel");
            detail.setText(IDLE);
            remedy.setText("");
            remedy.setManaged(false);
            remedy.setVisible(false);
            replay.setDisable(true);
            again.setDisable(true);
            copy.setDisable(true);
            timing.setText("");
            ((HBox) choice.getParent()).setVisible(false);
            return;
        }
        Optional<String> chosen = choiceNow();
        ((HBox) choice.getParent()).setVisible(chosen.isPresent());
        choice.setText(chosen.orElse(""));
        kernelDecides.setVisible(model.options().hasChoices());
        MapOutcome out = model.outcomeProperty().get();
        code.setText(v.code());
        headline.setText(out != null && out.iommuOverruled() ? WHAT_IF + v.headline() : v.headline());
        copy.setDisable(false);
        detail.setText(v.detail());
        remedy.setText(v.remedy().orElse(""));
        remedy.setManaged(v.remedy().isPresent());
        remedy.setVisible(v.remedy().isPresent());
        replay.setDisable(model.routeProperty().get() == null);
        again.setDisable(model.mappingProperty().get() == null || !model.mappingProperty().get().verdict().isOk());
    }

    /** The choices behind the shown outcome, in words; empty when the kernel and the device decided everything. */
    private Optional<String> choiceNow() {
        MapOutcome o = model.outcomeProperty().get();
        if (o == null) return Optional.empty();
        return ChoiceWords.of(o, model.options().kernelChosen() ? Optional.of(model.options()
                .kernelProperty().getValue()) : Optional.empty());
    }

    /** The verdict as the banner shows it, as text. */
    String verdictText() {
        VerdictText v = model.verdictProperty().get();
        if (v == null) return "";
        VerdictText shown = new VerdictText(v.tone(), v.code(), headline.getText(), v.detail(), v.remedy());
        return MappingText.verdict(shown, choiceNow(), model.mappingProperty().get());
    }

    private MenuItem copyItem(String text, String id, Supplier<String> what) {
        MenuItem m = new MenuItem(text);
        m.setId(id);
        m.setOnAction(e -> {
            ClipboardContent c = new ClipboardContent();
            c.putString(what.get());
            Clipboard.getSystemClipboard().setContent(c);
        });
        return m;
    }

    private void showRunning(boolean running) {
        busy.setVisible(running);
        busy.setManaged(running);
        if (running) {
            showElapsed(System.nanoTime());
            clock.start();
        } else {
            clock.stop();
        }
    }

    private void showElapsed(long now) {
        DropRequest d = model.runningDropProperty().get();
        double s = (now - model.runningSince()) / 1e9;
        String what = d == null ? "" : "Mapping " + ByteSize.human(d.settings().size()) + " for " + d.initiator()
                .shortText() + "… ";
        elapsed.setText(what + String.format(Locale.ROOT, "%.1f s", Math.max(0, s)));
    }

    private void showTiming(MappingViewModel.Timing t) {
        if (t == null) {
            timing.setText("");
            return;
        }
        timing.setText(String.format(Locale.ROOT, "engine %.1f ms", t.computeNanos() / 1e6));
        timingTip.setText(t.dropToPaintNanos() < 0 ? "The mapping engine's time"
                : String.format(Locale.ROOT,
                        "The mapping engine's time; the result was on screen %.0f ms after the drop",
                t.dropToPaintNanos() / 1e6));
    }
}
