package org.dmascope.app;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.SnapshotParameters;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.image.WritableImage;
import javafx.scene.input.DragEvent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.stage.FileChooser;
import javafx.stage.Modality;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;

import org.dmascope.app.cli.AppVersion;
import org.dmascope.model.diff.TopologyDiffer;
import org.dmascope.model.io.formats.FileFilter;
import org.dmascope.model.kernel.TopologyRules;
import org.dmascope.model.kernel.platform.PlatformAssumptions;
import org.dmascope.model.kernel.platform.PlatformOverrides;
import org.dmascope.model.report.Report;
import org.dmascope.views.common.AppIcon;
import org.dmascope.views.common.Theme;
import org.dmascope.views.addresses.AddressMapView;
import org.dmascope.views.addresses.AddressMapViewModel;
import org.dmascope.views.diff.DiffView;
import org.dmascope.views.diff.DiffViewModel;
import org.dmascope.views.importreport.ImportReportDialog;
import org.dmascope.views.importreport.ImportReportViewModel;
import org.dmascope.views.importreport.SourceExcerpts;
import org.dmascope.views.inspector.InspectorView;
import org.dmascope.views.mapping.MappingWorkspace;
import org.dmascope.views.matrix.P2pMatrixView;
import org.dmascope.views.matrix.P2pMatrixViewModel;
import org.dmascope.views.platform.PlatformView;
import org.dmascope.views.platform.PlatformViewModel;
import org.dmascope.views.topology.GroupColourSync;
import org.dmascope.views.topology.TopologyView;

/**
 * The main window: menus, the topology view and the inspector side by side, the import progress and
 * the status bar. It turns menu commands, dropped files and file choosers into {@link DocumentModel}
 * commands, shows the failures and reports it publishes, and opens the tool windows (P2P matrix,
 * platform and kernel) on the {@link PlatformSession}'s rules.
 */
public final class MainWindow {
    public static final double MIN_WIDTH = 960;
    public static final double MIN_HEIGHT = 600;
    static final String SPLIT_ID = "main-split";
    static final String SIDE_ID = "side-column";
    static final String MATRIX_WINDOW = "matrix";
    static final String COMPARE_WINDOW = "compare";
    static final String ADDRESS_MAP_WINDOW = "addresses";
    static final String PLATFORM_WINDOW = "platform";
    static final String KEYS_WINDOW = "keys";
    private static final String APP_NAME = "dmascope";
    static final String ABOUT_TEXT = "about-text";

    private final Stage stage;
    private final DocumentModel documents;
    private final TopologyView topologyView;
    private final InspectorView inspectorView;
    private final AppPreferences preferences;
    private final MappingWorkspace mapping;
    private final PlatformSession session;
    private GroupColourSync groupColours;
    private ToolWindows tools;
    private MainMenu menu;
    private Theme theme;
    private Path lastDirectory;
    private ChooserOwner choosers;
    private PictureExport pictures;
    private ReportActions reports;
    private LessonsController lessons;
    private TopologyEditor editor;

    /**
     * @param views   the topology view, the inspector and the mapping workspace around the topology view
     * @param session the platform what-ifs and the kernel rules they give
     */
    public MainWindow(Stage stage, DocumentModel documents, WindowViews views, AppPreferences preferences,
                      PlatformSession session) {
        this.stage = stage;
        this.documents = documents;
        this.topologyView = views.topology();
        this.inspectorView = views.inspector();
        this.mapping = views.mapping();
        this.preferences = preferences;
        this.session = session;
        this.theme = preferences.theme();
    }

    /** Builds the scene and shows the window at the given size, centred on the primary screen. */
    public void show(double width, double height) {
        show(WindowPlacement.centred(Screen.getPrimary().getVisualBounds(), width, height, false), false);
    }

