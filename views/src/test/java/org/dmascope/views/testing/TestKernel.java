package org.dmascope.views.testing;

import java.util.concurrent.Executor;

import javafx.beans.value.ObservableValue;

import org.dmascope.model.kernel.TopologyRules;
import org.dmascope.model.kernel.platform.PlatformAssumptions;
import org.dmascope.model.kernel.platform.PlatformOverrides;
import org.dmascope.model.session.RunningKernel;
import org.dmascope.model.topology.Topology;
import org.dmascope.views.rules.PlatformEditor;
import org.dmascope.views.rules.RulesModel;

/**
 * What the app's platform session does for the mapping views, inline: a running kernel on the given
 * engine executor, the rules it publishes, and an editor that applies a platform change at once.
 */
public final class TestKernel {
    private final ObservableValue<Topology> topology;
    private final RulesModel rules = new RulesModel();
    private final RunningKernel kernel;

    public TestKernel(ObservableValue<Topology> topology, Executor engine) {
        this.topology = topology;
        this.kernel = new RunningKernel(engine);
        publish(PlatformOverrides.NONE);
    }

    public RulesModel rules() {
        return rules;
    }

    public RunningKernel kernel() {
        return kernel;
    }

    /** Applies a change at once, without undo. */
    public PlatformEditor editor() {
        return (next, description) -> publish(next);
    }

    /** Publishes the rules of the open topology under {@code o}. */
    public void publish(PlatformOverrides o) {
        rules.computing(o);
        Topology t = topology.getValue();
        if (t != null) rules.publish(TopologyRules.of(t, PlatformAssumptions.resolve(t, o)), o);
    }
}
