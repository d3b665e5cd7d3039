package org.dmascope.views.mapping;

import java.util.ArrayList;
import java.util.List;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.DoubleBinding;
import javafx.beans.value.ChangeListener;
import javafx.collections.ListChangeListener;
import javafx.collections.MapChangeListener;
import javafx.geometry.Bounds;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.SnapshotParameters;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.stage.Popup;

/**
 * The buffers of the open machine as chips, with a hint how to use them. A chip is dragged onto a
 * device, or picked with the keyboard (Enter) for the keyboard path; its ▾ button opens its settings.
 */
final class BufferStrip extends HBox {
    static final String STYLE_CLASS = "buffer-strip";
    static final String HINT_ID = "buffer-hint";
    /** The drag-and-drop payload: this prefix and the source's key. */
    static final String DRAG_PREFIX = "dmascope-buffer:";

    /** What the strip tells the workspace. */
    interface Listener {
        void dragStarted(BufferSource source);

        void dragEnded();

        /** The chip was picked with Enter: the user now chooses the device. */
        void armed();
    }

    private final MappingViewModel model;
    private final Listener listener;
    private final List<String> stylesheets;
    private final HBox chips = new HBox(8);
    private final ScrollPane chipScroller = new ScrollPane();
    /** Height of the chips' horizontal scroll bar (Modena's at the default font) and a gap above it. */
    private static final double SCROLL_BAR_ROOM = 16;
    private final Label hint = new Label();
    private final Popup popup = new Popup();
    private final ListChangeListener<BufferSource> sourcesListener = c -> rebuild();
    private final ChangeListener<BufferSource> selectionListener = (o, a, b) -> showSelection();
    private final ChangeListener<Boolean> armedListener = (o, a, b) -> showSelection();
    private final MapChangeListener<BufferSource, BufferSettings> settingsListener = c -> showSettings();

    BufferStrip(MappingViewModel model, Listener listener, List<String> stylesheets) {
        this.model = model;
        this.listener = listener;
        this.stylesheets = stylesheets;
        getStyleClass().add(STYLE_CLASS);
        setAlignment(Pos.CENTER_LEFT);
        Label heading = new Label("Buffers");
        heading.getStyleClass().add("heading");
        heading.setMinWidth(Region.USE_PREF_SIZE);
        chips.setAlignment(Pos.CENTER_LEFT);
        chips.getStyleClass().add("buffer-chips-row");
        hint.setId(HINT_ID);
        hint.getStyleClass().add("hint");
        hint.setMinWidth(0);
        hint.setWrapText(true);
        // Two lines at most: on a narrow window the hint must not push the strip over the menu bar.
        hint.setMinHeight(0);
        hint.setMaxHeight(34);
        hint.setTextOverrun(javafx.scene.control.OverrunStyle.ELLIPSIS);
        HBox.setHgrow(hint, Priority.ALWAYS);
        // The chips come first: the hint asks for little and takes what room they leave.
        hint.setPrefWidth(220);
        // A machine with many GPUs offers a dma-buf chip for each: the chips keep their size and scroll
        // sideways when the pane is narrower than they are (a chip reduced to "…" tells nothing), and they
        // never set the window's minimum width (the canvas pane's divider must keep moving).
        chipScroller.setContent(chips);
        chipScroller.setFitToHeight(false);
        chipScroller.setHbarPolicy(ScrollPane.ScrollBarPolicy.AS_NEEDED);
        chipScroller.setVbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        chipScroller.getStyleClass().add("buffer-chips");
        chipScroller.setMinWidth(0);
        // As tall as the chips, and the scroll bar under them when they are wider than the pane (the bar must
        // not cover the chips' second line).
        DoubleBinding height = Bindings.createDoubleBinding(() -> chips.getHeight()
                + (chips.getWidth() > chipScroller.getWidth() + 0.5 ? SCROLL_BAR_ROOM : 0),
                chips.heightProperty(), chips.widthProperty(), chipScroller.widthProperty());
        chipScroller.minHeightProperty().bind(height);
        chipScroller.prefHeightProperty().bind(height);
        chipScroller.maxHeightProperty().bind(height);
        chipScroller.prefWidthProperty().bind(chips.widthProperty().add(2));
        chipScroller.setMaxWidth(Region.USE_PREF_SIZE);
        HBox.setHgrow(chipScroller, Priority.SOMETIMES);
        chips.setMinWidth(Region.USE_PREF_SIZE);
        getChildren().addAll(heading, chipScroller, hint);
        popup.setAutoHide(true);
        model.sourcesProperty().addListener(sourcesListener);
        model.selectedSourceProperty().addListener(selectionListener);
        model.armedProperty().addListener(armedListener);
        model.settingsMap().addListener(settingsListener);
        rebuild();
    }

    void dispose() {
        model.sourcesProperty().removeListener(sourcesListener);
        model.selectedSourceProperty().removeListener(selectionListener);
        model.armedProperty().removeListener(armedListener);
        model.settingsMap().removeListener(settingsListener);
        popup.hide();
    }

