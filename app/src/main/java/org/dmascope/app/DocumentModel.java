package org.dmascope.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyListProperty;
import javafx.beans.property.ReadOnlyListWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;

import org.dmascope.model.io.LoadResult;
import org.dmascope.model.io.SampleCatalog;
import org.dmascope.model.io.TopologyFiles;
import org.dmascope.model.io.TopologyInputs;
import org.dmascope.model.report.Diagnostic;
import org.dmascope.model.report.Report;
import org.dmascope.model.topology.Topology;
import org.dmascope.views.topology.TopologyViewModel;

/**
 * The open document and the file commands. Reading and writing run on the background executor; the
 * results are published on the UI executor. A file that does not load leaves the current document in
 * place and publishes a {@link Failure} with its findings.
 */
public final class DocumentModel {

    /**
     * What is open.
     *
     * @param title      the file name, or the sample's title
     * @param sourceName the file name facts come from when they carry no line of their own
     * @param path       the file, when it is one file on disk
     * @param report     the warnings it loaded with
     */
    public record Document(Topology topology, String title, String sourceName, Optional<Path> path, Report report) {
    }

    /** A file that could not be opened or saved; the serial makes repeated failures distinct. */
    public record Failure(String title, String summary, Report report, long serial) {
    }

    /** A transient status-bar message. */
    public record Message(String text, boolean problem, long serial) {
    }

    private final Executor background;
    private final Executor ui;
    private final TopologyViewModel view;
    private final RecentFiles recent;
    private final ReadOnlyObjectWrapper<Document> document = new ReadOnlyObjectWrapper<>(this, "document");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyObjectWrapper<Failure> failure = new ReadOnlyObjectWrapper<>(this, "failure");
    private final ReadOnlyObjectWrapper<Message> message = new ReadOnlyObjectWrapper<>(this, "message");
    private final ReadOnlyListWrapper<SampleCatalog.Sample> samples =
            new ReadOnlyListWrapper<>(this, "samples", FXCollections.observableArrayList());
    private long serial;
    private long latestOpen;

    /**
     * @param background where files are read and written
     * @param ui         where results are published (the FX thread)
     * @param view       the topology view model that shows the document
     */
    public DocumentModel(Executor background, Executor ui, TopologyViewModel view, RecentFiles recent) {
        this.background = background;
        this.ui = ui;
        this.view = view;
        this.recent = recent;
    }

    // ---- Properties ----

    public ReadOnlyObjectProperty<Document> documentProperty() {
        return document.getReadOnlyProperty();
    }

    public Document getDocument() {
        return document.get();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Failure> failureProperty() {
        return failure.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Message> messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** The shipped samples, filled in by {@link #loadSamples()}. */
    public ReadOnlyListProperty<SampleCatalog.Sample> samplesProperty() {
        return samples.getReadOnlyProperty();
    }

    public RecentFiles recentFiles() {
        return recent;
    }

    // ---- Commands ----

    public void show(Document d) {
        document.set(d);
        view.show(d.topology(), d.sourceName());
    }

    /** Shows the default sample at once (it is small), for the first window. */
    public void showDefaultSample() {
        Topology t = SampleCatalog.loadDefault();
        show(new Document(t, t.name(), SampleCatalog.index().get(0), Optional.empty(), Report.EMPTY));
    }

    /** Reads every sample in the background, for the Open Sample menu. */
    public void loadSamples() {
        background.execute(() -> {
            try {
                List<SampleCatalog.Sample> list = SampleCatalog.load().samples();
                ui.execute(() -> samples.setAll(list));
            } catch (RuntimeException e) {
                ui.execute(() -> say("The samples could not be read: " + e.getMessage(), true));
            }
        });
    }

    public void openSample(SampleCatalog.Sample s) {
        latestOpen = ++serial;
        show(new Document(s.topology(), s.title(), s.fileName(), Optional.empty(), Report.EMPTY));
        say("Opened the sample “" + s.title() + "”", false);
    }

    /** Opens one topology file, or several exports describing one machine. */
    public void open(List<Path> files) {
        if (files.isEmpty()) return;
        String name = displayName(files);
        long request = latestOpen = ++serial;
        busy.set(true);
        say("Opening " + name + "…", false);
        background.execute(() -> {
            LoadResult r;
            try {
                r = TopologyInputs.load(files);
            } catch (RuntimeException e) {
                r = LoadResult.failed(new Report(List.of(Diagnostic.error("could not be read: " + e).at(name, 0, 0))));
            }
            LoadResult result = r;
            ui.execute(() -> finishOpen(request, files, name, result));
        });
    }

    private void finishOpen(long request, List<Path> files, String name, LoadResult r) {
        busy.set(false);
        if (request != latestOpen) return;
        if (r.topology().isEmpty()) {
            int n = r.report().errors().size();
            failure.set(new Failure("Cannot open " + name, name + " was not opened: " + n + (n == 1 ? " error" : " errors")
                    + ". The topology you had open stays open.", r.report(), ++serial));
            say("Could not open " + name, true);
            return;
        }
        Optional<Path> path = files.size() == 1 ? Optional.of(files.get(0)) : Optional.empty();
        show(new Document(r.topology().get(), name, name, path, r.report()));
        path.ifPresent(recent::add);
        int w = r.report().warnings().size();
        say("Opened " + name + (w == 0 ? "" : w == 1 ? " with 1 warning" : " with " + w + " warnings"), w > 0);
    }

    /** Opens a recent file, or drops it from the list if it is gone. */
    public void openRecent(Path file) {
        if (!Files.isRegularFile(file)) {
            recent.remove(file);
            say(file.getFileName() + " no longer exists; removed from Open Recent", true);
            return;
        }
        open(List.of(file));
    }

    /** Writes the current topology as JSON, atomically, then makes that file the document. */
    public void saveAs(Path target) {
        Document d = document.get();
        if (d == null) return;
        busy.set(true);
        background.execute(() -> {
            Optional<String> error;
            try {
                TopologyFiles.save(d.topology(), target);
                error = Optional.empty();
            } catch (IOException | RuntimeException e) {
                error = Optional.of(String.valueOf(e.getMessage()));
            }
            Optional<String> result = error;
            ui.execute(() -> finishSave(d, target, result));
        });
    }

    private void finishSave(Document saved, Path target, Optional<String> error) {
        busy.set(false);
        String name = target.getFileName().toString();
        if (error.isPresent()) {
            failure.set(new Failure("Cannot save " + name, name + " was not written; any previous file there is unchanged.",
                    new Report(List.of(Diagnostic.error(error.get()).at(target.toString(), 0, 0))), ++serial));
            say("Could not save " + name, true);
            return;
        }
        recent.add(target);
        if (document.get() == saved) {
            document.set(new Document(saved.topology(), name, name, Optional.of(target), saved.report()));
        }
        say("Saved " + target, false);
    }

    public void say(String text, boolean problem) {
        message.set(new Message(text, problem, ++serial));
    }

    static String displayName(List<Path> files) {
        String first = String.valueOf(files.get(0).getFileName());
        return files.size() == 1 ? first : first + " + " + (files.size() - 1) + " more";
    }
}
