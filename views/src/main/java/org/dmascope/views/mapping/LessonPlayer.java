package org.dmascope.views.mapping;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ChangeListener;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.util.Duration;

import org.dmascope.model.kernel.platform.PlatformOverrides;
import org.dmascope.model.kernel.platform.PlatformSettings;
import org.dmascope.model.mapping.BufferSpec;
import org.dmascope.model.mapping.Mapping;
import org.dmascope.model.mapping.PageLayout;
import org.dmascope.model.session.MapOptionSettings;
import org.dmascope.model.session.MapOptions;
import org.dmascope.model.session.MapOutcome;
import org.dmascope.model.session.SessionSnapshot;
import org.dmascope.model.session.scenario.Expectation;
import org.dmascope.model.session.scenario.Scenario;
import org.dmascope.model.session.scenario.ScenarioStep;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.util.Hex;
import org.dmascope.views.rules.PlatformEditor;
import org.dmascope.views.rules.RulesModel;
import org.dmascope.views.topology.TopologyCanvas;
import org.dmascope.views.topology.TopologyItem;

/**
 * Plays a scenario (docs/scenario-format.md) as a lesson in the window. Its steps are grouped in pages:
 * a narration and the steps that follow it up to the next narration; page 0 is the title and the
 * description. Next performs the next page's steps one after another on the window's running kernel,
 * visibly: a map step is a drop played on the canvas ({@link MappingWorkspace#playDrop}), unmap, flush
 * and clear go through the {@link LiveMappings} the Mapping menu uses, a
 * platform step is a platform change like the Platform &amp; Kernel window's, options go to the options
 * bar's model. Back starts the kernel over and performs every page up to the one before (state
 * matters: a second mapping lands where the first left the allocator). An unmet expectation, or a step
 * the window cannot play, is listed on the page, never thrown.
 *
 * <p>The machine must be open before {@link #start}: the app opens it the way File ▸ Open does.
 */
public final class LessonPlayer {
    /** How long a played drop shows its target before the buffer is dropped, at speed 1. */
    static final Duration DROP_PAUSE = Duration.millis(900);

    /**
     * A page of the lesson.
     *
     * @param narration the narration steps' text, in order
     * @param steps     every step of the page, narration included
     */
    public record Page(List<String> narration, List<ScenarioStep> steps) {
        public Page {
            narration = List.copyOf(narration);
            steps = List.copyOf(steps);
        }
    }

    private final MappingWorkspace workspace;
    private final MappingViewModel model;
    private final PlatformEditor editor;
    private final RulesModel rules;

    private final ReadOnlyObjectWrapper<Scenario> scenario = new ReadOnlyObjectWrapper<>(this, "scenario");
    private final ReadOnlyIntegerWrapper page = new ReadOnlyIntegerWrapper(this, "page", 0);
    private final ReadOnlyIntegerWrapper pageCount = new ReadOnlyIntegerWrapper(this, "pageCount", 0);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ObservableList<String> results = FXCollections.observableArrayList();
    private final ObservableList<String> failures = FXCollections.observableArrayList();
    private List<Page> pages = List.of();

    /** Changes with every start, restart and close: callbacks of an abandoned run do nothing. */
    private long generation;
    private MapOptions options = MapOptions.DEFAULTS;
    /** The mappings made since the scenario's kernel booted, in order: the scenario's numbers #1, #2… */
    private final List<Mapping> made = new ArrayList<>();
    private LastMap lastMap;

    private record LastMap(Bdf initiator, BufferSpec buffer, MapOptions options) {
    }

    /**
     * @param workspace the window's mapping workspace (drops are played there)
     * @param editor    changes the platform what-ifs, as the Platform &amp; Kernel window does
     * @param rules     the running kernel's rules: a platform step waits for them
     */
    public LessonPlayer(MappingWorkspace workspace, PlatformEditor editor, RulesModel rules) {
        this.workspace = workspace;
        this.model = workspace.model();
        this.editor = editor;
        this.rules = rules;
    }

    // ---- properties ----

    /** The lesson being played; null when none is. */
    public ReadOnlyObjectProperty<Scenario> scenarioProperty() {
        return scenario.getReadOnlyProperty();
    }

    /** The page shown: 0 the title, 1 … {@link #pageCountProperty()} the steps. */
    public ReadOnlyIntegerProperty pageProperty() {
        return page.getReadOnlyProperty();
    }