    /** Puts the keyboard on the selected chip. */
    void focusSelected() {
        chipList().stream().filter(c -> c.source().equals(model.selectedSourceProperty().get())).findFirst()
                .or(() -> chipList().stream().findFirst()).ifPresent(BufferChip::requestFocus);
    }

    private List<BufferChip> chipList() {
        List<BufferChip> out = new ArrayList<>();
        chips.getChildren().forEach(n -> out.add((BufferChip) n));
        return out;
    }

    private void rebuild() {
        popup.hide();
        chips.getChildren().clear();
        for (BufferSource s : model.sourcesProperty()) chips.getChildren().add(chip(s));
        boolean none = model.sourcesProperty().isEmpty();
        hint.setText(none ? "No buffers yet: the RAM of this machine (as described, or assumed where the input "
                + "describes none) appears once its platform is worked out."
                : "Drag a buffer onto a device that does DMA — or press Enter on a buffer, pick the device with the "
                        + "arrow keys, "
                        + "and press Enter.");
        showSettings();
        showSelection();
    }

    private BufferChip chip(BufferSource s) {
        BufferChip chip = new BufferChip(s);
        chip.focusedProperty().addListener((o, was, now) -> {
            if (now) reveal(chip);
        });
        chip.addEventHandler(MouseEvent.MOUSE_PRESSED, e -> {
            model.selectedSourceProperty().set(s);
            chip.requestFocus();
        });
        chip.setOnDragDetected(e -> {
            model.selectedSourceProperty().set(s);
            Dragboard db = chip.startDragAndDrop(TransferMode.COPY);
            ClipboardContent c = new ClipboardContent();
            c.putString(DRAG_PREFIX + BufferSource.key(s));
            db.setContent(c);
            SnapshotParameters p = new SnapshotParameters();
            p.setFill(Color.TRANSPARENT);
            db.setDragView(chip.snapshot(p, null), e.getX(), e.getY());
            listener.dragStarted(s);
            e.consume();
        });
        chip.setOnDragDone(e -> listener.dragEnded());
        chip.addEventHandler(KeyEvent.KEY_PRESSED, e -> key(chip, e));
        chip.settingsButton().setOnAction(e -> openSettings(chip));
        return chip;
    }

    private void key(BufferChip chip, KeyEvent e) {
        List<BufferChip> all = chipList();
        int i = all.indexOf(chip);
        switch (e.getCode()) {
            case ENTER:
            case SPACE:
                model.selectedSourceProperty().set(chip.source());
                model.arm();
                listener.armed();
                e.consume();
                break;
            case LEFT:
            case RIGHT:
                int j = Math.max(0, Math.min(all.size() - 1, i + (e.getCode() == KeyCode.LEFT ? -1 : 1)));
                model.selectedSourceProperty().set(all.get(j).source());
                all.get(j).requestFocus();
                e.consume();
                break;
            case DOWN:
                if (e.isAltDown()) {
                    openSettings(chip);
                    e.consume();
                }
                break;
            default:
                break;
        }
    }

    /** Opens the chip's settings under it. */
    void openSettings(BufferChip chip) {
        BufferSource s = chip.source();
        model.selectedSourceProperty().set(s);
        BufferSettingsPane pane = new BufferSettingsPane(s, model.settingsOf(s), v -> model.setSettings(s, v));
        // The popup's scene takes the window's stylesheets (the theme) when it shows; this feature's own go on the
        // pane.
        pane.getStyleClass().add("buffer-popover");
        pane.getStylesheets().setAll(stylesheets);
        popup.getContent().setAll(pane);
        Scene scene = getScene();
        if (scene == null || scene.getWindow() == null) return;
        Bounds b = chip.localToScreen(chip.getBoundsInLocal());
        popup.show(chip, b.getMinX(), b.getMaxY() + 4);
    }

    /** The open settings popup, for tests. */
    Popup settingsPopup() {
        return popup;
    }

    void openSettingsOfSelected() {
        chipList().stream().filter(c -> c.source().equals(model.selectedSourceProperty().get())).findFirst()
                .ifPresent(this::openSettings);
    }

    private void showSettings() {
        for (BufferChip c : chipList()) c.show(model.settingsOf(c.source()));
    }

    private void showSelection() {
        BufferSource selected = model.selectedSourceProperty().get();
        for (BufferChip c : chipList()) {
            boolean on = c.source().equals(selected);
            c.setSelected(on);
            c.setArmed(on && model.armedProperty().get());
        }
    }

    /** Scrolls the chips so the focused one shows whole (the arrow keys walk past the strip's edge). */
    private void reveal(BufferChip chip) {
        double content = chips.getWidth();
        double view = chipScroller.getViewportBounds().getWidth();
        if (content <= view) return;
        Bounds b = chip.getBoundsInParent();
        double left = chipScroller.getHvalue() * (content - view);
        if (b.getMinX() < left) left = b.getMinX();
        else if (b.getMaxX() > left + view) left = b.getMaxX() - view;
        chipScroller.setHvalue(left / (content - view));
    }
}
