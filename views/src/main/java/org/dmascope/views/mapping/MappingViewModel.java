package org.dmascope.views.mapping;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyListProperty;
import javafx.beans.property.ReadOnlyListWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableMap;

import org.dmascope.model.kernel.TopologyRules;
import org.dmascope.model.kernel.platform.AssumptionSource;
import org.dmascope.model.mapping.IoCost;
import org.dmascope.model.mapping.Mapping;
import org.dmascope.model.session.Boot;
import org.dmascope.model.session.MapCall;
import org.dmascope.model.session.MapOutcome;
import org.dmascope.model.session.RunningKernel;
import org.dmascope.model.session.SessionSnapshot;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.Topology;
import org.dmascope.model.util.NewestWins;
import org.dmascope.views.rules.PlatformEditor;
import org.dmascope.views.rules.RulesModel;
import org.dmascope.views.topology.CanvasRoute;
import org.dmascope.views.topology.TopologyItem;

/**
 * The drag-a-buffer feature without its views: the buffer sources of the open topology and their
 * settings, the last drop and its result (mapping, verdict words, route), and the parts it holds —
 * the {@link StepPlayer}, the {@link LiveMappings} and the {@link OptionsModel}. The running kernel
 * maps on its own thread; each result is published with one task on the {@code ui} executor. A newer
 * drop, a cancel or another topology makes older results stale: they are released from the kernel
 * state and never shown.
 */
public final class MappingViewModel {

    /**
     * How long a result took: the engine alone, and from the drop to the first frame showing it (-1 until painted).
     *
     * @param droppedAt {@link System#nanoTime()} of the drop
     */
    public record Timing(long droppedAt, long computeNanos, long dropToPaintNanos) {
    }

    private final RunningKernel kernel;
    private final Executor ui;
    private final RulesModel rules;
    private final ObservableValue<Topology> topologySource;
    private final ChangeListener<Topology> topologyListener = (obs, old, t) -> showTopology(t);
    private final ChangeListener<TopologyRules> rulesListener = (obs, old, r) -> rebooted();

    private final ReadOnlyObjectWrapper<Topology> topology = new ReadOnlyObjectWrapper<>(this, "topology");
    private final ReadOnlyListWrapper<BufferSource> sources =
            new ReadOnlyListWrapper<>(this, "sources", FXCollections.observableArrayList());
    private final ObjectProperty<BufferSource> selectedSource = new SimpleObjectProperty<>(this, "selectedSource");
    private final ObservableMap<BufferSource, BufferSettings> settings = FXCollections.observableHashMap();
    /** One wrapper: it listens to {@link #settings} weakly, so a wrapper made per call would lose its listeners. */
    private final ObservableMap<BufferSource,
            BufferSettings> settingsView = FXCollections.unmodifiableObservableMap(settings);
    private final ReadOnlyBooleanWrapper armed = new ReadOnlyBooleanWrapper(this, "armed");

    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyObjectWrapper<DropRequest> runningDrop = new ReadOnlyObjectWrapper<>(this, "runningDrop");
    private final ReadOnlyObjectWrapper<DropRequest> lastDrop = new ReadOnlyObjectWrapper<>(this, "lastDrop");
    private final ReadOnlyObjectWrapper<MapOutcome> outcome = new ReadOnlyObjectWrapper<>(this, "outcome");
    private final ReadOnlyObjectWrapper<Mapping> mapping = new ReadOnlyObjectWrapper<>(this, "mapping");
    private final ReadOnlyObjectWrapper<VerdictText> verdict = new ReadOnlyObjectWrapper<>(this, "verdict");
    private final ReadOnlyObjectWrapper<CanvasRoute> route = new ReadOnlyObjectWrapper<>(this, "route");
    private final ReadOnlyObjectWrapper<Timing> timing = new ReadOnlyObjectWrapper<>(this, "timing");

