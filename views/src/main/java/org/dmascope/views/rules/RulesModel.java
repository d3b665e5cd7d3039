package org.dmascope.views.rules;

import java.util.Optional;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

import org.dmascope.model.kernel.TopologyRules;
import org.dmascope.model.kernel.platform.AssumptionSource;
import org.dmascope.model.kernel.platform.PlatformOverrides;
import org.dmascope.model.topology.Topology;

/**
 * The kernel's decisions about the open topology under the platform assumptions in force: what the
 * group colouring, the inspector, the P2P matrix and the platform panel show. The app computes the
 * rules off the FX thread and publishes them here; views only read.
 */
public final class RulesModel {
    private final ReadOnlyObjectWrapper<TopologyRules> rules = new ReadOnlyObjectWrapper<>(this, "rules");
    private final ReadOnlyObjectWrapper<PlatformOverrides> overrides =
            new ReadOnlyObjectWrapper<>(this, "overrides", PlatformOverrides.NONE);
    private final ReadOnlyBooleanWrapper computing = new ReadOnlyBooleanWrapper(this, "computing");

    // ---- Properties ----

    /** The rules last computed; they may lag the shown topology for a moment (see {@link #rulesFor}). */
    public ReadOnlyObjectProperty<TopologyRules> rulesProperty() {
        return rules.getReadOnlyProperty();
    }

    public TopologyRules getRules() {
        return rules.get();
    }

    /** What the user set on top of the topology's own platform facts. */
    public ReadOnlyObjectProperty<PlatformOverrides> overridesProperty() {
        return overrides.getReadOnlyProperty();
    }

    public PlatformOverrides getOverrides() {
        return overrides.get();
    }

    /** True while newer rules are being computed. */
    public ReadOnlyBooleanProperty computingProperty() {
        return computing.getReadOnlyProperty();
    }

    /**
     * The rules if they were computed for this topology (the same instance, or an equal one: a machine
     * opened again is a new instance that views holding the old one still show).
     */
    public Optional<TopologyRules> rulesFor(Topology t) {
        TopologyRules r = rules.get();
        if (r == null || t == null) return Optional.empty();
        return r.topology() == t || r.topology().equals(t) ? Optional.of(r) : Optional.empty();
    }

    /** How the window names where an assumption came from: the CLI's "option" is the user's choice here. */
    public static String sourceWords(AssumptionSource s) {
        return s == AssumptionSource.OPTION ? "your choice" : s.words();
    }

    // ---- Commands (the app's) ----

    /** Newer rules are on their way. */
    public void computing(PlatformOverrides next) {
        overrides.set(next);
        computing.set(true);
    }

    /** Publishes rules computed under {@code used}. */
    public void publish(TopologyRules computed, PlatformOverrides used) {
        overrides.set(used);
        rules.set(computed);
        computing.set(false);
    }
}
