package org.dmascope.views.topology;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import javafx.beans.value.ChangeListener;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.ContextMenuEvent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.stage.Popup;

import org.dmascope.model.edit.TopologyEdit;
import org.dmascope.model.topology.Topology;
import org.dmascope.views.common.AppIcon;
import org.dmascope.views.common.Resources;

/**
 * The topology feature: a search bar over the {@link TopologyCanvas}. Typing searches at once and
 * marks every match on the canvas; a list of matches drops down under the field; Enter (or Down then
 * Enter, or a click) selects and centres the next match; Esc clears the search and goes back to the
 * canvas.
 */
public final class TopologyView extends BorderPane {
    public static final String STYLE_CLASS = "topology-view";
    public static final String SEARCH_FIELD_ID = "search-field";
    public static final String SEARCH_STATUS_ID = "search-status";
    public static final String CANVAS_ID = "topology-canvas";
    public static final String MATCH_LIST_ID = "search-matches";
    private static final String STYLESHEET = Resources.stylesheet(TopologyView.class, "topology-view.css");
    private static final int MAX_VISIBLE_MATCHES = 12;
    static final String SEARCH_BAR = "search-bar";
    static final String SEARCH_FIELD = "search-field";
    static final String SEARCH_STATUS = "search-status";
    static final String SEARCH_MATCHES = "search-matches";
    private static final PseudoClass NO_MATCH = PseudoClass.getPseudoClass("none");

    private final TopologyViewModel model;
    private final TopologyCanvas canvas = new TopologyCanvas();
    private final TextField searchField = new TextField();
    private final Label searchStatus = new Label();
    private final ListView<DeviceSearch.Match> matchList = new ListView<>();
    private final Popup matchPopup = new Popup();
    private boolean syncing;

    private final ChangeListener<Topology> topologyListener = (obs, old, t) -> showTopology(t);
    private final ChangeListener<TopologyItem> selectionListener = (obs, old,
            item) -> sync(() -> canvas.setSelectedItem(item));
    private final ListChangeListener<DeviceSearch.Match> matchesListener = c -> matchesChanged();
    private final ChangeListener<TopologyViewModel.RevealRequest> revealListener = (obs, old, r) -> {
        if (r != null) canvas.reveal(r.item());
    };

    /** What the cards' context menu hands its what-if edits to; none: the canvas offers no edits. */
    private Consumer<TopologyEdit> editor;
    private ContextMenu editMenu;

    public TopologyView(TopologyViewModel model) {
        this.model = model;
        getStyleClass().add(STYLE_CLASS);
        getStylesheets().add(STYLESHEET);
        canvas.setId(CANVAS_ID);
        setTop(createSearchBar());
        setCenter(canvas);
        createMatchPopup();
        initListeners();
        showTopology(model.getTopology());
        canvas.setSelectedItem(model.getSelection());
    }

