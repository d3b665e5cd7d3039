package org.dmascope.app;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.SnapshotParameters;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.image.WritableImage;
import javafx.scene.input.DragEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.paint.Color;
import javafx.stage.FileChooser;
import javafx.stage.Screen;
import javafx.stage.Stage;

import org.dmascope.model.report.Report;
import org.dmascope.views.common.AppIcon;
import org.dmascope.views.common.Theme;
import org.dmascope.views.importreport.DiagnosticsDialog;
import org.dmascope.views.inspector.InspectorView;
import org.dmascope.views.mapping.MappingWorkspace;
import org.dmascope.views.topology.TopologyView;

/**
 * The main window: menus, the topology view and the inspector side by side, and the status bar.
 * It turns menu commands, dropped files and file choosers into {@link DocumentModel} commands and
 * shows the failures it publishes.
 */
public final class MainWindow {
    public static final double MIN_WIDTH = 960;
    public static final double MIN_HEIGHT = 600;
    static final String SPLIT_ID = "main-split";
    private static final String APP_NAME = "dmascope";

    private final Stage stage;
    private final DocumentModel documents;
    private final TopologyView topologyView;
    private final InspectorView inspectorView;
    private final AppPreferences preferences;
    private final MappingWorkspace mapping;
    private MainMenu menu;
    private Theme theme;
    private Path lastDirectory;

    /** @param mapping the buffer chips, verdict and mapping details around the topology view */
    public MainWindow(Stage stage, DocumentModel documents, TopologyView topologyView, InspectorView inspectorView,
                      AppPreferences preferences, MappingWorkspace mapping) {
        this.stage = stage;
        this.mapping = mapping;
        this.documents = documents;
        this.topologyView = topologyView;
        this.inspectorView = inspectorView;
        this.preferences = preferences;
        this.theme = preferences.theme();
    }

    /** Builds the scene and shows the window. */
    public void show(double width, double height) {
        BorderPane root = new BorderPane();
        menu = new MainMenu(documents, topologyView, new MenuActions(), theme);
        menu.bar().getMenus().add(menu.bar().getMenus().size() - 1, new MappingMenu(mapping).menu());
        root.setTop(menu.bar());
        SplitPane split = new SplitPane(mapping, inspectorView);
        split.setId(SPLIT_ID);
        split.setDividerPositions(1 - inspectorWidth(width) / width);
        SplitPane.setResizableWithParent(inspectorView, false);
        inspectorView.setMinWidth(300);
        root.setCenter(split);
        root.setBottom(new StatusBar(documents, topologyView.canvas(), this::showWarnings));
        Scene scene = new Scene(root, width, height);
        theme.applyTo(scene);
        scene.setOnDragOver(this::dragOver);
        scene.setOnDragDropped(this::dragDropped);
        stage.setScene(scene);
        stage.setMinWidth(MIN_WIDTH);
        stage.setMinHeight(MIN_HEIGHT);
        stage.getIcons().setAll(appIcon(64), appIcon(32), appIcon(16));
        initListeners();
        showTitle(documents.getDocument());
        stage.show();
        topologyView.canvas().requestFocus();
    }

    /** The inspector's share of the window: wide enough to read, never starving the canvas. */
    static double inspectorWidth(double windowWidth) {
        return Math.max(360, Math.min(500, windowWidth * 0.28));
    }

    /** A size that fits the screen: 1440×900 at most, 90 % of the visual bounds on smaller screens. */
    public static Rectangle2D defaultSize() {
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        return new Rectangle2D(0, 0, Math.max(MIN_WIDTH, Math.min(1440, screen.getWidth() * 0.9)),
                Math.max(MIN_HEIGHT, Math.min(900, screen.getHeight() * 0.9)));
    }

    private void initListeners() {
        documents.documentProperty().addListener((obs, old, d) -> showTitle(d));
        documents.failureProperty().addListener((obs, old, f) -> {
            if (f != null) showReport(f.title(), f.summary(), f.report());
        });
    }

    private void showTitle(DocumentModel.Document d) {
        stage.setTitle(d == null ? APP_NAME : d.title() + " — " + APP_NAME);
    }

    // ---- files ----