    /** Pages after the title page. */
    public ReadOnlyIntegerProperty pageCountProperty() {
        return pageCount.getReadOnlyProperty();
    }

    /** True while steps are being performed: Next, Back and Restart wait. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** What the shown page's steps did, a line each. */
    public ObservableList<String> results() {
        return FXCollections.unmodifiableObservableList(results);
    }

    /** The shown page's unmet expectations and steps that could not be played. */
    public ObservableList<String> failures() {
        return FXCollections.unmodifiableObservableList(failures);
    }

    public List<Page> pages() {
        return pages;
    }

    /** The narration of the shown page (the description on the title page). */
    public String narration() {
        Scenario s = scenario.get();
        if (s == null) return "";
        if (page.get() == 0) return s.description().orElse("Press Next to begin.");
        return String.join("\n\n", pages.get(page.get() - 1).narration());
    }

    // ---- commands ----

    /** Plays {@code s} from its title page on the open machine: its platform and options, nothing mapped. */
    public void start(Scenario s) {
        generation++;
        pages = pagesOf(s.steps());
        scenario.set(s);
        pageCount.set(pages.size());
        show(0, List.of(), List.of());
        goTo(0, false);
    }

    public boolean canNext() {
        return scenario.get() != null && !busy.get() && page.get() < pages.size();
    }

    public boolean canBack() {
        return scenario.get() != null && !busy.get() && page.get() > 0;
    }

    /** Performs the next page's steps, visibly. */
    public void next() {
        if (!canNext()) return;
        int target = page.get() + 1;
        long g = generation;
        busy.set(true);
        performPage(target, true, g, (lines, failed) -> {
            if (g != generation) return;
            show(target, lines, failed);
            busy.set(false);
        });
    }

    /** Starts the kernel over and performs every page before the shown one. */
    public void back() {
        if (!canBack()) return;
        goTo(page.get() - 1, false);
    }

    /** Back to the title page: the scenario's platform and options, nothing mapped. */
    public void restart() {
        if (scenario.get() == null) return;
        generation++;
        goTo(0, false);
    }

    /** Stops playing; what is mapped stays. */
    public void close() {
        generation++;
        busy.set(false);
        scenario.set(null);
        pages = List.of();
        pageCount.set(0);
        show(0, List.of(), List.of());
    }

    // ---- running ----

    /** Resets the kernel, then performs pages 1 … {@code target} (the last one visibly when asked). */
    private void goTo(int target, boolean animateLast) {
        long g = generation;
        busy.set(true);
        reset(g, () -> forward(1, target, animateLast, g, List.of(), List.of()));
    }

    private void forward(int next, int target, boolean animateLast, long g, List<String> lines, List<String> failed) {
        if (g != generation) return;
        if (next > target) {
            show(target, lines, failed);
            busy.set(false);
            return;
        }
        performPage(next, animateLast && next == target, g, (l, f) -> forward(next + 1, target, animateLast, g, l,
                f));
    }

    private interface PageDone {
        void done(List<String> lines, List<String> failures);
    }

    private void show(int p, List<String> lines, List<String> failed) {
        results.setAll(lines);
        failures.setAll(failed);
        page.set(p);
    }

    /** The scenario's platform and options on the open machine, with nothing mapped. */
    private void reset(long g, Runnable then) {
        Scenario s = scenario.get();
        model.forget();
        made.clear();
        lastMap = null;
        options = s.options();
        model.options().optionsProperty().set(options);
        PlatformOverrides target = s.platform();
        if (!rules.getOverrides().equals(target)) editor.change(target, "lesson “" + s.title() + "”");
        awaitRules(target, () -> {
            if (g == generation) model.live().clear(() -> {
                if (g == generation) then.run();
            });
        });
    }

    /** Runs {@code then} once the rules of the machine under {@code target} are published. */
    private void awaitRules(PlatformOverrides target, Runnable then) {
        InvalidationListener[] listener = new InvalidationListener[1];
        listener[0] = (Observable o) -> {
            if (!rulesReady(target)) return;
            rules.computingProperty().removeListener(listener[0]);
            rules.rulesProperty().removeListener(listener[0]);
            then.run();
        };
        if (rulesReady(target)) {
            then.run();
            return;
        }
        rules.computingProperty().addListener(listener[0]);
        rules.rulesProperty().addListener(listener[0]);
    }