    private HBox createSearchBar() {
        searchField.setId(SEARCH_FIELD_ID);
        searchField.setPromptText("Find a device by address (3:00) or name (T4, nvme)…");
        searchField.getStyleClass().add(SEARCH_FIELD);
        HBox.setHgrow(searchField, Priority.ALWAYS);
        searchField.setMaxWidth(520);
        searchStatus.setId(SEARCH_STATUS_ID);
        searchStatus.getStyleClass().add(SEARCH_STATUS);
        HBox bar = new HBox(8, AppIcon.SEARCH.graphic(16), searchField, searchStatus);
        bar.getStyleClass().add(SEARCH_BAR);
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    private void createMatchPopup() {
        matchList.setId(MATCH_LIST_ID);
        matchList.getStyleClass().add(SEARCH_MATCHES);
        matchList.setFocusTraversable(false);
        matchList.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(DeviceSearch.Match m, boolean empty) {
                super.updateItem(m, empty);
                setText(empty || m == null ? null : m.text());
            }
        });
        matchList.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY && matchList.getSelectionModel().getSelectedIndex() >= 0) {
                model.goToMatch(matchList.getSelectionModel().getSelectedIndex());
                matchPopup.hide();
            }
        });
        matchPopup.getContent().add(matchList);
        matchPopup.setAutoHide(true);
        // The popup would swallow Esc; the field handles it (clears the search, back to the canvas).
        matchPopup.setHideOnEscape(false);
    }

    private void initListeners() {
        model.topologyProperty().addListener(topologyListener);
        model.selectionProperty().addListener(selectionListener);
        model.matchesProperty().addListener(matchesListener);
        model.revealRequestProperty().addListener(revealListener);
        canvas.selectedItemProperty().addListener((obs, old, item) -> sync(() -> model.select(item)));
        canvas.setOnContextMenuRequested(this::showEditMenu);
        canvas.addEventHandler(KeyEvent.KEY_PRESSED, this::editMenuKey);
        searchField.textProperty().addListener((obs, old, text) -> {
            if (!text.equals(model.queryProperty().get())) model.search(text);
        });
        searchField.focusedProperty().addListener((obs, was, focused) -> {
            if (!focused) matchPopup.hide();
        });
        searchField.addEventFilter(KeyEvent.KEY_PRESSED, this::searchKey);
        // Plain letters typed into the field must not reach the window's one-key accelerators (F = fit).
        searchField.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (!e.isShortcutDown() && !e.isAltDown() && !e.getText().isEmpty()) e.consume();
        });
        model.queryProperty().addListener((obs, old, q) -> {
            if (!q.equals(searchField.getText())) searchField.setText(q);
        });
    }

    /** Lets the cards' context menu (right click, the menu key, Shift+F10) make what-if edits through {@code e}. */
    public void setEditor(Consumer<TopologyEdit> e) {
        editor = e;
    }

    /** The card's edits, on the card under the mouse, or on the selected card when the keyboard asked. */
    private void showEditMenu(ContextMenuEvent e) {
        Optional<TopologyItem> item = e.isKeyboardTrigger() ? Optional.ofNullable(canvas.getSelectedItem())
                : TopologyCanvas.itemAt(e.getPickResult().getIntersectedNode());
        if (item.isPresent() && item.get() instanceof TopologyItem.Device d
                && openEditMenu(d, e.isKeyboardTrigger() ? null : new Point2D(e.getScreenX(), e.getScreenY()))) {
            e.consume();
        }
    }

    /**
     * The menu key and Shift+F10 on the canvas: not every platform turns them into a context-menu event (GTK under
     * X does not), so the canvas opens the selected card's menu itself.
     */
    private void editMenuKey(KeyEvent e) {
        boolean menuKey = e.getCode() == KeyCode.CONTEXT_MENU || e.getCode() == KeyCode.F10 && e.isShiftDown();
        if (menuKey && canvas.getSelectedItem() instanceof TopologyItem.Device d && openEditMenu(d, null)) {
            e.consume();
        }
    }

    /** Opens the card's edits at {@code at} on the screen, or below the card when null; false when it has none. */
    private boolean openEditMenu(TopologyItem.Device d, Point2D at) {
        Topology t = model.getTopology();
        if (editor == null || t == null) return false;
        canvas.setSelectedItem(d);
        if (editMenu != null) editMenu.hide();
        editMenu = EditMenu.contextMenu(t, d.address(), editor);
        if (editMenu.getItems().isEmpty()) return false;
        Point2D where = at;
        if (where == null) {
            Node card = canvas.lookup("#" + d.nodeId());
            Bounds b = card == null ? null : card.localToScreen(card.getBoundsInLocal());
            Bounds c = canvas.localToScreen(canvas.getBoundsInLocal());
            where = b != null ? new Point2D(b.getMinX() + 12, b.getMaxY() - 4)
                    : new Point2D(c.getMinX() + c.getWidth() / 2, c.getMinY() + c.getHeight() / 2);
        }
        editMenu.show(canvas, where.getX(), where.getY());
        return true;
    }

    /** The open context menu of a card, if any (tests). */
    public Optional<ContextMenu> editMenu() {
        return Optional.ofNullable(editMenu).filter(ContextMenu::isShowing);
    }

    /** Stops listening to the view model, which outlives this view. */
    public void dispose() {
        model.topologyProperty().removeListener(topologyListener);
        model.selectionProperty().removeListener(selectionListener);
        model.matchesProperty().removeListener(matchesListener);
        model.revealRequestProperty().removeListener(revealListener);
        matchPopup.hide();
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

    private void showTopology(Topology t) {
        canvas.setTopology(t);
        searchField.setDisable(t == null);
    }

    private void searchKey(KeyEvent e) {
        KeyCode code = e.getCode();
        if (code == KeyCode.ENTER) {
            int picked = matchPopup.isShowing() ? matchList.getSelectionModel().getSelectedIndex() : -1;
            if (picked >= 0 && picked != model.matchIndexProperty().get()) model.goToMatch(picked);
            else if (e.isShiftDown()) model.previousMatch();
            else model.nextMatch();
            matchList.getSelectionModel().select(model.matchIndexProperty().get());
            e.consume();
        } else if (code == KeyCode.DOWN || code == KeyCode.UP) {
            if (!model.matchesProperty().isEmpty()) {
                showMatchPopup();
                int i = matchList.getSelectionModel().getSelectedIndex() + (code == KeyCode.DOWN ? 1 : -1);
                i = Math.max(0, Math.min(model.matchesProperty().size() - 1, i));
                matchList.getSelectionModel().select(i);
                matchList.scrollTo(Math.max(0, i - 2));
            }
            e.consume();
        } else if (code == KeyCode.ESCAPE) {
            model.search("");
            matchPopup.hide();
            canvas.requestFocus();
            e.consume();
        }
    }

    private void matchesChanged() {
        int n = model.matchesProperty().size();
        String q = model.queryProperty().get().trim();
        searchStatus.setText(q.isEmpty() ? "" : n == 0 ? "no match" : n == 1 ? "1 match" : n + " matches");
        searchStatus.pseudoClassStateChanged(NO_MATCH, !q.isEmpty() && n == 0);
        canvas.getHighlighted().setAll(model.matchesProperty().stream().map(DeviceSearch.Match::item).toList());
        matchList.getItems().setAll(model.matchesProperty());
        if (n > 0 && searchField.isFocused()) showMatchPopup();
        else matchPopup.hide();
    }

    private void showMatchPopup() {
        if (getScene() == null || getScene().getWindow() == null || !getScene().getWindow().isShowing()) return;
        int rows = Math.min(MAX_VISIBLE_MATCHES, model.matchesProperty().size());
        matchList.setPrefHeight(rows * 26 + 4);
        matchList.setPrefWidth(Math.max(360, searchField.getWidth()));
        Bounds b = searchField.localToScreen(searchField.getBoundsInLocal());
        if (b == null) return;
        // The popup has a scene of its own: give it the window's theme and this view's stylesheet.
        List<String> sheets = new ArrayList<>(getScene().getStylesheets());
        sheets.add(STYLESHEET);
        matchPopup.getScene().getStylesheets().setAll(sheets);
        if (!matchPopup.isShowing()) matchPopup.show(searchField, b.getMinX(), b.getMaxY() + 2);
    }

    // ---- for the window ----

    public TopologyCanvas canvas() {
        return canvas;
    }

    /** Puts the caret in the search field (Ctrl+F). */
    public void focusSearch() {
        searchField.requestFocus();
        searchField.selectAll();
    }
}