    private void chooseAndOpen() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open Topology");
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("Topology JSON (*.json)", "*.json"),
                new FileChooser.ExtensionFilter("All files", "*.*"));
        initialDirectory(chooser);
        List<File> files = chooser.showOpenMultipleDialog(stage);
        if (files == null || files.isEmpty()) return;
        lastDirectory = files.get(0).toPath().getParent();
        documents.open(files.stream().map(File::toPath).toList());
    }

    private void chooseAndSave() {
        DocumentModel.Document d = documents.getDocument();
        if (d == null) return;
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save Topology As");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Topology JSON (*.json)", "*.json"));
        String base = d.path().map(p -> p.getFileName().toString())
                .orElse(d.title().replaceAll("[^A-Za-z0-9_.-]+", "-").replaceAll("^-|-$", "") + ".json");
        chooser.setInitialFileName(base.endsWith(".json") ? base : base + ".json");
        initialDirectory(chooser);
        File f = chooser.showSaveDialog(stage);
        if (f == null) return;
        lastDirectory = f.toPath().getParent();
        documents.saveAs(f.toPath());
    }

    private void initialDirectory(FileChooser chooser) {
        Path dir = lastDirectory != null ? lastDirectory
                : documents.recentFiles().files().stream().map(Path::getParent).filter(p -> p != null && p.toFile().isDirectory())
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

    private void showReport(String title, String summary, Report report) {
        new DiagnosticsDialog(stage, title, summary, report, theme.stylesheets()).show();
    }

    private void showWarnings() {
        DocumentModel.Document d = documents.getDocument();
        if (d == null || d.report().isEmpty()) return;
        int n = d.report().warnings().size();
        showReport("Warnings for " + d.title(), d.title() + " loaded with " + n + (n == 1 ? " warning." : " warnings."), d.report());
    }

    private void showAbout() {
        Alert a = new Alert(Alert.AlertType.INFORMATION, null, ButtonType.CLOSE);
        a.initOwner(stage);
        a.setTitle("About dmascope");
        a.setHeaderText("dmascope " + version());
        Label text = new Label("A desktop explorer of memory and PCI bus topology: open a machine, select a device, "
                + "and see what the Linux kernel would do with its DMA.\n\nThe Linux kernel is the ground truth: "
                + "every decision follows a rule of its source.");
        text.setWrapText(true);
        text.setPrefWidth(420);
        a.getDialogPane().setContent(text);
        a.setGraphic(AppIcon.APP.graphic(40));
        a.getDialogPane().getStylesheets().setAll(theme.stylesheets());
        a.show();
    }

    private void showKeys() {
        Alert a = new Alert(Alert.AlertType.INFORMATION, null, ButtonType.CLOSE);
        a.initOwner(stage);
        a.setTitle("Keyboard shortcuts");
        a.setHeaderText("On the topology canvas");
        Label text = new Label(KEYS);
        text.setId("keys-text");
        text.setStyle("-fx-font-family: \"Monospaced\";");
        a.getDialogPane().setContent(text);
        a.getDialogPane().getStylesheets().setAll(theme.stylesheets());
        a.show();
    }

    static final String KEYS = String.join("\n",
            "Arrow keys        parent (↑), first child (↓), neighbour (← →)",
            "Tab, Shift+Tab    next / previous device",
            "Enter, Space      select; on a selected PF: show or hide its VFs",
            "Esc               clear the selection",
            "Shift+arrows      pan   (or drag the background, or the scroll bars)",
            "+  −  0           zoom in, zoom out, 100 %   (or the mouse wheel)",
            "F                 fit the machine to the window",
            "Ctrl+F            find a device by address or name",
            "Ctrl+O            open a topology file (or drop it on the window)",
            "Ctrl+Shift+S      save the topology as JSON",
            "",
            "Mapping a buffer",
            "Ctrl+B            put the keyboard on the buffer chips (← → choose, Alt+↓ settings)",
            "Enter             on a chip: pick it; then arrows to a device and Enter maps it",
            "Ctrl+M            map the chosen buffer for the selected device",
            "Ctrl+R            replay the route on the topology",
            "Ctrl+P            play or pause the translation steps",
            "In the steps      Space play/pause, ← → step, Home/End first/last");

    private void applyTheme(Theme t) {
        theme = t;
        preferences.setTheme(t);
        t.applyTo(stage.getScene());
        menu.showTheme(t);
    }

    /** What the menus ask of the window. */
    private final class MenuActions implements MainMenu.Actions {
        @Override
        public void open() {
            chooseAndOpen();
        }

        @Override
        public void saveAs() {
            chooseAndSave();
        }

        @Override
        public void quit() {
            stage.close();
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

    static String version() {
        try (InputStream in = MainWindow.class.getResourceAsStream("version.properties")) {
            Properties p = new Properties();
            if (in != null) p.load(in);
            return p.getProperty("version", "(development build)");
        } catch (IOException e) {
            return "(development build)";
        }
    }
}