    private final Messages messages = new Messages();
    private final StepPlayer player;
    private final LiveMappings live;
    private final OptionsModel options;
    private final AcrossVersionsModel across;
    private final NewestWins drops = new NewestWins();
    private long runningSince;
    private long dropNanos;
    private boolean awaitingPaint;

    /**
     * @param topology what is open (the topology view model's property)
     * @param rules    the rules of the running kernel: a newly booted kernel recomputes the last drop
     * @param editor   changes the platform what-ifs (the kernel choice of the options)
     * @param kernel   the running kernel, which maps on its own thread
     * @param ui       publishes results (the FX thread)
     */
    public MappingViewModel(ObservableValue<Topology> topology, RulesModel rules, PlatformEditor editor,
            RunningKernel kernel,
                            Executor ui) {
        this.topologySource = topology;
        this.rules = rules;
        this.kernel = kernel;
        this.ui = ui;
        this.player = new StepPlayer(mapping.getReadOnlyProperty(), this.topology.getReadOnlyProperty());
        this.live = new LiveMappings(kernel, ui, messages);
        this.options = new OptionsModel(rules, editor);
        this.across = new AcrossVersionsModel(ui);
        topology.addListener(topologyListener);
        rules.rulesProperty().addListener(rulesListener);
        options.optionsProperty().addListener((obs, old, o) -> {
            if (!o.equals(old)) recompute();
        });
        showTopology(topology.getValue());
    }

    /** Stops listening to the topology and the rules, which outlive this model. */
    public void dispose() {
        topologySource.removeListener(topologyListener);
        rules.rulesProperty().removeListener(rulesListener);
        across.dispose();
    }

    // ---- The parts ----

    public StepPlayer player() {
        return player;
    }

    public LiveMappings live() {
        return live;
    }

    public OptionsModel options() {
        return options;
    }

