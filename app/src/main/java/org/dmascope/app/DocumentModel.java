package org.dmascope.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

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
import org.dmascope.model.io.formats.ImportFormats;
import org.dmascope.model.io.imports.ImportProgress;
import org.dmascope.model.io.imports.ImportResult;
import org.dmascope.model.io.imports.Importer;
import org.dmascope.model.io.pciids.PciIdSource;
import org.dmascope.model.report.Diagnostic;
import org.dmascope.model.report.Report;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.Topology;
import org.dmascope.model.util.NewestWins;
import org.dmascope.views.importreport.SourceExcerpts;
import org.dmascope.views.topology.TopologyViewModel;

/**
 * The open document and the file commands. Reading, importing and writing run on the background
 * executor; the results are published on the UI executor. While files import, their progress is
 * published (throttled) and the import can be cancelled. A file that does not load, or an import that
 * is cancelled, leaves the current document in place; a failure is published with its findings.
 */
public final class DocumentModel {

    /**
     * What is open.
     *
     * @param title      the file name, the sample's title, or "Imported: " and the files' names
     * @param sourceName the file name facts come from when they carry no line of their own
     * @param path       the file, when it is one topology file on disk
     * @param report     the warnings it loaded with
     * @param imported   it was imported from exports (lspci, IOMMU groups, hwloc), not opened as JSON
     * @param excerpts   the source lines around each finding of the report
     */
    public record Document(Topology topology, String title, String sourceName, Optional<Path> path, Report report,
                           boolean imported, SourceExcerpts excerpts) {
        public Document(Topology topology, String title, String sourceName, Optional<Path> path, Report report) {
            this(topology, title, sourceName, path, report, false, SourceExcerpts.NONE);
        }
    }

    /** A file that could not be opened or saved; the serial makes repeated failures distinct. */
    public record Failure(String title, String summary, Report report, long serial, SourceExcerpts excerpts) {
        public Failure(String title, String summary, Report report, long serial) {
            this(title, summary, report, serial, SourceExcerpts.NONE);
        }
    }

    /** A transient status-bar message. */
    public record Message(String text, boolean problem, long serial) {
    }

    private final Executor background;
    private final Executor ui;
    private final TopologyViewModel view;
    private final RecentFiles recent;
    private final Importer importer;
    private final ReadOnlyObjectWrapper<Document> document = new ReadOnlyObjectWrapper<>(this, "document");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyObjectWrapper<Failure> failure = new ReadOnlyObjectWrapper<>(this, "failure");
    private final ReadOnlyObjectWrapper<Message> message = new ReadOnlyObjectWrapper<>(this, "message");
    private final ReadOnlyObjectWrapper<ImportProgress.Step> progress = new ReadOnlyObjectWrapper<>(this, "progress");
    private final ReadOnlyListWrapper<SampleCatalog.Sample> samples =
            new ReadOnlyListWrapper<>(this, "samples", FXCollections.observableArrayList());
    private final ReadOnlyBooleanWrapper modified = new ReadOnlyBooleanWrapper(this, "modified");
    /** The machine as last opened or saved: the document is modified while it shows another. */
    private Topology saved;
    private BooleanSupplier discardGuard = () -> true;
    private long serial;
    private final NewestWins opens = new NewestWins();
    private AtomicBoolean cancelCurrent = new AtomicBoolean();
    private ProgressRelay relay;
    private volatile Consumer<ImportProgress.Step> importHook = s -> {
    };

    /**
     * @param background where files are read and written
     * @param ui         where results are published (the FX thread)
     * @param view       the topology view model that shows the document
     * @param importer   what opens and imports files
     */
    public DocumentModel(Executor background, Executor ui, TopologyViewModel view, RecentFiles recent,
            Importer importer) {
        this.background = background;
        this.ui = ui;
        this.view = view;
        this.recent = recent;
        this.importer = importer;
    }

    /** With the standard formats (tests). */
    public DocumentModel(Executor background, Executor ui, TopologyViewModel view, RecentFiles recent) {
        this(background, ui, view, recent, new Importer(ImportFormats.standard()));
    }