    private boolean rulesReady(PlatformOverrides target) {
        return !rules.computingProperty().get() && rules.getRules() != null
                && rules.getOverrides().equals(target)
                && rules.rulesFor(model.topologyProperty().get()).isPresent();
    }

    private void performPage(int p, boolean animate, long g, PageDone done) {
        Deque<ScenarioStep> todo = new ArrayDeque<>(pages.get(p - 1).steps());
        List<String> lines = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        performNext(todo, animate, g, lines, failed, () -> done.done(lines, failed));
    }

    private void performNext(Deque<ScenarioStep> todo, boolean animate, long g, List<String> lines,
            List<String> failed, Runnable done) {
        if (g != generation) return;
        if (todo.isEmpty()) {
            done.run();
            return;
        }
        ScenarioStep step = todo.poll();
        perform(step, animate, lines, failed, () -> performNext(todo, animate, g, lines, failed, done));
    }

    private void perform(ScenarioStep step, boolean animate, List<String> lines, List<String> failed,
            Runnable done) {
        if (step instanceof ScenarioStep.Narrate) {
            done.run();
        } else if (step instanceof ScenarioStep.Map s) {
            map(new LastMap(s.initiator(), s.buffer(), withSettings(options, s.options())), s.expect(), animate,
                    lines, failed, done);
        } else if (step instanceof ScenarioStep.MapAgain s) {
            if (lastMap == null) {
                failed.add(where(step) + "there is no map step before this one to do again");
                done.run();
            } else {
                map(lastMap, s.expect(), animate, lines, failed, done);
            }
        } else if (step instanceof ScenarioStep.Unmap s) {
            unmap(s, lines, failed, done);
        } else if (step instanceof ScenarioStep.Flush s) {
            flush(s, lines, done);
        } else if (step instanceof ScenarioStep.Clear) {
            lines.add("Every mapping unmapped: the IOMMU domains and the swiotlb pool are empty again");
            model.live().clear(done);
        } else if (step instanceof ScenarioStep.SetPlatform s) {
            platform(s, lines, failed, done);
        } else if (step instanceof ScenarioStep.SetOptions s) {
            options = withSettings(options, s.settings());
            lines.add("Map options: " + settingsWords(s.settings()));
            done.run();
        } else if (step instanceof ScenarioStep.State) {
            workspace.details().showTab(MappingDetailsView.LIVE_TAB_ID);
            SessionSnapshot snap = model.live().snapshotProperty().get();
            lines.add("The kernel's state (Live Mappings tab): " + snap.liveCount()
                    + (snap.liveCount() == 1 ? " live mapping" : " live mappings"));
            done.run();
        } else if (step instanceof ScenarioStep.Show s) {
            show(s, lines);
            done.run();
        } else if (step instanceof ScenarioStep.Highlight s) {
            // The canvas marks them as it marks drop targets; the next drag or drop clears the marks.
            TopologyCanvas canvas = workspace.topologyView().canvas();
            canvas.getEmphasised().clear();
            s.devices().forEach(d -> canvas.getEmphasised().add(TopologyItem.device(d)));
            lines.add("Marked on the canvas: " + String.join(", ", s.devices().stream().map(Bdf::shortText)
                    .toList()));
            done.run();
        } else {
            // A step kind of a newer scenario format than this window plays: said, not failed.
            lines.add(where(step) + "a “" + step.getClass().getSimpleName() + "” step is not played in the window");
            done.run();
        }
    }

    /** Brings the view forward; the P2P matrix is a tool window of the app, so the panel names where it is. */
    private void show(ScenarioStep.Show s, List<String> lines) {
        switch (s.view()) {
            case STEPS -> workspace.details().showTab(MappingDetailsView.STEPS_TAB_ID);
            case SCATTER_LIST -> workspace.details().showTab(MappingDetailsView.SCATTER_LIST_TAB_ID);
            case PAGE_WALK -> workspace.details().showTab(MappingDetailsView.PAGE_WALK_TAB_ID);
            case DESIGNS -> workspace.details().showTab(MappingDetailsView.DESIGNS_TAB_ID);
            case MATRIX -> lines.add("Look at the P2P matrix: Tools ▸ P2P Matrix… (Ctrl+Shift+P)");
        }
    }

