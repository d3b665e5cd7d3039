package org.dmascope.app;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;

import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Modality;
import javafx.stage.Window;

import org.dmascope.model.io.AtomicFiles;
import org.dmascope.model.kernel.TopologyRules;
import org.dmascope.model.mapping.Mapping;
import org.dmascope.model.topology.Topology;
import org.dmascope.views.export.PictureFormat;
import org.dmascope.views.export.PictureOptions;
import org.dmascope.views.export.Sheet;
import org.dmascope.views.export.SheetPicture;
import org.dmascope.views.export.TopologyPicture;
import org.dmascope.views.mapping.MappingViewModel;
import org.dmascope.views.matrix.MatrixSheet;
import org.dmascope.views.pagewalk.PageWalkSheet;
import org.dmascope.views.rules.RulesModel;
import org.dmascope.views.scatterlist.ScatterListSheet;
import org.dmascope.views.topology.LayoutResult;
import org.dmascope.views.topology.TopologyCanvas;

/**
 * File ▸ Export Picture…: the canvas as SVG, PNG or PDF, drawn by the same painter as {@code dmascope
 * draw} from the canvas's own layout (its VF groups open or closed as they are), with what the canvas
 * shows now: the whole machine or the visible part, the group colours, the route, the selection. Or,
 * as {@code dmascope draw --what} does, the P2P matrix of the current rules, or the scatter list or the
 * page walk (the selected segment's first page) of the current mapping. The format comes from the file
 * name's extension; the file is drawn and written atomically off the FX thread.
 */
final class PictureExport {
    static final String DIALOG_ID = "export-picture-dialog";
    static final String VISIBLE_ID = "export-visible-part";
    static final String GROUPS_ID = "export-groups";
    static final String ROUTE_ID = "export-route";
    static final String SELECTION_ID = "export-selection";
    static final String WHAT_ID = "export-what";
    /** PNG pixels per canvas pixel: sharp on a high-density screen and in a slide. */
    static final double PNG_SCALE = 2;

    /** What to draw besides the machine. */
    record Choices(boolean visiblePartOnly, boolean groups, boolean route, boolean selection) {
    }

    /** Which picture: the canvas, or one of the tabs' (as {@code dmascope draw --what}). */
    enum What {
        TOPOLOGY("The topology, as the canvas shows it", "topology"),
        MATRIX("The P2P matrix", "p2p-matrix"),
        SCATTER_LIST("The scatter list of the current mapping", "scatter-list"),
        PAGE_WALK("The page walk of the selected segment", "page-walk");

        final String words;
        final String fileSuffix;

        What(String words, String fileSuffix) {
            this.words = words;
            this.fileSuffix = fileSuffix;
        }

        @Override
        public String toString() {
            return words;
        }
    }

    private final TopologyCanvas canvas;
    private final Executor background;
    private final MappingViewModel mapping;
    private final RulesModel rules;

    /**
     * @param mapping the current mapping and its selected segment, for the scatter list and the page walk
     * @param rules   the current kernel rules, for the matrix
     */
    PictureExport(TopologyCanvas canvas, Executor background, MappingViewModel mapping, RulesModel rules) {
        this.canvas = canvas;
        this.background = background;
        this.mapping = mapping;
        this.rules = rules;
    }

    /** Whether {@code w} can be drawn now: the matrix needs rules, the tabs' pictures a mapping with segments. */
    boolean possible(What w) {
        Mapping m = mapping.mappingProperty().get();
        return switch (w) {
            case TOPOLOGY -> possible();
            case MATRIX -> rules.getRules() != null;
            case SCATTER_LIST -> m != null;
            case PAGE_WALK -> m != null && m.segments().count() > 0;
        };
    }

