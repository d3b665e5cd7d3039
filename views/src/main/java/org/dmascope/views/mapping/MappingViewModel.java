package org.dmascope.views.mapping;

import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;

import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyListProperty;
import javafx.beans.property.ReadOnlyListWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableMap;

import org.dmascope.model.kernel.platform.PlatformOverrides;
import org.dmascope.model.mapping.Mapping;
import org.dmascope.model.mapping.Step;
import org.dmascope.model.mapping.StepKind;
import org.dmascope.model.mapping.UnmapResult;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.Topology;
import org.dmascope.views.topology.CanvasRoute;
import org.dmascope.views.topology.TopologyItem;

/**
 * The drag-a-buffer feature without its views: the buffer sources of the open topology and their
 * settings, the mapping options, the last drop and its result (mapping, verdict words, route, steps),
 * the step player, and the live mappings. The engine runs on the {@code engine} executor, which must
 * run one task at a time ({@link MappingSession} is not thread-safe); each result is published with
 * one task on the {@code ui} executor. A newer drop, a cancel or another topology makes older results
 * stale: they are released from the kernel state and never shown.
 */
public final class MappingViewModel {

    /**
     * How long a result took: the engine alone, and from the drop to the first frame showing it (-1 until painted).
     *
     * @param droppedAt {@link System#nanoTime()} of the drop
     */
    public record Timing(long droppedAt, long computeNanos, long dropToPaintNanos) {
    }

    /** A transient note for the user (unmap, flush, clear, a refused drop); the serial makes repeats distinct. */
    public record Message(String text, boolean problem, long serial) {
    }

    private final Executor engine;
    private final Executor ui;
    private final ObservableValue<Topology> topologySource;
    private final ChangeListener<Topology> topologyListener = (obs, old, t) -> showTopology(t);

    private final ReadOnlyObjectWrapper<Topology> topology = new ReadOnlyObjectWrapper<>(this, "topology");
    private final ReadOnlyListWrapper<BufferSource> sources =
            new ReadOnlyListWrapper<>(this, "sources", FXCollections.observableArrayList());
    private final ObjectProperty<BufferSource> selectedSource = new SimpleObjectProperty<>(this, "selectedSource");
    private final ObservableMap<BufferSource, BufferSettings> settings = FXCollections.observableHashMap();
    /** One wrapper: it listens to {@link #settings} weakly, so a wrapper made per call would lose its listeners. */
    private final ObservableMap<BufferSource, BufferSettings> settingsView = FXCollections.unmodifiableObservableMap(settings);
    private final ReadOnlyBooleanWrapper armed = new ReadOnlyBooleanWrapper(this, "armed");
    private final ObjectProperty<MappingOptions> options = new SimpleObjectProperty<>(this, "options", MappingOptions.DEFAULTS);
    private final ObjectProperty<PlatformOverrides> platform = new SimpleObjectProperty<>(this, "platform", PlatformOverrides.NONE);

    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyObjectWrapper<DropRequest> runningDrop = new ReadOnlyObjectWrapper<>(this, "runningDrop");
    private final ReadOnlyObjectWrapper<DropRequest> lastDrop = new ReadOnlyObjectWrapper<>(this, "lastDrop");
    private final ReadOnlyObjectWrapper<MappingOutcome> outcome = new ReadOnlyObjectWrapper<>(this, "outcome");
    private final ReadOnlyObjectWrapper<Mapping> mapping = new ReadOnlyObjectWrapper<>(this, "mapping");
    private final ReadOnlyObjectWrapper<VerdictText> verdict = new ReadOnlyObjectWrapper<>(this, "verdict");
    private final ReadOnlyObjectWrapper<CanvasRoute> route = new ReadOnlyObjectWrapper<>(this, "route");
    private final ReadOnlyListWrapper<Step> steps = new ReadOnlyListWrapper<>(this, "steps", FXCollections.observableArrayList());
    private final ReadOnlyIntegerWrapper selectedStepIndex = new ReadOnlyIntegerWrapper(this, "selectedStepIndex", -1);
    private final ObjectProperty<Step> selectedStep = new SimpleObjectProperty<>(this, "selectedStep");
    private final IntegerProperty selectedSegment = new SimpleIntegerProperty(this, "selectedSegment", -1);
    private final ReadOnlyBooleanWrapper playing = new ReadOnlyBooleanWrapper(this, "playing");
    private final ReadOnlyObjectWrapper<Set<TopologyItem>> focus = new ReadOnlyObjectWrapper<>(this, "focus", Set.of());
    private final ReadOnlyObjectWrapper<LiveState> live = new ReadOnlyObjectWrapper<>(this, "live", LiveState.EMPTY);
    private final ReadOnlyObjectWrapper<Timing> timing = new ReadOnlyObjectWrapper<>(this, "timing");
    private final ReadOnlyObjectWrapper<Message> message = new ReadOnlyObjectWrapper<>(this, "message");

