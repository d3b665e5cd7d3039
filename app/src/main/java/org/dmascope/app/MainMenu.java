package org.dmascope.app;

import java.nio.file.Path;
import java.util.List;

import javafx.collections.ListChangeListener;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

import org.dmascope.app.undo.UndoStack;
import org.dmascope.model.io.SampleCatalog;
import org.dmascope.views.common.AppIcon;
import org.dmascope.views.common.Theme;
import org.dmascope.views.topology.TopologyCanvas;
import org.dmascope.views.topology.TopologyView;

/**
 * The menu bar: File (open, import, samples, recent files, save as, export picture, import report, quit), Edit
 * (undo, redo), View (find, zoom, fit, colour by IOMMU group, compare with another machine, address map, theme),
 * Tools (P2P matrix, platform and kernel), Help. Samples and recent files follow the document model's lists.
 */
final class MainMenu {
    static final String MENU_BAR_ID = "main-menu";
    static final String SAMPLES_MENU_ID = "open-sample-menu";
    static final String RECENT_MENU_ID = "open-recent-menu";
    static final String COLOUR_GROUPS_ID = "colour-groups-item";
    static final String EXPORT_PICTURE_ID = "export-picture-item";
    static final String ADDRESS_MAP_ID = "address-map-item";

    /** What the menus ask of the window. */
    interface Actions {
        void open();

        void importFiles();

        void importReport();

        /** Whether the canvas is coloured by IOMMU group now (the menu's initial tick). */
        boolean colourByGroup();

        void colourByGroup(boolean on);

        void matrix();

        void platform();

        /** View ▸ Compare With…: another machine against the open one. */
        void compareWith();

        /** View ▸ Address Map: the machine's address spaces and their problems. */
        void addressMap();

        void saveAs();

        /** File ▸ Export Picture…: the canvas as SVG, PNG or PDF. */
        void exportPicture();

        void quit();

        void theme(Theme theme);

        void keys();

        void about();
    }

    private final DocumentModel documents;
    private final TopologyView topologyView;
    private final Actions actions;
    private final UndoStack undo;
    private final CheckMenuItem colourGroups = new CheckMenuItem("Colour by IOMMU Group");
    private final MenuItem importReport = new MenuItem("Import Report…");
    private final Menu samplesMenu = new Menu("Open Sample");
    private final Menu recentMenu = new Menu("Open Recent");
    private final ToggleGroup themes = new ToggleGroup();
    private final MenuBar bar;

    MainMenu(DocumentModel documents, TopologyView topologyView, UndoStack undo, Actions actions, Theme theme) {
        this.documents = documents;
        this.topologyView = topologyView;
        this.undo = undo;
        this.actions = actions;
        this.bar = new MenuBar(fileMenu(), editMenu(), viewMenu(theme), toolsMenu(), helpMenu());
        bar.setId(MENU_BAR_ID);
        documents.samplesProperty().addListener((ListChangeListener<SampleCatalog.Sample>) c -> fillSamples());
        documents.recentFiles().files().addListener((ListChangeListener<Path>) c -> fillRecent());
        fillSamples();
        fillRecent();
        documents.documentProperty().addListener((obs, old, d) -> showReportItem(d));
        showReportItem(documents.getDocument());
    }

    MenuBar bar() {
        return bar;
    }

    /** Ticks the theme in the View menu. */
    void showTheme(Theme theme) {
        themes.getToggles().stream().map(RadioMenuItem.class::cast)
                .forEach(r -> r.setSelected(r.getText().equals(theme.title())));
    }

    /** Import Report… is there for an import (even without findings) and for any file that loaded with warnings. */
    private void showReportItem(DocumentModel.Document d) {
        importReport.setDisable(d == null || !d.imported() && d.report().isEmpty());
    }