    /**
     * The sheet of {@code w} for what the window holds now (taken on the FX thread, drawn off it); the page walk
     * follows the selected segment, or the first while none is selected.
     */
    Supplier<Sheet> sheet(What w) {
        Mapping m = mapping.mappingProperty().get();
        TopologyRules r = rules.getRules();
        int selected = mapping.player().selectedSegmentProperty().get();
        return switch (w) {
            case MATRIX -> () -> MatrixSheet.of(r.matrix(), r);
            case SCATTER_LIST -> () -> ScatterListSheet.of(m, ScatterListSheet.DEFAULT_ROWS);
            case PAGE_WALK -> () -> PageWalkSheet.of(m, selected < 0 || selected >= m.segments().count() ? 0
                    : selected, 0);
            case TOPOLOGY -> throw new IllegalArgumentException("the topology is drawn from the canvas");
        };
    }

    /** Whether there is anything to export. */
    boolean possible() {
        return canvas.getTopology() != null && canvas.getLayout() != null;
    }

    /** What the canvas shows now, as the dialog first offers it. */
    Choices shown() {
        return new Choices(false, canvas.getGroupColouring() != null, canvas.getRoute() != null,
                canvas.getSelectedItem() != null);
    }

    /** The picture of what the canvas shows, as {@code c} asks. */
    PictureOptions options(Choices c) {
        PictureOptions o = PictureOptions.PLAIN;
        if (c.groups() && canvas.getGroupColouring() != null) o = o.withGroups(canvas.getGroupColouring());
        if (c.route() && canvas.getRoute() != null) o = o.withRoute(canvas.getRoute());
        if (c.selection() && canvas.getSelectedItem() != null) o = o.withSelection(canvas.getSelectedItem());
        if (c.visiblePartOnly()) o = o.withArea(canvas.visibleArea().orElse(null));
        return o;
    }

    /** What the dialog asked for. */
    private record Request(What what, Choices choices) {
    }

