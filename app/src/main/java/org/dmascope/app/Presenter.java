package org.dmascope.app;

import java.util.List;

import javafx.application.Platform;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;
import javafx.stage.Screen;
import javafx.stage.Stage;

import org.dmascope.views.mapping.LessonPanel;
import org.dmascope.views.mapping.MappingWorkspace;
import org.dmascope.views.topology.TopologyCanvas;

/**
 * Showing the app to a room: the UI scale (Ctrl+= / Ctrl+- / Ctrl+0, remembered), presenter mode
 * (F11: full screen, larger still, the inspector put away so the machine, the current step and the
 * lesson's narration get the room), the playback speed of the step player, the route animation and a
 * lesson's drops (remembered), and a laser pointer: a red dot that follows the mouse over the machine.
 */
final class Presenter {
    static final String SCALED_ID = "scaled-content";
    static final String LASER_ID = "laser-dot";
    static final String PRESENTER_ITEM_ID = "presenter-item";
    static final String LASER_ITEM_ID = "laser-item";
    static final String BIGGER_ID = "text-bigger-item";
    static final String SMALLER_ID = "text-smaller-item";
    static final String ACTUAL_ID = "text-actual-item";
    /** The UI scales Ctrl+= and Ctrl+- step through. */
    static final List<Double> SCALES = List.of(0.8, 0.9, 1.0, 1.1, 1.25, 1.4, 1.6, 1.8, 2.0, 2.25, 2.5);
    static final List<Double> SPEEDS = List.of(0.25, 0.5, 0.75, 1.0, 1.5, 2.0);
    /** In presenter mode and in a lesson the details ask for less room after a drop: the machine comes first. */
    static final double PRESENTER_DETAILS_ROOM = 230;
    /** The machine's share of the height over the verdict and the details in presenter mode. */
    static final double PRESENTER_DIVIDER = 0.54;
    /** Where the narration's column starts in presenter mode. */
    static final double PRESENTER_SIDE = 0.7;

    private final Stage stage;
    private final AppPreferences preferences;
    private final MappingWorkspace workspace;
    private final SplitPane split;
    private final Node side;
    private final Node inspector;
    private final LessonPanel lessonPanel;
    private final ScaledPane scaled;
    private final Pane laserLayer = new Pane();
    private final Circle laser = new Circle(11);
    private final CheckMenuItem presenterItem = new CheckMenuItem("Presenter Mode");
    private final CheckMenuItem laserItem = new CheckMenuItem("Laser Pointer");
    private final ToggleGroup speeds = new ToggleGroup();
    private boolean presenting;
    private Parent root;
    private double[] dividersBefore;

    /**
     * @param split the window's split: the mapping workspace, then {@code side}
     * @param side  the right-hand column: the lesson panel over the inspector, which presenter mode puts away
     */
    Presenter(Stage stage, AppPreferences preferences, MappingWorkspace workspace, SplitPane split, Node side,
            Node inspector, LessonPanel lessonPanel, Parent content) {
        this.stage = stage;
        this.preferences = preferences;
        this.workspace = workspace;
        this.split = split;
        this.side = side;
        this.inspector = inspector;
        this.lessonPanel = lessonPanel;
        this.scaled = new ScaledPane(content);
        scaled.setId(SCALED_ID);
        laser.setId(LASER_ID);
        laser.setStyle("-fx-fill: rgba(255, 30, 30, 0.55); -fx-stroke: rgba(255, 60, 60, 0.9); -fx-stroke-width: 2;"
                + " -fx-effect: dropshadow(gaussian, rgba(255, 0, 0, 0.7), 18, 0.3, 0, 0);");
        laser.setVisible(false);
        laser.setManaged(false);
        laserLayer.getChildren().add(laser);
        laserLayer.setMouseTransparent(true);
        laserLayer.setPickOnBounds(false);
        scaled.scaleProperty().set(preferences.uiScale());
        // Applied, not stored again: storing flushes the preferences to disk, which the first frame waited for.
        showSpeed(preferences.playbackSpeed());
        stage.setFullScreenExitKeyCombination(KeyCombination.NO_MATCH);
        stage.setFullScreenExitHint("F11 leaves presenter mode");
        // The window manager (or another key) may end full screen: presenter mode ends with it.
        stage.fullScreenProperty().addListener((o, a, full) -> {
            // The stage may carry another window's scene by now (tests start windows on one stage).
            if (!full && presenting && root != null && stage.getScene() != null && stage.getScene().getRoot() == root) {
                setPresenting(false);
            }
        });
        // Full screen comes from the window manager in steps: each new width puts the column back in its place.
        split.widthProperty().addListener((o, a, w) -> placeSide());
        // In presenter mode the column is there only for a lesson's narration.
        lessonPanel.player().scenarioProperty().addListener((o, a, s) -> {
            if (presenting) arrangeSide();
            detailsRoom();
        });
    }