    private void map(LastMap call, Expectation expect, boolean animate, List<String> lines, List<String> failed,
            Runnable done) {
        lastMap = call;
        Optional<BufferSource> source = sourceFor(call.buffer());
        Optional<BufferSettings> settings = source.flatMap(src -> settingsFor(call.buffer(), src));
        String cannot = source.isEmpty() ? "this machine has no buffer " + call.buffer().spec()
                : settings.isEmpty() ? "the window cannot make the buffer " + call.buffer().spec()
                : settings.get().problem(source.get())
                        .or(() -> model.refusal(source.get(), TopologyItem.device(call.initiator())))
                        .orElse(null);
        if (cannot != null) {
            if (expect.problem().isPresent()) lines.add("Cannot map, as expected: " + cannot);
            else failed.add("Map " + call.buffer().spec() + " for " + call.initiator() + ": " + cannot);
            done.run();
            return;
        }
        // The shown result must not be mapped again when the options or the chip's settings change.
        model.forget();
        model.options().optionsProperty().set(call.options());
        model.setSettings(source.get(), settings.get());
        ChangeListener<MapOutcome>[] listener = newListener();
        listener[0] = (obs, old, o) -> {
            if (o == null) return;
            model.outcomeProperty().removeListener(listener[0]);
            if (o.mapping() != null) made.add(o.mapping());
            lines.addAll(outcomeLines(o));
            failed.addAll(expect.check(o));
            done.run();
        };
        model.outcomeProperty().addListener(listener[0]);
        Consumer<Boolean> dropped = ok -> {
            if (ok) return;
            model.outcomeProperty().removeListener(listener[0]);
            failed.add("Map " + call.buffer().spec() + " for " + call.initiator() + ": the drop was refused");
            done.run();
        };
        if (animate) {
            double speed = model.player().speedProperty().get();
            workspace.playDrop(source.get(), call.initiator(), DROP_PAUSE.divide(speed), dropped);
        } else {
            dropped.accept(model.drop(source.get(), call.initiator()));
        }
    }

    @SuppressWarnings("unchecked")
    private static ChangeListener<MapOutcome>[] newListener() {
        return (ChangeListener<MapOutcome>[]) new ChangeListener[1];
    }

    private void unmap(ScenarioStep.Unmap s, List<String> lines, List<String> failed, Runnable done) {
        SessionSnapshot snap = model.live().snapshotProperty().get();
        Optional<Mapping> target;
        if (s.mappingId().isPresent()) {
            long n = s.mappingId().get();
            target = n >= 1 && n <= made.size() ? Optional.of(made.get((int) n - 1)) : Optional.empty();
            target = target.filter(m -> snap.mapping(m.id()).isPresent());
        } else {
            target = snap.liveMappings().stream().max((a, b) -> Long.compare(a.id(), b.id()));
        }
        if (target.isEmpty()) {
            failed.add(where(s) + s.mappingId().map(id -> "#" + id + " is not mapped").orElse("nothing is mapped"));
            done.run();
            return;
        }
        long shown = target.get().id();
        // The window's numbers go on from what was mapped before the lesson (re)started.
        lines.add("Unmapped " + s.mappingId().map(id -> "mapping " + id + (id == shown ? "" : " (#" + shown
                + " in the window)")).orElse("the newest mapping, #" + shown));
        model.live().unmap(target.get(), done);
    }

    private void flush(ScenarioStep.Flush s, List<String> lines, Runnable done) {
        List<String> domains = s.domainId().map(List::of).orElseGet(() -> model.live().snapshotProperty().get()
                .domains().stream().filter(SessionSnapshot.Domain::lazy).map(SessionSnapshot.Domain::id).toList());
        lines.add("IOTLB flushed " + s.domainId().map(d -> "in domain “" + d + "”").orElse("in every lazy domain")
                + ": its queued IOVA ranges are free");
        Deque<String> todo = new ArrayDeque<>(domains);
        flushNext(todo, done);
    }

    private void flushNext(Deque<String> todo, Runnable done) {
        if (todo.isEmpty()) {
            done.run();
            return;
        }
        model.live().flush(todo.poll(), () -> flushNext(todo, done));
    }