    /** Asks what to draw and where, then writes it; {@code done} gets the message for the status bar. */
    void run(Window owner, ChooserOwner choosers, Path initialDirectory, Consumer<Path> chosen,
             Consumer<Result> done) {
        if (!possible()) return;
        Optional<Request> c = ask(owner);
        if (c.isEmpty()) return;
        What what = c.get().what();
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export Picture");
        for (PictureFormat f : PictureFormat.values()) {
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(f + " (*." + f.extension() + ")",
                    "*." + f.extension()));
        }
        chooser.setInitialFileName(suggestedName(canvas.getTopology(), what));
        if (initialDirectory != null && initialDirectory.toFile().isDirectory()) {
            chooser.setInitialDirectory(initialDirectory.toFile());
        }
        File f = choosers.show(chooser::showSaveDialog);
        if (f == null) return;
        chosen.accept(f.toPath().getParent());
        String ext = chooser.getSelectedExtensionFilter() == null ? "svg"
                : chooser.getSelectedExtensionFilter().getExtensions().get(0).substring(2);
        Path target = withExtension(f.toPath(), ext);
        if (what == What.TOPOLOGY) write(target, c.get().choices(), done);
        else write(target, what, done);
    }

    /** What came of an export. */
    record Result(Path file, Optional<String> error) {
    }

    /** Draws and writes the picture off the FX thread; {@code done} runs on the FX thread. */
    void write(Path target, Choices c, Consumer<Result> done) {
        PictureFormat format = PictureFormat.ofFileName(target.getFileName().toString()).orElse(PictureFormat.SVG);
        Topology t = canvas.getTopology();
        LayoutResult layout = canvas.getLayout();
        PictureOptions o = options(c);
        background.execute(() -> {
            Optional<String> error;
            try {
                TopologyPicture p = TopologyPicture.of(t, layout, o);
                AtomicFiles.write(target, out -> p.write(format, PNG_SCALE, out));
                error = Optional.empty();
            } catch (IOException | RuntimeException e) {
                error = Optional.of(String.valueOf(e.getMessage()));
            }
            Result r = new Result(target, error);
            Platform.runLater(() -> done.accept(r));
        });
    }

    /** Draws the sheet of {@code w} and writes it off the FX thread; {@code done} runs on the FX thread. */
    void write(Path target, What w, Consumer<Result> done) {
        PictureFormat format = PictureFormat.ofFileName(target.getFileName().toString()).orElse(PictureFormat.SVG);
        Supplier<Sheet> sheet = sheet(w);
        background.execute(() -> {
            Optional<String> error;
            try {
                SheetPicture p = SheetPicture.of(sheet.get());
                AtomicFiles.write(target, out -> p.write(format, PNG_SCALE, out));
                error = Optional.empty();
            } catch (IOException | RuntimeException e) {
                error = Optional.of(String.valueOf(e.getMessage()));
            }
            Result r = new Result(target, error);
            Platform.runLater(() -> done.accept(r));
        });
    }

    /** The name with a picture extension: the chosen filter's when the name has none of the three. */
    static Path withExtension(Path p, String ext) {
        String name = p.getFileName().toString();
        if (PictureFormat.ofFileName(name).isPresent()) return p;
        return p.resolveSibling(name + "." + ext);
    }

    static String suggestedName(Topology t) {
        return suggestedName(t, What.TOPOLOGY);
    }

    static String suggestedName(Topology t, What w) {
        String base = t.name() == null || t.name().isBlank() ? "topology" : t.name();
        String name = base.replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("^-+|-+$", "");
        return name + (w == What.TOPOLOGY ? "" : "-" + w.fileSuffix) + ".svg";
    }

    private Optional<Request> ask(Window owner) {
        Choices now = shown();
        Dialog<Request> d = new Dialog<>();
        d.initOwner(owner);
        // Modeless, as the About box: a modal window un-maximises its owner on Linux (see OwnedWindows).
        d.initModality(Modality.NONE);
        d.setTitle("Export Picture");
        d.setHeaderText("Draw a picture as SVG, PNG or PDF (by the file name's extension)");
        ComboBox<What> what = new ComboBox<>();
        what.setId(WHAT_ID);
        for (What w : What.values()) if (possible(w)) what.getItems().add(w);
        what.getSelectionModel().select(What.TOPOLOGY);
        ToggleGroup part = new ToggleGroup();
        RadioButton whole = new RadioButton("The whole machine");
        RadioButton visible = new RadioButton("The visible part of the canvas");
        visible.setId(VISIBLE_ID);
        whole.setToggleGroup(part);
        visible.setToggleGroup(part);
        whole.setSelected(true);
        visible.setDisable(canvas.visibleArea().isEmpty());
        CheckBox groups = check("IOMMU group colours", GROUPS_ID, now.groups(), canvas.getGroupColouring() != null);
        CheckBox route = check("The route of the mapping, numbered stop by stop", ROUTE_ID, now.route(),
                canvas.getRoute() != null);
        CheckBox selection = check("The selection", SELECTION_ID, now.selection(), canvas.getSelectedItem() != null);
        Label hint = new Label("Text stays text in SVG and PDF; a PNG is drawn at twice the canvas's size.");
        hint.getStyleClass().add("hint");
        VBox canvasChoices = new VBox(8, whole, visible, groups, route, selection);
        canvasChoices.disableProperty().bind(what.valueProperty().isNotEqualTo(What.TOPOLOGY));
        VBox box = new VBox(10, what, canvasChoices, hint);
        box.setPadding(new Insets(10));
        d.getDialogPane().setContent(box);
        d.getDialogPane().setId(DIALOG_ID);
        ButtonType choose = new ButtonType("Choose File…", ButtonBar.ButtonData.OK_DONE);
        d.getDialogPane().getButtonTypes().addAll(choose, ButtonType.CANCEL);
        d.setResultConverter(b -> b == choose ? new Request(what.getValue(), new Choices(visible.isSelected(),
                groups.isSelected(), route.isSelected(), selection.isSelected())) : null);
        return d.showAndWait();
    }

    private static CheckBox check(String text, String id, boolean selected, boolean available) {
        CheckBox c = new CheckBox(text);
        c.setId(id);
        c.setSelected(selected && available);
        c.setDisable(!available);
        return c;
    }
}
