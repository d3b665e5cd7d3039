package org.dmascope.app;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import javafx.beans.InvalidationListener;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.stage.FileChooser;

import org.dmascope.model.io.SampleCatalog;
import org.dmascope.model.io.scenario.ScenarioReader;
import org.dmascope.model.report.Diagnostic;
import org.dmascope.model.session.scenario.Scenario;
import org.dmascope.views.mapping.LessonPanel;
import org.dmascope.views.mapping.LessonPlayer;
import org.dmascope.views.mapping.MappingWorkspace;

/**
 * Lessons in the window: the Lessons menu (the bundled lessons, Open Lesson File…), the narration
 * panel and its player. Opening a lesson opens its machine as File ▸ Open does (a sample as Open
 * Sample, files as Open, with the import's progress and report), then plays it from its title page.
 * Opening another machine closes the lesson.
 */
final class LessonsController {
    static final String MENU_ID = "lessons-menu";
    static final String OPEN_FILE_ID = "open-lesson-item";

    private final DocumentModel documents;
    private final LessonPlayer player;
    private final LessonPanel panel;
    private final Menu menu = new Menu("Lessons");
    private final ChooserOwner choosers;
    private final Consumer<String> problem;
    private boolean bundledRead;
    /** True between asking the document model to open a lesson's machine and it showing. */
    private Scenario opening;

    /**
     * @param problem shows a lesson file that cannot be used, with every problem's file, line and column
     */
    LessonsController(DocumentModel documents, MappingWorkspace workspace, PlatformSession session,
            ChooserOwner choosers, Consumer<String> problem) {
        this.documents = documents;
        this.choosers = choosers;
        this.problem = problem;
        this.player = new LessonPlayer(workspace, session, session.rules());
        this.panel = new LessonPanel(player);
        menu.setId(MENU_ID);
        // Read when first shown: the window opens without waiting for the lessons.
        menu.setOnShowing(e -> fillMenu());
        MenuItem reading = new MenuItem("Reading the lessons…");
        reading.setDisable(true);
        // Open Lesson File… is there from the start: its key works, and the F1 sheet lists it, before the menu opens.
        MenuItem file = new MenuItem("Open Lesson File…");
        file.setId(OPEN_FILE_ID);
        file.setAccelerator(new KeyCodeCombination(KeyCode.L, KeyCombination.SHORTCUT_DOWN,
                KeyCombination.SHIFT_DOWN));
        file.setOnAction(e -> chooseAndOpen());
        menu.getItems().addAll(reading, new SeparatorMenuItem(), file);
        documents.documentProperty().addListener((InvalidationListener) o -> documentChanged());
        // A machine that could not be opened starts no lesson, now or at the next open.
        documents.failureProperty().addListener((obs, old, f) -> opening = null);
    }

    Menu menu() {
        return menu;
    }

    LessonPanel panel() {
        return panel;
    }

    LessonPlayer player() {
        return player;
    }

    /** Page Down / Page Up anywhere in the window while a lesson plays. */
    void windowKey(KeyEvent e) {
        if (panel.handleWindowKey(e)) e.consume();
    }

    /** The bundled lessons, read the first time the menu opens, in place of "Reading the lessons…". */
    private void fillMenu() {
        if (bundledRead) return;
        bundledRead = true;
        List<LessonLibrary.Lesson> lessons = LessonLibrary.bundled();
        List<MenuItem> items = new ArrayList<>();
        for (LessonLibrary.Lesson l : lessons) {
            MenuItem m = new MenuItem(l.title());
            m.setMnemonicParsing(false);
            m.setId("lesson-" + l.fileName().replaceAll("[^A-Za-z0-9_-]", "-"));
            m.setOnAction(e -> open(l.read(), l.fileName()));
            items.add(m);
        }
        if (lessons.isEmpty()) {
            MenuItem none = new MenuItem("No lessons were bundled with this build");
            none.setDisable(true);
            items.add(none);
        }
        menu.getItems().remove(0);
        menu.getItems().addAll(0, items);
    }

    private void chooseAndOpen() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open Lesson (a dmascope scenario file)");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Scenario JSON (*.json)", "*.json"));
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("All files", "*.*"));
        File f = choosers.show(chooser::showOpenDialog);
        if (f == null) return;
        open(ScenarioReader.read(f.toPath()), f.getName());
    }

    /** Opens the lesson's machine like File ▸ Open, then plays the lesson from its title page. */
    void open(ScenarioReader.Result read, String name) {
        if (read.scenario().isEmpty()) {
            problem.accept("The lesson " + name + " cannot be used:\n" + read.report().diagnostics().stream()
                    .map(Diagnostic::toString).collect(Collectors.joining("\n")));
            return;
        }
        Scenario s = read.scenario().get();
        player.close();
        opening = s;
        if (s.machine() instanceof Scenario.Files f) {
            documents.open(f.paths());
            return;
        }
        String sample = ((Scenario.Sample) s.machine()).name();
        Optional<SampleCatalog.Sample> found = documents.samplesProperty().stream()
                .filter(x -> x.fileName().equals(sample)).findFirst()
                .or(() -> SampleCatalog.load().samples().stream().filter(x -> x.fileName().equals(sample))
                        .findFirst());
        if (found.isEmpty()) {
            opening = null;
            problem.accept("The lesson " + name + " runs on the sample \"" + sample + "\", which this build "
                    + "does not have.");
            return;
        }
        documents.openSample(found.get());
    }

    private void documentChanged() {
        Scenario s = opening;
        opening = null;
        if (s != null && documents.getDocument() != null) {
            player.start(s);
            panel.focusNext();
        } else {
            player.close();
        }
    }
}
