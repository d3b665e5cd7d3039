package org.dmascope.views.mapping;

import java.util.Collections;
import java.util.List;
import java.util.Set;

import javafx.beans.property.DoubleProperty;
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
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;

import org.dmascope.model.mapping.Mapping;
import org.dmascope.model.mapping.Step;
import org.dmascope.model.mapping.StepKind;
import org.dmascope.model.topology.Topology;
import org.dmascope.views.topology.TopologyItem;

/**
 * The translation steps of the shown mapping and where the user is in them: the selected step (what
 * the scatter list, the page walk and the canvas rings show), the selected segment, and play / step /
 * scrub. A new mapping starts again at its first step and first segment.
 */
public final class StepPlayer {
    public static final double MIN_SPEED = 0.25;
    public static final double MAX_SPEED = 4.0;
    private final ObservableValue<Mapping> mapping;
    private final ObservableValue<Topology> topology;
    private final ReadOnlyListWrapper<Step> steps = new ReadOnlyListWrapper<>(this, "steps",
            FXCollections.observableArrayList());
    private final ReadOnlyIntegerWrapper selectedStepIndex = new ReadOnlyIntegerWrapper(this, "selectedStepIndex", -1);
    private final ObjectProperty<Step> selectedStep = new SimpleObjectProperty<>(this, "selectedStep");
    private final IntegerProperty selectedSegment = new SimpleIntegerProperty(this, "selectedSegment", -1);
    private final ReadOnlyBooleanWrapper playing = new ReadOnlyBooleanWrapper(this, "playing");
    private final DoubleProperty speed = new SimpleDoubleProperty(this, "speed", 1.0) {
        @Override
        public void set(double v) {
            super.set(Math.max(MIN_SPEED, Math.min(MAX_SPEED, Double.isFinite(v) ? v : 1.0)));
        }
    };
    private final ReadOnlyObjectWrapper<Set<TopologyItem>> focus = new ReadOnlyObjectWrapper<>(this, "focus", Set.of());

    /**
     * @param mapping  the shown mapping; the player follows it
     * @param topology the machine it belongs to (for what a step touched on the canvas)
     */
    StepPlayer(ObservableValue<Mapping> mapping, ObservableValue<Topology> topology) {
        this.mapping = mapping;
        this.topology = topology;
        selectedStep.addListener((obs, old, s) -> {
            int i = s == null ? -1 : steps.indexOf(s);
            if (s != null && i < 0) {
                selectedStep.set(old);
                return;
            }
            selectedStepIndex.set(i);
            focus.set(Collections.unmodifiableSet(StepFocus.of(s, mapping.getValue(), topology.getValue())));
        });
        // Both live as long as the view model that owns this player: no listener to remove.
        mapping.addListener((obs, old, m) -> show(m));
    }

    // ---- Properties ----

    public ReadOnlyListProperty<Step> stepsProperty() {
        return steps.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty selectedStepIndexProperty() {
        return selectedStepIndex.getReadOnlyProperty();
    }

    /**
     * The step the user looks at; the scatter list and page walk react to it. Only steps of the mapping are accepted.
     */
    public ObjectProperty<Step> selectedStepProperty() {
        return selectedStep;
    }

    /** Index into the mapping's segments the result views show; -1 for none. */
    public IntegerProperty selectedSegmentProperty() {
        return selectedSegment;
    }

    /** How fast Play moves on: 1 is the normal pace, 0.5 half as fast (a class), 2 twice as fast. */
    public DoubleProperty speedProperty() {
        return speed;
    }

    public ReadOnlyBooleanProperty playingProperty() {
        return playing.getReadOnlyProperty();
    }

    /** Canvas items the selected step touched. */
    public ReadOnlyObjectProperty<Set<TopologyItem>> focusProperty() {
        return focus.getReadOnlyProperty();
    }

    /** The mapping the steps belong to. */
    public ObservableValue<Mapping> mappingProperty() {
        return mapping;
    }

    // ---- Commands ----

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

    private void show(Mapping m) {
        playing.set(false);
        List<Step> list = m == null ? List.of() : m.steps();
        steps.setAll(list);
        selectedStep.set(list.isEmpty() ? null : list.get(0));
        selectedStepIndex.set(list.isEmpty() ? -1 : 0);
        focus.set(Collections.unmodifiableSet(StepFocus.of(selectedStep.get(), m, topology.getValue())));
        selectedSegment.set(m != null && m.segments().count() > 0 ? 0 : -1);
    }
}
