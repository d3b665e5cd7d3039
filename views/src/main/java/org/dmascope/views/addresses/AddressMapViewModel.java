package org.dmascope.views.addresses;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;

import javafx.beans.InvalidationListener;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ObservableValue;

import org.dmascope.model.addresses.AddressMap;
import org.dmascope.model.addresses.AddressSpace;
import org.dmascope.model.addresses.MappedRange;
import org.dmascope.model.kernel.TopologyRules;
import org.dmascope.model.session.SessionSnapshot;
import org.dmascope.views.rules.RulesModel;

/**
 * The address map window's state: the map of the open machine under the rules in force with the live
 * mappings' IOVA allocations (computed off the FX thread when either changes), the space shown, its scale
 * and the selected range. The view only reads it and sends commands.
 */
public final class AddressMapViewModel {
    private final RulesModel rules;
    private final ObservableValue<SessionSnapshot> live;
    private final Executor background;
    private final Executor ui;
    private final ReadOnlyObjectWrapper<AddressMap> map = new ReadOnlyObjectWrapper<>(this, "map");
    private final ReadOnlyObjectWrapper<AddressSpace> space = new ReadOnlyObjectWrapper<>(this, "space");
    private final ReadOnlyObjectWrapper<AddressScale> scale = new ReadOnlyObjectWrapper<>(this, "scale",
            AddressScale.overview(0));
    private final ReadOnlyObjectWrapper<MappedRange> selected = new ReadOnlyObjectWrapper<>(this, "selected");
    private final ReadOnlyBooleanWrapper computing = new ReadOnlyBooleanWrapper(this, "computing");
    private final InvalidationListener changed = o -> recompute();
    private long generation;

    /**
     * @param live the running kernel's state (its IOVA allocations are drawn in the IOVA spaces)
     */
    public AddressMapViewModel(RulesModel rules, ObservableValue<SessionSnapshot> live, Executor background,
                               Executor ui) {
        this.rules = rules;
        this.live = live;
        this.background = background;
        this.ui = ui;
        rules.rulesProperty().addListener(changed);
        live.addListener(changed);
        recompute();
    }

    public void dispose() {
        rules.rulesProperty().removeListener(changed);
        live.removeListener(changed);
    }

    // ---- Properties ----

    public ReadOnlyObjectProperty<AddressMap> mapProperty() {
        return map.getReadOnlyProperty();
    }

    public AddressMap getMap() {
        return map.get();
    }

    /** The space shown: CPU memory first, then I/O ports and the IOVA spaces. */
    public ReadOnlyObjectProperty<AddressSpace> spaceProperty() {
        return space.getReadOnlyProperty();
    }

    public AddressSpace getSpace() {
        return space.get();
    }

    public ReadOnlyObjectProperty<AddressScale> scaleProperty() {
        return scale.getReadOnlyProperty();
    }

    public AddressScale getScale() {
        return scale.get();
    }

    public ReadOnlyObjectProperty<MappedRange> selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    public MappedRange getSelected() {
        return selected.get();
    }

    public ReadOnlyBooleanProperty computingProperty() {
        return computing.getReadOnlyProperty();
    }

    // ---- Commands ----

    /** Shows another space of the map, from the overview. */
    public void show(AddressSpace s) {
        if (s == null || s == space.get()) return;
        space.set(s);
        selected.set(null);
        scale.set(AddressScale.overview(highest(s)));
    }

    public void select(MappedRange r) {
        selected.set(r);
        if (r != null) scale.set(scale.get().reveal(r.range()));
    }

    /** Selects the range after (+1) or before (-1) the selected one in address order; the first when none is. */
    public void step(int direction) {
        AddressSpace s = space.get();
        if (s == null || s.ranges().isEmpty()) return;
        List<MappedRange> ranges = s.ranges();
        int i = ranges.indexOf(selected.get());
        int next = i < 0 ? (direction > 0 ? 0 : ranges.size() - 1) : Math.max(0, Math.min(ranges.size() - 1,
                i + direction));
        select(ranges.get(next));
    }

    public void zoomIn() {
        MappedRange r = selected.get();
        AddressScale s = scale.get();
        long centre = r != null ? r.range().start() + ((r.range().end() - r.range().start()) >>> 1)
                : s.lo() + ((s.hi() - s.lo()) >>> 1);
        scale.set(s.zoomIn(centre));
    }

    public void zoomOut() {
        scale.set(scale.get().zoomOut());
    }

    public void overview() {
        AddressSpace s = space.get();
        scale.set(AddressScale.overview(s == null ? 0 : highest(s)));
    }

    /** A linear view of the selected range (or nothing when none is selected). */
    public void zoomToSelected() {
        MappedRange r = selected.get();
        if (r != null) scale.set(scale.get().zoomTo(r.range()));
    }

    // ---- computing ----

    private void recompute() {
        TopologyRules r = rules.getRules();
        SessionSnapshot snapshot = Optional.ofNullable(live.getValue()).orElse(SessionSnapshot.EMPTY);
        long mine = ++generation;
        if (r == null) {
            publish(null, mine);
            return;
        }
        computing.set(true);
        background.execute(() -> {
            AddressMap m = AddressMap.of(r, snapshot);
            ui.execute(() -> publish(m, mine));
        });
    }

    private void publish(AddressMap m, long mine) {
        if (mine != generation) return;
        computing.set(false);
        AddressSpace before = space.get();
        MappedRange wasSelected = selected.get();
        map.set(m);
        if (m == null) {
            space.set(null);
            selected.set(null);
            return;
        }
        // Keep the space and the selection across a recompute (a new live mapping, another platform choice).
        AddressSpace same = before == null ? null : m.spaces().stream().filter(s -> s.title().equals(before.title()))
                .findFirst().orElse(null);
        AddressSpace next = same != null ? same : m.spaces().get(0);
        boolean keepScale = same != null && highest(same) == highest(before);
        space.set(next);
        selected.set(wasSelected == null ? null : next.ranges().stream().filter(x -> x.range().equals(
                wasSelected.range()) && x.kind() == wasSelected.kind() && x.owner().equals(wasSelected.owner()))
                .findFirst().orElse(null));
        if (!keepScale) scale.set(AddressScale.overview(highest(next)));
    }

    private static long highest(AddressSpace s) {
        long top = 0;
        for (MappedRange r : s.ranges()) if (Long.compareUnsigned(r.range().end(), top) > 0) top = r.range().end();
        return top;
    }
}