    /** Read by the engine thread to drop stale results; written on the FX thread. */
    private volatile long latest;
    private long serial;
    private long messages;
    private long runningSince;
    private long dropNanos;
    private boolean awaitingPaint;
    /** Only the engine thread reads or writes this. */
    private MappingSession session;

    /**
     * @param topology what is open (the topology view model's property)
     * @param engine   runs the engine, one task at a time
     * @param ui       publishes results (the FX thread)
     */
    public MappingViewModel(ObservableValue<Topology> topology, Executor engine, Executor ui) {
        this.topologySource = topology;
        this.engine = engine;
        this.ui = ui;
        topology.addListener(topologyListener);
        options.addListener((obs, old, o) -> {
            if (!Objects.equals(old, o)) recompute();
        });
        platform.addListener((obs, old, p) -> {
            if (!Objects.equals(old, p)) recompute();
        });
        selectedStep.addListener((obs, old, s) -> {
            int i = s == null ? -1 : steps.indexOf(s);
            if (s != null && i < 0) {
                selectedStep.set(old);
                return;
            }
            selectedStepIndex.set(i);
            focus.set(Collections.unmodifiableSet(StepFocus.of(s, mapping.get(), this.topology.get())));
        });
        showTopology(topology.getValue());
    }

    /** Stops listening to the topology, which outlives this model. */
    public void dispose() {
        topologySource.removeListener(topologyListener);
    }

    // ---- Properties ----

    public ReadOnlyObjectProperty<Topology> topologyProperty() {
        return topology.getReadOnlyProperty();
    }

    /** The chips: each NUMA node's RAM and each P2P memory region. */
    public ReadOnlyListProperty<BufferSource> sourcesProperty() {
        return sources.getReadOnlyProperty();
    }

    /** The chip the keyboard and the Map command use. */
    public ObjectProperty<BufferSource> selectedSourceProperty() {
        return selectedSource;
    }

    /** Each chip's size, offset, layout and direction (sources without an entry use their default). */
    public ObservableMap<BufferSource, BufferSettings> settingsMap() {
        return settingsView;
    }

    public BufferSettings settingsOf(BufferSource s) {
        return settings.getOrDefault(s, BufferSettings.defaultFor(s));
    }

    /** A chip was picked with the keyboard: Enter on a device maps it. */
    public ReadOnlyBooleanProperty armedProperty() {
        return armed.getReadOnlyProperty();
    }

    /** The options (remembered by the app); changing them recomputes the last drop. */
    public ObjectProperty<MappingOptions> optionsProperty() {
        return options;
    }