    /** The window's root: the scaled content with the laser pointer's layer over it. */
    Parent root() {
        BorderPane root = new BorderPane(new StackPane(scaled, laserLayer));
        this.root = root;
        root.addEventFilter(MouseEvent.MOUSE_MOVED, this::pointer);
        root.addEventFilter(MouseEvent.MOUSE_DRAGGED, this::pointer);
        root.addEventFilter(MouseEvent.MOUSE_EXITED, e -> laser.setVisible(false));
        // Before the focused control: the canvas takes = - 0 for its zoom whatever the modifiers, and a key it
        // consumes never reaches the menus' accelerators.
        root.addEventFilter(KeyEvent.KEY_PRESSED, this::scaleKey);
        return root;
    }

    /** The View menu's items: text size, presenter mode, laser pointer, playback speed. */
    List<MenuItem> menuItems() {
        MenuItem bigger = item("Larger Text", BIGGER_ID, new KeyCodeCombination(KeyCode.EQUALS,
                KeyCombination.SHORTCUT_DOWN), () -> stepScale(1));
        MenuItem smaller = item("Smaller Text", SMALLER_ID, new KeyCodeCombination(KeyCode.MINUS,
                KeyCombination.SHORTCUT_DOWN), () -> stepScale(-1));
        MenuItem actual = item("Actual Text Size", ACTUAL_ID, new KeyCodeCombination(KeyCode.DIGIT0,
                KeyCombination.SHORTCUT_DOWN), () -> setScale(1.0));
        presenterItem.setId(PRESENTER_ITEM_ID);
        presenterItem.setAccelerator(new KeyCodeCombination(KeyCode.F11));
        presenterItem.setOnAction(e -> setPresenting(presenterItem.isSelected()));
        laserItem.setId(LASER_ITEM_ID);
        laserItem.setAccelerator(new KeyCodeCombination(KeyCode.L, KeyCombination.SHORTCUT_DOWN));
        laserItem.setOnAction(e -> {
            if (!laserItem.isSelected()) laser.setVisible(false);
        });
        Menu speed = new Menu("Playback Speed");
        speed.setId("speed-menu");
        for (double v : SPEEDS) {
            RadioMenuItem r = new RadioMenuItem(speedWords(v));
            r.setId("speed-" + String.valueOf(v).replace('.', '_') + "-item");
            r.setToggleGroup(speeds);
            r.setUserData(v);
            r.setSelected(Math.abs(v - preferences.playbackSpeed()) < 1e-9);
            r.setOnAction(e -> setSpeed(v));
            speed.getItems().add(r);
        }
        return List.of(new SeparatorMenuItem(), bigger, smaller, actual, new SeparatorMenuItem(), presenterItem,
                laserItem, speed);
    }

    static String speedWords(double v) {
        String n = v == Math.rint(v) ? String.valueOf((int) v) : String.valueOf(v);
        return n + "×" + (v == 1.0 ? " (normal)" : v < 1 ? " (slower)" : " (faster)");
    }

    double scale() {
        return scaled.scaleProperty().get();
    }

    boolean presenting() {
        return presenting;
    }

    /** The UI scale the user chose; presenter mode multiplies it. */
    void setScale(double s) {
        double v = Math.max(SCALES.get(0), Math.min(SCALES.get(SCALES.size() - 1), s));
        preferences.setUiScale(v);
        applyScale();
    }

    private void stepScale(int direction) {
        double now = preferences.uiScale();
        double next = now;
        if (direction > 0) {
            next = SCALES.stream().filter(x -> x > now + 1e-9).findFirst().orElse(now);
        } else {
            for (double x : SCALES) if (x < now - 1e-9) next = x;
        }
        setScale(next);
    }

    private void applyScale() {
        scaled.scaleProperty().set(preferences.uiScale() * (presenting ? presenterFactor() : 1.0));
    }

    /**
     * Larger type on a projector, growing with the screen: 1.5 times on 1920 px; a 1280 px screen has no room
     * to spare (the narration's own type is larger there, and Ctrl+= still scales).
     */
    private double presenterFactor() {
        double w = Screen.getScreensForRectangle(stage.getX(), stage.getY(), Math.max(1, stage.getWidth()),
                Math.max(1, stage.getHeight())).stream().findFirst().orElse(Screen.getPrimary())
                .getBounds().getWidth();
        return Math.max(1.0, Math.min(1.5, w / 1280));
    }