    private void platform(ScenarioStep.SetPlatform s, List<String> lines, List<String> failed, Runnable done) {
        PlatformOverrides next = rules.getOverrides();
        try {
            for (ScenarioStep.Setting x : s.settings()) next = PlatformSettings.set(next, x.name(), x.value());
        } catch (IllegalArgumentException e) {
            failed.add(where(s) + e.getMessage());
            done.run();
            return;
        }
        model.forget();
        made.clear();
        lines.add("Rebooted with " + settingsWords(s.settings()) + ": nothing stays mapped");
        PlatformOverrides target = next;
        if (!rules.getOverrides().equals(target)) editor.change(target, "lesson: " + settingsWords(s.settings()));
        awaitRules(target, () -> model.live().clear(done));
    }

    // ---- translations ----

    /** The chip of the buffer a scenario names: a NUMA node's RAM or a BAR's P2P memory. */
    private Optional<BufferSource> sourceFor(BufferSpec spec) {
        return model.sourcesProperty().stream().filter(src -> {
            if (spec instanceof BufferSpec.Host h) return src instanceof BufferSource.Ram r && r.node() == h.node();
            if (spec instanceof BufferSpec.DmaBuf d) {
                return src instanceof BufferSource.DmaBufBar x && x.exporter().equals(d.exporter())
                        && x.bar() == d.bar();
            }
            // an explicit scatterlist has no chip: the lesson maps it without one
            if (!(spec instanceof BufferSpec.Bar b)) return false;
            return src instanceof BufferSource.P2pMem p && p.provider().equals(b.provider())
                    && p.memory().bar() == b.bar();
        }).findFirst();
    }

    /** The chip's settings that make exactly that buffer; empty when a chip cannot (listed pages). */
    static Optional<BufferSettings> settingsFor(BufferSpec spec, BufferSource source) {
        if (spec instanceof BufferSpec.Host h) {
            PageLayout l = h.layout();
            if (l.kind() == PageLayout.Kind.EXPLICIT || l.at().isPresent()) return Optional.empty();
            return Optional.of(new BufferSettings(h.size(), h.offset(), l.kind(), l.seed(), h.direction()));
        }
        if (spec instanceof BufferSpec.DmaBuf d) {
            // the chip's popover names the importer and the revoke, as the spec does
            return Optional.of(new BufferSettings(d.size(), d.offset(), PageLayout.Kind.CONTIGUOUS,
                    PageLayout.DEFAULT_SEED, d.direction(), d.importer(), d.revoked()));
        }
        if (!(spec instanceof BufferSpec.Bar b)) return Optional.empty();
        long base = ((BufferSource.P2pMem) source).memory().offset();
        return Optional.of(new BufferSettings(b.size(), b.offset() - base, PageLayout.Kind.CONTIGUOUS,
                PageLayout.DEFAULT_SEED, b.direction()));
    }

    static List<Page> pagesOf(List<ScenarioStep> steps) {
        List<Page> out = new ArrayList<>();
        List<String> narration = new ArrayList<>();
        List<ScenarioStep> current = new ArrayList<>();
        boolean actions = false;
        for (ScenarioStep s : steps) {
            if (s instanceof ScenarioStep.Narrate n) {
                if (actions) {
                    out.add(new Page(narration, current));
                    narration = new ArrayList<>();
                    current = new ArrayList<>();
                    actions = false;
                }
                narration.add(n.text());
            } else {
                actions = true;
            }
            current.add(s);
        }
        if (!current.isEmpty()) out.add(new Page(narration, current));
        return out;
    }

    private static List<String> outcomeLines(MapOutcome o) {
        if (o.mapping() == null) return List.of("Cannot map: " + o.problem().orElse(""));
        Mapping m = o.mapping();
        int n = m.segments().count();
        String first = n == 0 ? "" : ", the first at " + Hex.addr(m.segments().address(0));
        return List.of(m.verdict().code() + ": " + m.verdict().summary(),
                n + (n == 1 ? " DMA segment" : " DMA segments") + first + "; map type " + m.mapType() + "; "
                        + o.after().liveCount() + " live");
    }

    private static MapOptions withSettings(MapOptions o, List<ScenarioStep.Setting> settings) {
        MapOptions out = o;
        for (ScenarioStep.Setting x : settings) out = MapOptionSettings.set(out, x.name(), x.value());
        return out;
    }

    private static String settingsWords(List<ScenarioStep.Setting> settings) {
        List<String> w = new ArrayList<>();
        for (ScenarioStep.Setting x : settings) w.add(x.name() + "=" + x.value());
        return String.join(", ", w);
    }

    private static String where(ScenarioStep s) {
        return "line " + s.line() + ": ";
    }
}