    /** Platform facts to assume besides the kernel profile (the platform panel's what-ifs); NONE by default. */
    public ObjectProperty<PlatformOverrides> platformProperty() {
        return platform;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** What is being mapped while {@link #runningProperty()} is true. */
    public ReadOnlyObjectProperty<DropRequest> runningDropProperty() {
        return runningDrop.getReadOnlyProperty();
    }

    /** {@link System#nanoTime()} when the running mapping started. */
    public long runningSince() {
        return runningSince;
    }

    /** The drop the result belongs to; options and settings changes recompute it. */
    public ReadOnlyObjectProperty<DropRequest> lastDropProperty() {
        return lastDrop.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<MappingOutcome> outcomeProperty() {
        return outcome.getReadOnlyProperty();
    }

    /** The mapping shown; null before the first drop or when the buffer could not be made. */
    public ReadOnlyObjectProperty<Mapping> mappingProperty() {
        return mapping.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<VerdictText> verdictProperty() {
        return verdict.getReadOnlyProperty();
    }

    /** The mapping's route as the canvas draws it. */
    public ReadOnlyObjectProperty<CanvasRoute> routeProperty() {
        return route.getReadOnlyProperty();
    }

    public ReadOnlyListProperty<Step> stepsProperty() {
        return steps.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty selectedStepIndexProperty() {
        return selectedStepIndex.getReadOnlyProperty();
    }

    /** The step the user looks at; the scatter list and page walk react to it. Only steps of the mapping are accepted. */
    public ObjectProperty<Step> selectedStepProperty() {
        return selectedStep;
    }

    /** Index into the mapping's segments the result views show; -1 for none. */
    public IntegerProperty selectedSegmentProperty() {
        return selectedSegment;
    }

    public ReadOnlyBooleanProperty playingProperty() {
        return playing.getReadOnlyProperty();
    }

    /** Canvas items the selected step touched. */
    public ReadOnlyObjectProperty<Set<TopologyItem>> focusProperty() {
        return focus.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<LiveState> liveProperty() {
        return live.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Timing> timingProperty() {
        return timing.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Message> messageProperty() {
        return message.getReadOnlyProperty();
    }

    // ---- Commands: buffers and drops ----

    /** Why the selected (or given) source cannot be dropped on {@code item}; empty when it can. */
    public Optional<String> refusal(BufferSource source, TopologyItem item) {
        return DropTargets.refusal(topology.get(), source, item);
    }

    public void setSettings(BufferSource source, BufferSettings s) {
        settings.put(source, s);
        DropRequest last = lastDrop.get();
        if (last != null && last.source().equals(source) && !last.settings().equals(s)) {
            lastDrop.set(last.withSettings(s));
            recompute();
        }
    }

    /** Arms the selected chip for the keyboard path: the next Enter on a device maps it. */
    public void arm() {
        armed.set(selectedSource.get() != null);
    }

    public void disarm() {
        armed.set(false);
    }

    /**
     * Maps {@code source} for {@code initiator} on the engine thread.
     *
     * @return false (and a message saying why) when the device cannot take the buffer
     */
    public boolean drop(BufferSource source, Bdf initiator) {
        disarm();
        Optional<String> no = refusal(source, TopologyItem.device(initiator));
        if (no.isPresent()) {
            say("Cannot map here: " + no.get(), true);
            return false;
        }
        selectedSource.set(source);
        DropRequest d = new DropRequest(source, settingsOf(source), initiator);
        lastDrop.set(d);
        submit(d, null);
        return true;
    }

    /** The keyboard path and the Map menu command: the selected chip onto {@code initiator}. */
    public boolean mapSelected(Bdf initiator) {
        BufferSource s = selectedSource.get();
        if (s == null) {
            say("Choose a buffer first", true);
            return false;
        }
        return drop(s, initiator);
    }

    /** Maps the last drop again with the current settings and options, replacing its mapping. */
    public void recompute() {
        DropRequest d = lastDrop.get();
        if (d == null || topology.get() == null) return;
        submit(d, mapping.get());
    }

    /** Plays the last drop again without replacing its mapping: a second mapping lands next to the first. */
    public void mapAgain() {
        DropRequest d = lastDrop.get();
        if (d != null) submit(d, null);
    }

    /** Gives up waiting for the running mapping; its result will be released unseen. */
    public void cancel() {
        if (!running.get()) return;
        latest = ++serial;
        running.set(false);
        runningDrop.set(null);
        say("Cancelled: the mapping's result is discarded and its resources given back", false);
        refreshLive();
    }

    private void submit(DropRequest d, Mapping replace) {
        Topology t = topology.get();
        if (t == null) return;
        PlatformOverrides p = platform.get().withProfile(options.get().profile());
        MappingOptions o = options.get();
        long id = ++serial;
        latest = id;
        dropNanos = System.nanoTime();
        runningSince = dropNanos;
        runningDrop.set(d);
        running.set(true);
        engine.execute(() -> {
            boolean rebooted = session != null && session.topology() == t && !session.isFor(t, p) && session.live().count() > 0;
            MappingSession s = session(t, p);
            if (replace != null) s.release(replace);
            MappingOutcome out = s.map(d, o);
            if (latest != id) {
                if (out.mapping() != null) s.release(out.mapping());
                LiveState l = s.live();
                ui.execute(() -> live.set(l));
                return;
            }
            // The verdict's words count the segments and live mappings: for a GiB that is a frame's work, so it is done here.
            VerdictText words = VerdictText.of(out, t);
            ui.execute(() -> apply(out, words, id, rebooted));
        });
    }

    private MappingSession session(Topology t, PlatformOverrides p) {
        if (session == null || !session.isFor(t, p)) session = new MappingSession(t, p);
        return session;
    }

    private void apply(MappingOutcome out, VerdictText words, long id, boolean rebooted) {
        if (id != latest) return;
        if (rebooted) {
            say("Another kernel or platform: it boots with nothing mapped, so the earlier live mappings are gone", false);
        }
        running.set(false);
        runningDrop.set(null);
        Mapping m = out.mapping();
        playing.set(false);
        mapping.set(m);
        route.set(RouteStops.of(m));
        live.set(out.live());
        outcome.set(out);
        verdict.set(words);
        steps.setAll(m == null ? List.of() : m.steps());
        selectedStep.set(steps.isEmpty() ? null : steps.get(0));
        selectedStepIndex.set(steps.isEmpty() ? -1 : 0);
        focus.set(Collections.unmodifiableSet(StepFocus.of(selectedStep.get(), m, topology.get())));
        selectedSegment.set(m != null && m.segments().count() > 0 ? 0 : -1);
        awaitingPaint = true;
        timing.set(new Timing(dropNanos, out.computeNanos(), -1));
    }

    /**
     * The view calls this from the first pulse after a result was applied, so the drop-to-screen time
     * can be shown and measured.
     */
    public void markPainted(long nanoTime) {
        if (!awaitingPaint) return;
        awaitingPaint = false;
        Timing t = timing.get();
        timing.set(new Timing(dropNanos, t == null ? -1 : t.computeNanos(), nanoTime - dropNanos));
    }

    /** True between a result being applied and {@link #markPainted}. */
    public boolean isAwaitingPaint() {
        return awaitingPaint;
    }

    // ---- Commands: live mappings ----

    /** Unmaps a live mapping (its API's unmap call) and says what was given back. */
    public void unmap(Mapping m) {
        engine.execute(() -> {
            MappingSession s = session;
            if (s == null) return;
            Optional<UnmapResult> r = s.release(m);
            LiveState l = s.live();
            ui.execute(() -> {
                live.set(l);
                say(r.map(u -> "Unmapped #" + m.id() + ": " + String.join("; ", u.actions()))
                        .orElse("#" + m.id() + " is no longer mapped"), r.isEmpty());
            });
        });
    }

    /** The deferred IOTLB flush of a lazy domain. */
    public void flush(String domainId) {
        engine.execute(() -> {
            MappingSession s = session;
            if (s == null) return;
            int n = s.flush(domainId);
            LiveState l = s.live();
            ui.execute(() -> {
                live.set(l);
                say("IOTLB of domain “" + domainId + "” flushed: " + n + (n == 1 ? " queued IOVA range" : " queued IOVA ranges")
                        + " freed", false);
            });
        });
    }

    /** Unmaps everything: every domain and the swiotlb pool start empty. */
    public void clearState() {
        engine.execute(() -> {
            MappingSession s = session;
            if (s == null) return;
            s.clear();
            LiveState l = s.live();
            ui.execute(() -> {
                live.set(l);
                say("Every mapping unmapped: the IOMMU domains and the swiotlb pool are empty again", false);
            });
        });
    }

    private void refreshLive() {
        engine.execute(() -> {
            MappingSession s = session;
            if (s == null) return;
            LiveState l = s.live();
            ui.execute(() -> live.set(l));
        });
    }

    // ---- Commands: the step player ----

    public void selectStep(int index) {
        if (index < 0 || index >= steps.size()) return;
        selectedStep.set(steps.get(index));
    }

    public void nextStep() {
        selectStep(selectedStepIndex.get() + 1);
    }

    public void previousStep() {
        selectStep(selectedStepIndex.get() - 1);
    }

    public void firstStep() {
        selectStep(0);
    }

    public void lastStep() {
        selectStep(steps.size() - 1);
    }

    /** Plays from the selected step (from the first, when the last one is selected). */
    public void play() {
        if (steps.isEmpty()) return;
        if (selectedStepIndex.get() >= steps.size() - 1) firstStep();
        playing.set(true);
    }

    public void pause() {
        playing.set(false);
    }

    public void togglePlay() {
        if (playing.get()) pause();
        else play();
    }

    /** One tick of the player: the next step, or stop at the last. @return true while it keeps playing */
    public boolean advance() {
        if (!playing.get()) return false;
        if (selectedStepIndex.get() >= steps.size() - 1) {
            playing.set(false);
            return false;
        }
        nextStep();
        if (selectedStepIndex.get() >= steps.size() - 1) playing.set(false);
        return playing.get();
    }

    /** True when the selected step is the route, which the canvas then draws stronger. */
    public boolean routeStepSelected() {
        Step s = selectedStep.get();
        return s != null && s.kind() == StepKind.ROUTE;
    }

    // ---- topology ----

    private void showTopology(Topology t) {
        latest = ++serial;
        running.set(false);
        runningDrop.set(null);
        playing.set(false);
        disarm();
        lastDrop.set(null);
        outcome.set(null);
        mapping.set(null);
        verdict.set(null);
        route.set(null);
        selectedStep.set(null);
        steps.clear();
        selectedStepIndex.set(-1);
        selectedSegment.set(-1);
        focus.set(Set.of());
        live.set(LiveState.EMPTY);
        settings.clear();
        topology.set(t);
        List<BufferSource> list = BufferSource.of(t);
        sources.setAll(list);
        selectedSource.set(list.isEmpty() ? null : list.get(0));
        if (t == null) return;
        PlatformOverrides p = platform.get().withProfile(options.get().profile());
        engine.execute(() -> {
            session = new MappingSession(t, p);
            session.warmUp();
        });
    }

    private void say(String text, boolean problem) {
        message.set(new Message(text, problem, ++messages));
    }
}