    /** The current mapping under every kernel profile. */
    public AcrossVersionsModel across() {
        return across;
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

    public ReadOnlyObjectProperty<MapOutcome> outcomeProperty() {
        return outcome.getReadOnlyProperty();
    }

    /** The mapping shown; null before the first drop or when the buffer could not be made. */
    /**
     * The cost per I/O of {@code m}'s buffer and device on each path, computed by the running kernel off the UI
     * thread and handed to {@code done} on it.
     */
    public void costPerIo(Mapping m, Consumer<List<IoCost>> done) {
        kernel.costPerIo(m, list -> ui.execute(() -> done.accept(list)));
    }

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

    public ReadOnlyObjectProperty<Timing> timingProperty() {
        return timing.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Messages.Message> messageProperty() {
        return messages.messageProperty();
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
     * Maps {@code source} for {@code initiator} in the running kernel.
     *
     * @return false (and a message saying why) when the device cannot take the buffer
     */
    public boolean drop(BufferSource source, Bdf initiator) {
        disarm();
        Optional<String> no = refusal(source, TopologyItem.device(initiator));
        if (no.isPresent()) {
            messages.say("Cannot map here: " + no.get(), true);
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
            messages.say("Choose a buffer first", true);
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

    /**
     * Lets the shown result go without unmapping it: it stays live in the kernel, but a later change of
     * options, settings or kernel maps nothing again. A lesson calls this before each of its own steps, so
     * the kernel holds exactly the mappings its scenario made.
     */
    public void forget() {
        drops.invalidate();
        running.set(false);
        runningDrop.set(null);
        disarm();
        lastDrop.set(null);
        outcome.set(null);
        mapping.set(null);
        verdict.set(null);
        route.set(null);
    }

    /** Gives up waiting for the running mapping; its result will be released unseen. */
    public void cancel() {
        if (!running.get()) return;
        drops.invalidate();
        running.set(false);
        runningDrop.set(null);
        messages.say("Cancelled: the mapping's result is discarded and its resources given back", false);
        live.refresh();
    }

    private void submit(DropRequest d, Mapping replace) {
        Topology t = topology.get();
        if (t == null) return;
        Optional<String> bad = d.settings().problem(d.source());
        if (bad.isPresent()) {
            messages.say("Cannot map this buffer: " + bad.get(), true);
            return;
        }
        MapCall call = new MapCall(d.initiator(), d.settings().spec(d.source()), options.optionsProperty().get());
        Boot boot = new Boot(t, rules.getOverrides());
        NewestWins.Ticket ticket = drops.next();
        dropNanos = System.nanoTime();
        runningSince = dropNanos;
        runningDrop.set(d);
        running.set(true);
        kernel.map(boot, call, replace, ticket::isNewest, r -> {
            if (!ticket.isNewest()) {
                ui.execute(() -> {
                    if (topology.get() == t) live.show(r.outcome().after());
                });
                return;
            }
            // The verdict's words count the segments and live mappings: for a GiB that is a frame's work, so it is done
            // here.
            VerdictText words = VerdictText.of(r.outcome(), t);
            ui.execute(() -> {
                if (ticket.isNewest()) apply(r.outcome(), words, r.discardedByReboot());
            });
        });
    }

    private void apply(MapOutcome out, VerdictText words, int discarded) {
        if (discarded > 0) {
            messages.say("Another kernel or platform boots with nothing mapped: " + discarded + " live "
                    + (discarded == 1 ? "mapping" : "mappings") + " of the one before "
                    + (discarded == 1 ? "is" : "are") + " gone, and this drop is mapped again", false);
        }
        running.set(false);
        runningDrop.set(null);
        Mapping m = out.mapping();
        mapping.set(m);
        route.set(RouteStops.of(m));
        live.show(out.after());
        outcome.set(out);
        verdict.set(words);
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

    // ---- topology and kernel ----

    /** A kernel booted under other platform facts: the last drop is mapped again in it. */
    private void rebooted() {
        refreshSources();
        int live = this.live.snapshotProperty().get().liveCount();
        if (lastDrop.get() == null || topology.get() == null) {
            // Nothing to map again, so no result will say it: the earlier mappings went with the old kernel.
            if (live > 0) {
                messages.say("Another kernel or platform boots with nothing mapped: the " + live + " live "
                        + (live == 1 ? "mapping is" : "mappings are") + " gone", false);
            }
            this.live.refresh();
            return;
        }
        recompute();
    }

    /**
     * The buffers of the machine the kernel runs on: what the input describes, or, where it describes no RAM,
     * the assumed RAM, and P2P memory offered "if a driver registered it" (the rules' machine). The choice and
     * settings of a source that stays are kept.
     */
    private void refreshSources() {
        List<BufferSource> list = sourcesOf(topology.get());
        if (list.equals(sources)) return;
        BufferSource chosen = selectedSource.get();
        sources.setAll(list);
        settings.keySet().retainAll(list);
        selectedSource.set(list.contains(chosen) ? chosen : list.isEmpty() ? null : list.get(0));
    }

    private List<BufferSource> sourcesOf(Topology t) {
        Optional<TopologyRules> r = rules.rulesFor(t);
        if (r.isEmpty()) return BufferSource.of(t);
        boolean assumed = r.get().assumptions().ramAssumption().source() != AssumptionSource.TOPOLOGY;
        return BufferSource.of(r.get().machine(), assumed);
    }

    private void showTopology(Topology t) {
        drops.invalidate();
        running.set(false);
        runningDrop.set(null);
        disarm();
        lastDrop.set(null);
        outcome.set(null);
        mapping.set(null);
        verdict.set(null);
        route.set(null);
        live.show(SessionSnapshot.EMPTY);
        settings.clear();
        topology.set(t);
        List<BufferSource> list = sourcesOf(t);
        sources.setAll(list);
        selectedSource.set(list.isEmpty() ? null : list.get(0));
    }
}