    /** The pci.ids imports complete names and IDs with (Help ▸ About names it). */
    public PciIdSource pciIds() {
        return importer.pciIds();
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

    /** Where the running import is (throttled); null when no import runs. */
    public ReadOnlyObjectProperty<ImportProgress.Step> progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** The shipped samples, filled in by {@link #loadSamples()}. */
    public ReadOnlyListProperty<SampleCatalog.Sample> samplesProperty() {
        return samples.getReadOnlyProperty();
    }

    /** The open machine has what-if edits that are not saved (an undo back to the saved machine clears it). */
    public ReadOnlyBooleanProperty modifiedProperty() {
        return modified.getReadOnlyProperty();
    }

    public boolean isModified() {
        return modified.get();
    }

    /**
     * Asked before opening another machine while the open one has unsaved edits: true to go on (the window asks the
     * user). Without one, opening goes on.
     */
    public void setDiscardGuard(BooleanSupplier guard) {
        discardGuard = guard == null ? () -> true : guard;
    }

    /** True when nothing unsaved is open, or the guard agrees to lose it. */
    public boolean mayDiscard() {
        return !modified.get() || discardGuard.getAsBoolean();
    }

    public RecentFiles recentFiles() {
        return recent;
    }

    /** The formats files are opened and imported as, for file choosers. */
    public ImportFormats formats() {
        return importer.formats();
    }

    // ---- Commands ----

    public void show(Document d) {
        saved = d.topology();
        document.set(d);
        modified.set(false);
        view.show(d.topology(), d.sourceName());
    }

    /**
     * Shows the open machine after a what-if edit or its undo: same title and file, the view keeps its search and
     * selects {@code focus}. The document is modified unless this is the machine as last opened or saved.
     */
    public void showEdited(Topology t, Optional<Bdf> focus) {
        Document d = document.get();
        if (d == null) return;
        document.set(new Document(t, d.title(), d.sourceName(), d.path(), d.report(), d.imported(), d.excerpts()));
        modified.set(t != saved);
        view.replace(t, focus);
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
        if (!mayDiscard()) return;
        cancelImport();
        opens.invalidate();
        show(new Document(s.topology(), s.title(), s.fileName(), Optional.empty(), Report.EMPTY));
        say("Opened the sample “" + s.title() + "”", false);
    }

    /**
     * Opens one topology file, or imports exports describing one machine (lspci text of any kind,
     * IOMMU group listings, hwloc XML, NCCL topology XML, nvidia-smi topo output; several files merge
     * into one machine). JSON opens as a
     * document; anything else is imported with progress and can be cancelled.
     */
    public void open(List<Path> files) {
        if (files.isEmpty() || !mayDiscard()) return;
        cancelImport();
        String name = displayName(files);
        NewestWins.Ticket request = opens.next();
        AtomicBoolean cancelled = new AtomicBoolean();
        cancelCurrent = cancelled;
        ProgressRelay myRelay = new ProgressRelay(ui, step -> {
            if (request.isNewest()) progress.set(step);
        });
        relay = myRelay;
        busy.set(true);
        say("Opening " + name + "…", false);
        Consumer<ImportProgress.Step> hook = importHook;
        background.execute(() -> {
            ImportResult r;
            SourceExcerpts excerpts = SourceExcerpts.NONE;
            try {
                r = importer.fromFiles(files, step -> {
                    hook.accept(step);
                    myRelay.update(step);
                }, cancelled::get);
                if (!r.cancelled() && !r.report().isEmpty()) excerpts = ImportSources.excerpts(r);
            } catch (RuntimeException e) {
                r = ImportResult.failed(new Report(List.of(Diagnostic.error("could not be read: " + e).at(name, 0, 0))),
                        List.of());
            }
            ImportResult result = r;
            boolean imported = !r.document();
            SourceExcerpts lines = excerpts;
            ui.execute(() -> finishOpen(request, files, name, result, imported, lines, myRelay));
        });
    }

    /**
     * Reads another machine without opening it (Compare With…): off the UI thread, with the status bar saying so;
     * {@code done} gets the topology on the UI thread. A file that cannot be read is reported like one that
     * cannot be opened, and the open document stays.
     */
    public void readOther(List<Path> files, Consumer<Topology> done) {
        if (files.isEmpty()) return;
        String name = displayName(files);
        say("Reading " + name + " to compare…", false);
        background.execute(() -> {
            ImportResult r;
            try {
                r = importer.fromFiles(files, step -> {
                }, () -> false);
            } catch (RuntimeException e) {
                r = ImportResult.failed(new Report(List.of(Diagnostic.error("could not be read: " + e).at(name, 0, 0))),
                        List.of());
            }
            ImportResult result = r;
            SourceExcerpts excerpts = result.topology().isEmpty() ? ImportSources.excerpts(result)
                    : SourceExcerpts.NONE;
            ui.execute(() -> {
                if (result.topology().isPresent()) {
                    done.accept(result.topology().get());
                    return;
                }
                int n = result.report().errors().size();
                failure.set(new Failure("Cannot compare with " + name, name + " could not be read: " + n
                        + (n == 1 ? " error" : " errors") + ". Nothing was compared; the topology you had open stays "
                        + "open.", result.report(), ++serial, excerpts));
                say("Could not read " + name + " to compare", true);
            });
        });
    }

    /** Stops the running import, if any; the open document stays. */
    public void cancelImport() {
        cancelCurrent.set(true);
    }

    /**
     * Runs on the importing thread at every progress step, before throttling: tests and screenshot
     * tooling use it to hold an import at a known point.
     */
    void setImportHook(Consumer<ImportProgress.Step> hook) {
        importHook = hook == null ? s -> {
        } : hook;
    }

    private void finishOpen(NewestWins.Ticket request, List<Path> files, String name, ImportResult r, boolean imported,
                            SourceExcerpts excerpts, ProgressRelay myRelay) {
        myRelay.close();
        if (!request.isNewest()) return;
        busy.set(false);
        progress.set(null);
        if (r.cancelled()) {
            say((imported ? "Import of " : "Opening ") + name + " cancelled; the topology you had open stays open",
                    false);
            return;
        }
        if (r.topology().isEmpty()) {
            int n = r.report().errors().size();
            String what = imported ? "Cannot import " : "Cannot open ";
            failure.set(new Failure(what + name, name + " was not " + (imported ? "imported" : "opened") + ": " + n
                    + (n == 1 ? " error" : " errors") + ". The topology you had open stays open.", r.report(), ++serial,
                            excerpts));
            say("Could not " + (imported ? "import " : "open ") + name, true);
            return;
        }
        Topology t = r.topology().get();
        Optional<Path> path = files.size() == 1 && !imported ? Optional.of(files.get(0)) : Optional.empty();
        String title = imported ? importTitle(files) : name;
        show(new Document(t, title, name, path, r.report(), imported, excerpts));
        path.ifPresent(recent::add);
        int w = r.report().warnings().size();
        String warnings = w == 0 ? "" : w == 1 ? " with 1 warning" : " with " + w + " warnings";
        if (imported) {
            say("Imported " + t.functions().size() + " PCI functions from " + (files.size() == 1 ? name : files.size()
                    + " files")
                    + warnings, w > 0);
        } else {
            say("Opened " + name + warnings, w > 0);
        }
    }

    /** {@code Imported: a.tree.txt, a.verbose.txt, a.iommu-groups.txt}; long lists name two and count the rest. */
    static String importTitle(List<Path> files) {
        List<String> names = files.stream().map(p -> String.valueOf(p.getFileName())).toList();
        if (names.size() <= 3) return "Imported: " + String.join(", ", names);
        return "Imported: " + names.get(0) + ", " + names.get(1) + " + " + (names.size() - 2) + " more";
    }

    /** A file name to offer in Save As: the open file's, else the machine's name. */
    static String suggestedFileName(Document d) {
        String base = d.path().map(p -> p.getFileName().toString())
                .orElse(d.topology().name().replaceAll("[^A-Za-z0-9_.-]+", "-").replaceAll("^-|-$", ""));
        if (base.isEmpty()) base = "topology";
        return base.endsWith(".json") ? base : base + ".json";
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
            failure.set(new Failure("Cannot save " + name,
                    name + " was not written; any previous file there is unchanged.",
                    new Report(List.of(Diagnostic.error(error.get()).at(target.toString(), 0, 0))), ++serial));
            say("Could not save " + name, true);
            return;
        }
        recent.add(target);
        if (document.get() == saved) {
            this.saved = saved.topology();
            document.set(new Document(saved.topology(), name, name, Optional.of(target), saved.report(), false,
                    saved.excerpts()));
            modified.set(false);
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