    private Menu fileMenu() {
        MenuItem open = item("Open…", AppIcon.OPEN, "open-item", shortcut(KeyCode.O), actions::open);
        MenuItem imp = item("Import…", null, "import-item", shortcut(KeyCode.I), actions::importFiles);
        importReport.setId("import-report-item");
        importReport.setOnAction(e -> actions.importReport());
        samplesMenu.setId(SAMPLES_MENU_ID);
        recentMenu.setId(RECENT_MENU_ID);
        MenuItem saveAs = item("Save As…", AppIcon.SAVE, "save-as-item",
                new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN),
                        actions::saveAs);
        MenuItem export = item("Export Picture…", null, EXPORT_PICTURE_ID, shortcut(KeyCode.E),
                actions::exportPicture);
        MenuItem quit = item("Quit", null, "quit-item", shortcut(KeyCode.Q), actions::quit);
        return new Menu("File", null, open, imp, samplesMenu, recentMenu, new SeparatorMenuItem(), saveAs, export,
                new SeparatorMenuItem(), importReport, new SeparatorMenuItem(), quit);
    }

    private Menu editMenu() {
        MenuItem undoItem = item("Undo", null, "undo-item", shortcut(KeyCode.Z), undo::undo);
        undoItem.textProperty().bind(undo.undoTextProperty());
        undoItem.disableProperty().bind(undo.canUndoProperty().not());
        MenuItem redoItem = item("Redo", null, "redo-item",
                new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN), undo::redo);
        redoItem.textProperty().bind(undo.redoTextProperty());
        redoItem.disableProperty().bind(undo.canRedoProperty().not());
        for (MenuItem m : new MenuItem[] {undoItem, redoItem}) m.setMnemonicParsing(false);
        return new Menu("Edit", null, undoItem, redoItem);
    }

    private Menu toolsMenu() {
        MenuItem matrix = item("P2P Matrix…", null, "matrix-item",
                new KeyCodeCombination(KeyCode.P, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN),
                        actions::matrix);
        MenuItem platform = item("Platform & Kernel…", null, "platform-item", shortcut(KeyCode.K), actions::platform);
        return new Menu("Tools", null, matrix, platform);
    }

    private Menu viewMenu(Theme current) {
        TopologyCanvas canvas = topologyView.canvas();
        MenuItem find = item("Find Device…", AppIcon.SEARCH, "find-item", shortcut(KeyCode.F),
                topologyView::focusSearch);
        // The canvas takes + and − itself; these work from anywhere in the window. Ctrl+= / Ctrl+- / Ctrl+0
        // without Alt are the whole window's text size (Presenter), as in a browser.
        MenuItem zoomIn = item("Zoom In", AppIcon.ZOOM_IN, "zoom-in-item", zoomKey(KeyCode.EQUALS), canvas::zoomIn);
        MenuItem zoomOut = item("Zoom Out", AppIcon.ZOOM_OUT, "zoom-out-item", zoomKey(KeyCode.MINUS),
                canvas::zoomOut);
        MenuItem actual = item("Actual Size", null, "actual-size-item", zoomKey(KeyCode.DIGIT0),
                () -> canvas.setZoom(1.0));
        MenuItem fit = item("Fit to Window", AppIcon.FIT, "fit-item", new KeyCodeCombination(KeyCode.F), canvas::fit);
        Menu themeMenu = new Menu("Theme");
        for (Theme t : Theme.values()) {
            RadioMenuItem r = new RadioMenuItem(t.title());
            r.setId("theme-" + t.key() + "-item");
            r.setToggleGroup(themes);
            r.setSelected(t == current);
            r.setOnAction(e -> actions.theme(t));
            themeMenu.getItems().add(r);
        }
        MenuItem compare = item("Compare With…", null, "compare-item", shortcut(KeyCode.D), actions::compareWith);
        MenuItem addresses = item("Address Map", null, ADDRESS_MAP_ID, new KeyCodeCombination(KeyCode.A,
                KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN), actions::addressMap);
        colourGroups.setId(COLOUR_GROUPS_ID);
        colourGroups.setAccelerator(shortcut(KeyCode.G));
        colourGroups.setSelected(actions.colourByGroup());
        colourGroups.setOnAction(e -> actions.colourByGroup(colourGroups.isSelected()));
        return new Menu("View", null, find, new SeparatorMenuItem(), zoomIn, zoomOut, actual, fit,
                new SeparatorMenuItem(), colourGroups, new SeparatorMenuItem(), compare, addresses,
                new SeparatorMenuItem(), themeMenu);
    }

    private Menu helpMenu() {
        MenuItem keys = item("Keyboard Shortcuts", null, "keys-item", new KeyCodeCombination(KeyCode.F1),
                actions::keys);
        MenuItem about = item("About dmascope", AppIcon.APP, "about-item", null, actions::about);
        return new Menu("Help", null, keys, about);
    }

    private static KeyCombination zoomKey(KeyCode code) {
        return new KeyCodeCombination(code, KeyCombination.SHORTCUT_DOWN, KeyCombination.ALT_DOWN);
    }

    private static KeyCombination shortcut(KeyCode code) {
        return new KeyCodeCombination(code, KeyCombination.SHORTCUT_DOWN);
    }

    private static MenuItem item(String text, AppIcon icon, String id, KeyCombination key, Runnable action) {
        MenuItem m = new MenuItem(text, icon == null ? null : icon.graphic(16));
        m.setId(id);
        if (key != null) m.setAccelerator(key);
        m.setOnAction(e -> action.run());
        return m;
    }

    private void fillSamples() {
        samplesMenu.getItems().clear();
        List<SampleCatalog.Sample> samples = documents.samplesProperty();
        if (samples.isEmpty()) {
            MenuItem loading = new MenuItem("Reading the samples…");
            loading.setDisable(true);
            samplesMenu.getItems().add(loading);
            return;
        }
        for (SampleCatalog.Sample s : samples) {
            MenuItem m = new MenuItem(s.title());
            m.setMnemonicParsing(false);
            m.setId("sample-" + s.fileName().replaceAll("[^A-Za-z0-9_-]", "-"));
            m.setOnAction(e -> documents.openSample(s));
            samplesMenu.getItems().add(m);
        }
    }

    private void fillRecent() {
        recentMenu.getItems().clear();
        List<Path> files = documents.recentFiles().files();
        for (Path p : files) {
            MenuItem m = new MenuItem(p.getFileName() + "  —  " + p.getParent());
            m.setMnemonicParsing(false);
            m.setOnAction(e -> documents.openRecent(p));
            recentMenu.getItems().add(m);
        }
        if (!files.isEmpty()) recentMenu.getItems().add(new SeparatorMenuItem());
        MenuItem clear = new MenuItem("Clear Recent Files");
        clear.setId("clear-recent-item");
        clear.setDisable(files.isEmpty());
        clear.setOnAction(e -> documents.recentFiles().clear());
        recentMenu.getItems().add(clear);
    }
}
