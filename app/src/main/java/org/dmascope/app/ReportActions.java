package org.dmascope.app;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.stage.FileChooser;

import org.dmascope.app.cli.AppVersion;
import org.dmascope.model.io.AtomicFiles;
import org.dmascope.model.session.MapOutcome;
import org.dmascope.model.topology.Topology;
import org.dmascope.views.mapping.MappingReport;
import org.dmascope.views.mapping.MappingViewModel;

/**
 * Mapping ▸ Copy Report and Save Report…: the current mapping as the Markdown report
 * {@code dmascope map --format markdown} prints ({@link MappingReport}, one renderer for both).
 */
final class ReportActions {
    private final MappingViewModel model;
    private final BiConsumer<String, Boolean> say;

    /** @param say puts a sentence in the status bar, true for a problem */
    ReportActions(MappingViewModel model, BiConsumer<String, Boolean> say) {
        this.model = model;
        this.say = say;
    }

    /** The report of the current mapping; empty when nothing was mapped yet. */
    Optional<String> report() {
        MapOutcome o = model.outcomeProperty().get();
        Topology t = model.topologyProperty().get();
        if (o == null || t == null) return Optional.empty();
        return Optional.of(MappingReport.markdown(o, t, AppVersion.text(), MappingReport.DEFAULT_SEGMENTS));
    }

    void copy() {
        Optional<String> r = report();
        if (r.isEmpty()) return;
        ClipboardContent c = new ClipboardContent();
        c.putString(r.get());
        Clipboard.getSystemClipboard().setContent(c);
        say.accept("Copied the mapping's report (Markdown) to the clipboard", false);
    }

    /** Asks where, then writes the report atomically. */
    void save(ChooserOwner choosers, Path initialDirectory, Consumer<Path> chosen) {
        Optional<String> r = report();
        if (r.isEmpty()) return;
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save Report");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Markdown (*.md)", "*.md"));
        MapOutcome o = model.outcomeProperty().get();
        chooser.setInitialFileName(o.hasMapping() ? MappingReport.fileStem(o.mapping(), model.topologyProperty().get())
                + ".md" : "dmascope-report.md");
        if (initialDirectory != null && initialDirectory.toFile().isDirectory()) {
            chooser.setInitialDirectory(initialDirectory.toFile());
        }
        File f = choosers.show(chooser::showSaveDialog);
        if (f == null) return;
        chosen.accept(f.toPath().getParent());
        Path target = f.getName().contains(".") ? f.toPath() : f.toPath().resolveSibling(f.getName() + ".md");
        Optional<String> error = write(target, r.get());
        say.accept(error.map(e -> "Could not save the report: " + e).orElse("Saved the report to " + target),
                error.isPresent());
    }

    /** Writes the report atomically; the reason when it could not. */
    static Optional<String> write(Path target, String report) {
        try {
            AtomicFiles.write(target, out -> out.write(report.getBytes(StandardCharsets.UTF_8)));
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(String.valueOf(e.getMessage()));
        }
    }
}