    /**
     * Builds the scene and shows the window where {@code at} says; where it is at close is remembered.
     *
     * @param holdAgainstWindowManager undo what the window manager does to its size and place as it maps it
     */
    public void show(WindowPlacement at, boolean holdAgainstWindowManager) {
        double width = at.width();
        double height = at.height();
        BorderPane root = new BorderPane();
        tools = new ToolWindows(stage, session.undoStack(), theme);
        choosers = new ChooserOwner(stage);
        groupColours = new GroupColourSync(topologyView.canvas(), session.rules());
        groupColours.setEnabled(preferences.colourByGroup());
        menu = new MainMenu(documents, topologyView, session.undoStack(), new MenuActions(), theme);
        editor = new TopologyEditor(documents, session, session.undoStack());
        topologyView.setEditor(editor::apply);
        menu.bar().getMenus().stream().filter(m -> m.getText().equals("Edit")).findFirst()
                .ifPresent(m -> DeviceEditsMenu.addTo(m, documents, topologyView.canvas(), editor));
        inspectorView.setEditActions(() -> DeviceEditsMenu.items(documents, topologyView.canvas(), editor));
        topologyView.canvas().selectedItemProperty().addListener(o -> inspectorView.editsChanged());
        documents.documentProperty().addListener(o -> inspectorView.editsChanged());
        documents.setDiscardGuard(this::confirmDiscard);
        pictures = new PictureExport(topologyView.canvas(), session.background(), mapping.model(),
                session.rules());
        reports = new ReportActions(mapping.model(), documents::say);
        menu.bar().getMenus().add(menu.bar().getMenus().size() - 1, new MappingMenu(mapping, reports::copy,
                () -> reports.save(choosers, lastDirectory, d -> lastDirectory = d)).menu());
        lessons = new LessonsController(documents, mapping, session, choosers, this::showLessonProblem);
        menu.bar().getMenus().add(menu.bar().getMenus().size() - 1, lessons.menu());
        root.setTop(menu.bar());
        // The right-hand column: a lesson's narration over the inspector, which keeps the rest of the height.
        VBox side = new VBox(lessons.panel(), inspectorView);
        side.setId(SIDE_ID);
        VBox.setVgrow(inspectorView, Priority.ALWAYS);
        SplitPane split = new SplitPane(mapping, side);
        split.setId(SPLIT_ID);
        split.setDividerPositions(1 - inspectorWidth(width) / width);
        SplitPane.setResizableWithParent(side, false);
        side.setMinWidth(300);
        // The import banner floats over the bottom of the window's centre: showing and hiding it must not
        // resize the canvas, which would repaint the whole drawing while the import runs.
        ImportBanner banner = new ImportBanner(documents);
        StackPane.setAlignment(banner, Pos.BOTTOM_CENTER);
        root.setCenter(new StackPane(split, banner));
        root.setBottom(new StatusBar(documents, topologyView.canvas(), this::showWarnings));
        Presenter presenter = new Presenter(stage, preferences, mapping, split, side, inspectorView, lessons.panel(),
                root);
        menu.bar().getMenus().stream().filter(m -> m.getText().equals("View")).findFirst()
                .ifPresent(m -> m.getItems().addAll(m.getItems().size() - 2, presenter.menuItems()));
        Scene scene = new Scene(presenter.root(), width, height);
        scene.addEventFilter(KeyEvent.KEY_PRESSED, lessons::windowKey);
        // Redo's second key (the menu item carries Ctrl+Shift+Z).
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.Y, KeyCombination.SHORTCUT_DOWN),
                session.undoStack()::redo);
        theme.applyTo(scene);
        scene.setOnDragOver(this::dragOver);
        scene.setOnDragDropped(this::dragDropped);
        stage.setScene(scene);
        stage.setMinWidth(MIN_WIDTH);
        stage.setMinHeight(MIN_HEIGHT);
        // Drawn by snapshots, which the first frame need not wait for.
        AfterFirstFrame.run(scene, () -> stage.getIcons().setAll(appIcon(64), appIcon(32), appIcon(16)));
        stage.setX(at.x());
        stage.setY(at.y());
        stage.setMaximized(at.maximized());
        if (holdAgainstWindowManager) PlacementGuard.hold(stage, scene, at);
        PlacementTracker placement = new PlacementTracker(stage, scene, at);
        stage.addEventHandler(WindowEvent.WINDOW_HIDING, e -> preferences.setWindowPlacement(placement.placement()));
        initListeners();
        showTitle(documents.getDocument());
        // The first frame: the menus, the buffers, the machine and the status bar; the panels under the machine and
        // the right-hand column fill in over the next pulses (start-up time).
        HeldBackPanels panels = new HeldBackPanels().makeLater(mapping.lowerArea(), mapping::showLowerArea)
                .hold(side);
        stage.show();
        SplitMemory splits = new SplitMemory(preferences);
        splits.follow(root);
        panels.releaseAfterFirstFrame(scene, splits::follow);
        topologyView.canvas().requestFocus();
    }

    /** The inspector's share of the window: wide enough to read, never starving the canvas. */
    static double inspectorWidth(double windowWidth) {
        return Math.max(360, Math.min(500, windowWidth * 0.28));
    }

    /**
     * Where the window opens: where it was at the last close, brought back onto a screen that still exists, or on
     * the first run most of the primary screen.
     */
    public static WindowPlacement placement(AppPreferences preferences) {
        Rectangle2D primary = Screen.getPrimary().getVisualBounds();
        List<Rectangle2D> screens = Screen.getScreens().stream().map(Screen::getVisualBounds).toList();
        return preferences.windowPlacement().map(p -> p.onScreens(screens, primary))
                .orElseGet(() -> WindowPlacement.firstRun(primary, MIN_WIDTH, MIN_HEIGHT));
    }

    private void initListeners() {
        documents.documentProperty().addListener((obs, old, d) -> showTitle(d));
        documents.modifiedProperty().addListener((obs, old, m) -> showTitle(documents.getDocument()));
        stage.setOnCloseRequest(e -> {
            if (!documents.mayDiscard()) e.consume();
        });
        documents.failureProperty().addListener((obs, old, f) -> {
            if (f != null) showReport(f.title(), f.summary(), f.report(), f.excerpts(), true);
        });
        stage.setOnHidden(e -> {
            preferences.save();
            tools.closeAll();
            groupColours.dispose();
        });
    }

    /** The file's name, marked {@code •} while it has unsaved what-if edits. */
    private void showTitle(DocumentModel.Document d) {
        stage.setTitle(d == null ? APP_NAME : (documents.isModified() ? "• " : "") + d.title() + " — " + APP_NAME);
    }

    /** Asks before what-if edits that are not saved are lost; true to lose them. */
    private boolean confirmDiscard() {
        DocumentModel.Document d = documents.getDocument();
        Alert a = new Alert(Alert.AlertType.CONFIRMATION);
        a.initOwner(stage);
        a.setTitle("Unsaved edits");
        a.setHeaderText("Discard the edits to " + (d == null ? "this machine" : d.title()) + "?");
        a.setContentText("The what-if edits made since it was opened or saved are not saved. File ▸ Save As keeps "
                + "them, marked as edits.");
        ButtonType discard = new ButtonType("Discard Edits", ButtonBar.ButtonData.OK_DONE);
        a.getButtonTypes().setAll(discard, ButtonType.CANCEL);
        theme.applyTo(a.getDialogPane().getScene());
        return a.showAndWait().filter(discard::equals).isPresent();
    }

    // ---- files ----

    private void chooseAndImport() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Import lspci, IOMMU-group or hwloc exports of one machine");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("All files", "*"));
        chooser.getExtensionFilters().addAll(extensionFilters(documents.formats().exportFilters()));
        initialDirectory(chooser);
        List<File> files = choosers.show(chooser::showOpenMultipleDialog);
        if (files == null || files.isEmpty()) return;
        lastDirectory = files.get(0).toPath().getParent();
        documents.open(files.stream().map(File::toPath).toList());
    }

    private void chooseAndOpen() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open Topology");
        chooser.getExtensionFilters().addAll(extensionFilters(documents.formats().documentFilters()));
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("All files", "*.*"));
        initialDirectory(chooser);
        List<File> files = choosers.show(chooser::showOpenMultipleDialog);
        if (files == null || files.isEmpty()) return;
        lastDirectory = files.get(0).toPath().getParent();
        documents.open(files.stream().map(File::toPath).toList());
    }

    /**
     * Compare With…: the chosen machine is read, run under the platform choices the open one has now, and
     * compared with it (model {@link TopologyDiffer}); the result opens in a tool window.
     */
    private void chooseAndCompare() {
        DocumentModel.Document d = documents.getDocument();
        if (d == null) return;
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Compare " + d.title() + " With");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("All files", "*"));
        chooser.getExtensionFilters().addAll(extensionFilters(documents.formats().documentFilters()));
        chooser.getExtensionFilters().addAll(extensionFilters(documents.formats().exportFilters()));
        initialDirectory(chooser);
        List<File> files = choosers.show(chooser::showOpenMultipleDialog);
        if (files == null || files.isEmpty()) return;
        lastDirectory = files.get(0).toPath().getParent();
        List<Path> paths = files.stream().map(File::toPath).toList();
        String otherName = DocumentModel.displayName(paths);
        documents.readOther(paths, other -> {
            Optional<TopologyRules> current = session.rules().rulesFor(d.topology());
            PlatformOverrides choices = session.rules().getOverrides();
            session.background().execute(() -> {
                TopologyRules before = current.orElseGet(() -> TopologyRules.of(d.topology(),
                        PlatformAssumptions.resolve(d.topology(), choices)));
                TopologyRules after = TopologyRules.of(other, PlatformAssumptions.resolve(other, choices));
                DiffViewModel model = new DiffViewModel(d.title(), d.topology(), otherName, other,
                        TopologyDiffer.compare(before, after));
                Platform.runLater(() -> {
                    documents.say(model.summary(), false);
                    tools.window(COMPARE_WINDOW).ifPresent(Stage::close);
                    tools.show(COMPARE_WINDOW, "Compare " + d.title() + " With " + otherName, 1200, 720,
                            () -> new ToolWindows.Content(new DiffView(model), () -> {
                            }));
                });
            });
        });
    }

    private void chooseAndSave() {
        DocumentModel.Document d = documents.getDocument();
        if (d == null) return;
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save Topology As");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Topology JSON (*.json)", "*.json"));
        chooser.setInitialFileName(DocumentModel.suggestedFileName(d));
        initialDirectory(chooser);
        File f = choosers.show(chooser::showSaveDialog);
        if (f == null) return;
        lastDirectory = f.toPath().getParent();
        documents.saveAs(f.toPath());
    }

    private static List<FileChooser.ExtensionFilter> extensionFilters(List<FileFilter> filters) {
        return filters.stream().map(f -> new FileChooser.ExtensionFilter(f.label(), f.globs())).toList();
    }

    private void initialDirectory(FileChooser chooser) {
        Path dir = lastDirectory != null ? lastDirectory
                : documents.recentFiles().files().stream().map(Path::getParent).filter(p -> p != null && p.toFile()
                        .isDirectory())
                .findFirst().orElse(null);
        if (dir != null && dir.toFile().isDirectory()) chooser.setInitialDirectory(dir.toFile());
    }

    private void dragOver(DragEvent e) {
        if (e.getDragboard().hasFiles() && e.getDragboard().getFiles().stream().anyMatch(File::isFile)) {
            e.acceptTransferModes(TransferMode.COPY);
        }
        e.consume();
    }

    private void dragDropped(DragEvent e) {
        List<Path> files = e.getDragboard().hasFiles()
                ? e.getDragboard().getFiles().stream().filter(File::isFile).map(File::toPath).toList() : List.of();
        e.setDropCompleted(!files.isEmpty());
        e.consume();
        if (!files.isEmpty()) documents.open(files);
    }

    // ---- dialogs ----

    private void showReport(String title, String summary, Report report, SourceExcerpts excerpts, boolean modal) {
        new ImportReportDialog(stage, new ImportReportViewModel(title, summary, report, excerpts), theme.stylesheets(),
                modal).show();
    }

    /**
     * The report of the open document: its warnings with their lines, or that an import found nothing to warn about.
     */
    private void showWarnings() {
        DocumentModel.Document d = documents.getDocument();
        if (d == null || !d.imported() && d.report().isEmpty()) return;
        int n = d.report().warnings().size();
        String what = d.imported() ? "Imported " + d.topology().functions().size() + " PCI functions" : d.title()
                + " loaded";
        String summary = what + (n == 0 ? " without warnings." : " with " + n + (n == 1 ? " warning" : " warnings")
                + ": what the exports did not say or disagreed on.");
        showReport("Import report — " + d.title(), summary, d.report(), d.excerpts(), false);
    }

    private void showLessonProblem(String text) {
        Alert a = new Alert(Alert.AlertType.ERROR, null, ButtonType.CLOSE);
        a.initOwner(stage);
        a.initModality(Modality.NONE);
        a.setResizable(true);
        a.setTitle("Lesson");
        a.setHeaderText("This lesson cannot be played");
        Label l = new Label(text);
        l.setWrapText(true);
        l.setPrefWidth(560);
        a.getDialogPane().setContent(l);
        a.getDialogPane().getStylesheets().setAll(theme.stylesheets());
        a.show();
    }

    /** The mapping workspace, for tests. */
    MappingWorkspace mapping() {
        return mapping;
    }

    /** The lessons' menu, panel and player, for tests. */
    LessonsController lessons() {
        return lessons;
    }

    private void showMatrix() {
        tools.show(MATRIX_WINDOW, "P2P Matrix", 1400, 900, () -> {
            P2pMatrixViewModel model = new P2pMatrixViewModel(session.rules(), session.background(),
                    Platform::runLater);
            P2pMatrixView view = new P2pMatrixView(model);
            return new ToolWindows.Content(view, () -> {
                view.dispose();
                model.dispose();
            }, Optional.of(model.matrixProperty()));
        });
    }

    private void showAddressMap() {
        tools.show(ADDRESS_MAP_WINDOW, "Address Map", 1280, 800, () -> {
            AddressMapViewModel model = new AddressMapViewModel(session.rules(),
                    mapping.model().live().snapshotProperty(), session.background(), Platform::runLater);
            AddressMapView view = new AddressMapView(model, topologyView.canvas()::reveal);
            return new ToolWindows.Content(view, () -> {
                view.dispose();
                model.dispose();
            });
        });
    }

    private void showPlatform() {
        tools.show(PLATFORM_WINDOW, "Platform & Kernel", 900, 760, () -> {
            PlatformViewModel model = new PlatformViewModel(session.rules(), session);
            PlatformView view = new PlatformView(model);
            return new ToolWindows.Content(view, () -> {
                view.dispose();
                model.dispose();
            });
        });
    }

    private void colourByGroup(boolean on) {
        preferences.setColourByGroup(on);
        groupColours.setEnabled(on);
    }

    private void showAbout() {
        Alert a = new Alert(Alert.AlertType.INFORMATION, null, ButtonType.CLOSE);
        a.initOwner(stage);
        // Modeless: a modal window un-maximises its owner on Linux (see OwnedWindows); Dialog centres itself on it.
        a.initModality(Modality.NONE);
        a.setResizable(true);
        a.setTitle("About dmascope");
        a.setHeaderText("dmascope " + AppVersion.text());
        Label text = new Label("A desktop explorer of memory and PCI bus topology: open a machine, select a device, "
                + "and see what the Linux kernel would do with its DMA.\n\nThe Linux kernel is the ground truth: "
                + "every decision follows a rule of its source.\n\nVendor and device names and IDs: "
                + documents.pciIds().description() + ". The PCI ID Repository (pci-ids.ucw.cz), by Martin Mareš, "
                + "Albert Pool and volunteers; GPL-2.0-or-later or BSD-3-Clause.");
        text.setId(ABOUT_TEXT);
        text.setWrapText(true);
        text.setPrefWidth(420);
        a.getDialogPane().setContent(text);
        a.setGraphic(AppIcon.APP.graphic(40));
        a.getDialogPane().getStylesheets().setAll(theme.stylesheets());
        a.show();
    }

    private void showKeys() {
        Stage sheet = tools.show(KEYS_WINDOW, "Keyboard Shortcuts", 900, 760, () -> {
            ShortcutSheet view = new ShortcutSheet(Shortcuts.of(menu.bar()));
            return new ToolWindows.Content(view, () -> { });
        });
        if (sheet.getScene().getRoot() instanceof ShortcutSheet s) s.search().requestFocus();
    }

    private void applyTheme(Theme t) {
        theme = t;
        preferences.setTheme(t);
        t.applyTo(stage.getScene());
        tools.applyTheme(t);
        menu.showTheme(t);
    }

    /** What the menus ask of the window. */
    private final class MenuActions implements MainMenu.Actions {
        @Override
        public void open() {
            chooseAndOpen();
        }

        @Override
        public void importFiles() {
            chooseAndImport();
        }

        @Override
        public void importReport() {
            showWarnings();
        }

        @Override
        public boolean colourByGroup() {
            return groupColours.isEnabled();
        }

        @Override
        public void colourByGroup(boolean on) {
            MainWindow.this.colourByGroup(on);
        }

        @Override
        public void matrix() {
            showMatrix();
        }

        @Override
        public void platform() {
            showPlatform();
        }

        @Override
        public void compareWith() {
            chooseAndCompare();
        }

        @Override
        public void addressMap() {
            showAddressMap();
        }

        @Override
        public void saveAs() {
            chooseAndSave();
        }

        @Override
        public void exportPicture() {
            pictures.run(stage, choosers, lastDirectory, d -> lastDirectory = d, r -> documents.say(r.error()
                    .map(e -> "Could not export the picture: " + e).orElse("Exported the picture to " + r.file()),
                    r.error().isPresent()));
        }

        @Override
        public void quit() {
            if (documents.mayDiscard()) stage.close();
        }

        @Override
        public void theme(Theme t) {
            applyTheme(t);
        }

        @Override
        public void keys() {
            showKeys();
        }

        @Override
        public void about() {
            showAbout();
        }
    }

    private static WritableImage appIcon(int size) {
        Node n = AppIcon.APP.graphic(size);
        n.lookupAll(".icon-shape").forEach(s -> s.setStyle("-fx-fill: #1f6feb;"));
        SnapshotParameters p = new SnapshotParameters();
        p.setFill(Color.TRANSPARENT);
        return n.snapshot(p, null);
    }
}
