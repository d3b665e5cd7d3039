package org.dmascope.views.mapping;

import javafx.beans.InvalidationListener;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import org.dmascope.model.session.scenario.Scenario;
import org.dmascope.views.common.Resources;

/**
 * The lesson's narration (the app puts it at the top of the window's right-hand column): the title,
 * "step n of m", the page's narration, what its steps did and any unmet expectation, Back / Next /
 * Restart. The keys: Right or Page Down next, Left or Page Up back, Home restart, Esc closes (Page Down
 * and Page Up also from anywhere in the window, for a presenter's clicker: see {@link #handleWindowKey}).
 */
public final class LessonPanel extends BorderPane {
    public static final String ID = "lesson-panel";
    public static final String TITLE_ID = "lesson-title";
    public static final String NARRATION_ID = "lesson-narration";
    public static final String POSITION_ID = "lesson-position";
    public static final String RESULTS_ID = "lesson-results";
    public static final String FAILURES_ID = "lesson-failures";
    public static final String NEXT_ID = "lesson-next";
    public static final String BACK_ID = "lesson-back";
    public static final String RESTART_ID = "lesson-restart";
    public static final String CLOSE_ID = "lesson-close";
    static final String STYLESHEET = Resources.stylesheet(LessonPanel.class, "lesson-panel.css");

    private final LessonPlayer player;
    private final Label title = new Label();
    private final Label position = new Label();
    private final Label narration = new Label();
    private final VBox results = new VBox(1);
    private final VBox failures = new VBox(2);
    private final Button next = new Button("Next ▶");
    private final Button back = new Button("◀ Back");
    private final Button restart = new Button("Restart");
    private final Button close = new Button("✕");
    private final InvalidationListener refresh = o -> refresh();
    private final ListChangeListener<String> listRefresh = c -> refresh();

    public LessonPanel(LessonPlayer player) {
        this.player = player;
        setId(ID);
        getStyleClass().add("lesson-panel");
        getStylesheets().add(STYLESHEET);
        title.setId(TITLE_ID);
        title.getStyleClass().add("lesson-title");
        position.setId(POSITION_ID);
        position.getStyleClass().add("lesson-position");
        narration.setId(NARRATION_ID);
        narration.getStyleClass().add("lesson-narration");
        narration.setWrapText(true);
        narration.setMinHeight(Region.USE_PREF_SIZE);
        results.setId(RESULTS_ID);
        failures.setId(FAILURES_ID);
        title.setWrapText(true);
        title.setMinHeight(Region.USE_PREF_SIZE);
        title.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(title, Priority.ALWAYS);
        next.setId(NEXT_ID);
        next.getStyleClass().add("lesson-next");
        back.setId(BACK_ID);
        restart.setId(RESTART_ID);
        close.setId(CLOSE_ID);
        close.setTooltip(new Tooltip("Close the lesson (Esc); what is mapped stays"));
        next.setOnAction(e -> player.next());
        back.setOnAction(e -> player.back());
        restart.setOnAction(e -> player.restart());
        close.setOnAction(e -> player.close());
        for (Button b : new Button[] {next, back, restart, close}) b.setMinWidth(Region.USE_PREF_SIZE);
        HBox heading = new HBox(8, title, close);
        heading.setAlignment(Pos.TOP_LEFT);
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox buttons = new HBox(6, back, next, gap, restart);
        buttons.setAlignment(Pos.CENTER_LEFT);
        // A long page scrolls between the heading and the buttons, which stay in view.
        VBox body = new VBox(6, narration, results, failures);
        ScrollPane scroll = new ScrollPane(body);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.setPrefViewportHeight(260);
        scroll.setMinViewportHeight(140);
        scroll.setMaxHeight(Region.USE_PREF_SIZE);
        scroll.getStyleClass().add("lesson-scroll");
        VBox text = new VBox(6, heading, position, scroll, buttons);
        text.setFillWidth(true);
        VBox.setMargin(buttons, new Insets(4, 0, 0, 0));
        setCenter(text);
        addEventHandler(KeyEvent.KEY_PRESSED, this::key);
        player.pageProperty().addListener(refresh);
        player.busyProperty().addListener(refresh);
        player.scenarioProperty().addListener(refresh);
        player.results().addListener(listRefresh);
        player.failures().addListener(listRefresh);
        refresh();
    }

    /** Stops following the player, which outlives this panel. */
    public void dispose() {
        player.pageProperty().removeListener(refresh);
        player.busyProperty().removeListener(refresh);
        player.scenarioProperty().removeListener(refresh);
        player.results().removeListener(listRefresh);
        player.failures().removeListener(listRefresh);
    }

    public LessonPlayer player() {
        return player;
    }

    /** Large type for a projector. */
    public void setPresenting(boolean on) {
        if (on && !getStyleClass().contains("presenting")) getStyleClass().add("presenting");
        if (!on) getStyleClass().remove("presenting");
    }

    /** Puts the keyboard on Next. */
    public void focusNext() {
        next.requestFocus();
    }

    /**
     * Page Down and Page Up from anywhere in the window while a lesson plays (what a presenter's clicker
     * sends). @return true when the key was taken
     */
    public boolean handleWindowKey(KeyEvent e) {
        if (player.scenarioProperty().get() == null) return false;
        if (e.getCode() == KeyCode.PAGE_DOWN) {
            player.next();
            return true;
        }
        if (e.getCode() == KeyCode.PAGE_UP) {
            player.back();
            return true;
        }
        return false;
    }

    private void key(KeyEvent e) {
        switch (e.getCode()) {
            case RIGHT, PAGE_DOWN -> player.next();
            case LEFT, PAGE_UP -> player.back();
            case HOME -> player.restart();
            case ESCAPE -> player.close();
            default -> {
                return;
            }
        }
        e.consume();
    }

    private void refresh() {
        Scenario s = player.scenarioProperty().get();
        setVisible(s != null);
        setManaged(s != null);
        if (s == null) return;
        title.setText(s.title());
        int p = player.pageProperty().get();
        int n = player.pageCountProperty().get();
        boolean busy = player.busyProperty().get();
        position.setText((p == 0 ? "introduction · " + n + " steps" : "step " + p + " of " + n)
                + (busy ? " · working…" : ""));
        narration.setText(busy && p == 0 && player.results().isEmpty() ? "Preparing the machine…" : player.narration());
        results.getChildren().setAll(player.results().stream().map(l -> line(l, "lesson-result")).toList());
        failures.getChildren().setAll(player.failures().stream().map(l -> line("✗ " + l, "lesson-failure")).toList());
        // Not disabled while busy: a disabled button loses the keyboard, and the player ignores a press then.
        next.setDisable(p >= n);
        back.setDisable(p == 0);
        next.setText(p == n && n > 0 ? "End" : p == 0 ? "Start ▶" : "Next ▶");
    }

    private static Label line(String text, String style) {
        Label l = new Label(text);
        l.getStyleClass().add(style);
        l.setWrapText(true);
        l.setMinHeight(Region.USE_PREF_SIZE);
        return l;
    }
}