    void setSpeed(double v) {
        preferences.setPlaybackSpeed(v);
        showSpeed(preferences.playbackSpeed());
    }

    private void showSpeed(double s) {
        workspace.model().player().speedProperty().set(s);
        workspace.topologyView().canvas().routeSpeedProperty().set(s);
        speeds.getToggles().forEach(t -> t.setSelected(Math.abs((double) t.getUserData() - s) < 1e-9));
    }

    /** Presenter mode: full screen, larger, the inspector put away, the lesson's narration large. */
    void setPresenting(boolean on) {
        if (on == presenting) return;
        if (on) dividersBefore = split.getDividerPositions();
        presenting = on;
        presenterItem.setSelected(on);
        inspector.setVisible(!on);
        inspector.setManaged(!on);
        arrangeSide();
        if (!on && dividersBefore != null) split.setDividerPositions(dividersBefore);
        lessonPanel.setPresenting(on);
        // The narration has the column to itself: its background fills it.
        VBox.setVgrow(lessonPanel, on ? Priority.ALWAYS : null);
        detailsRoom();
        stage.setFullScreen(on);
        applyScale();
        TopologyCanvas canvas = workspace.topologyView().canvas();
        // Once the new size is laid out, the machine gets the room and is shown whole again.
        Platform.runLater(() -> {
            SplitPane inner = (SplitPane) workspace.lookup("#" + MappingWorkspace.SPLIT_ID);
            if (on && inner != null) inner.setDividerPositions(PRESENTER_DIVIDER);
            placeSide();
            Platform.runLater(canvas::fit);
        });
    }

    /** A lesson or a presentation is about the machine: after a drop the details take less of it. */
    private void detailsRoom() {
        boolean lesson = lessonPanel.player().scenarioProperty().get() != null;
        workspace.setDetailsRoom(presenting || lesson ? PRESENTER_DETAILS_ROOM : MappingWorkspace.DETAILS_ROOM);
    }

    /**
     * In presenter mode the narration's column takes {@code 1 - PRESENTER_SIDE} of the width, held by its
     * maximum width too: the divider alone gave way to the column's content under a real window manager.
     */
    private void placeSide() {
        if (!(side instanceof Region r)) return;
        if (presenting && split.getItems().contains(side) && split.getWidth() > 0) {
            r.setMaxWidth(split.getWidth() * (1 - PRESENTER_SIDE));
            split.setDividerPositions(PRESENTER_SIDE);
        } else {
            r.setMaxWidth(Double.MAX_VALUE);
        }
    }

    /** The right-hand column: always outside presenter mode; in it, only while a lesson plays. */
    private void arrangeSide() {
        boolean wanted = !presenting || lessonPanel.player().scenarioProperty().get() != null;
        boolean there = split.getItems().contains(side);
        placeSide();
        if (wanted && !there) {
            split.getItems().add(side);
            split.setDividerPositions(presenting ? PRESENTER_SIDE : dividersBefore != null ? dividersBefore[0] : 0.7);
        } else if (!wanted && there) {
            split.getItems().remove(side);
        } else if (wanted && presenting) {
            split.setDividerPositions(PRESENTER_SIDE);
        }
    }

    private void scaleKey(KeyEvent e) {
        if (!e.isShortcutDown() || e.isAltDown()) return;
        switch (e.getCode()) {
            case EQUALS, PLUS, ADD -> stepScale(1);
            case MINUS, SUBTRACT -> stepScale(-1);
            case DIGIT0, NUMPAD0 -> setScale(1.0);
            default -> {
                return;
            }
        }
        e.consume();
    }

    private void pointer(MouseEvent e) {
        if (!laserItem.isSelected()) return;
        TopologyCanvas canvas = workspace.topologyView().canvas();
        Bounds b = canvas.localToScene(canvas.getLayoutBounds());
        boolean over = b != null && b.contains(e.getSceneX(), e.getSceneY());
        laser.setVisible(over);
        if (!over) return;
        Point2D p = laserLayer.sceneToLocal(e.getSceneX(), e.getSceneY());
        laser.setCenterX(p.getX());
        laser.setCenterY(p.getY());
    }

    private static MenuItem item(String text, String id, KeyCombination key, Runnable action) {
        MenuItem m = new MenuItem(text);
        m.setId(id);
        m.setAccelerator(key);
        m.setOnAction(e -> action.run());
        return m;
    }
}
