package org.dmascope.views.topology;

import javafx.beans.InvalidationListener;

import org.dmascope.views.rules.RulesModel;

/**
 * Keeps a canvas's IOMMU group colouring in step with the rules while the colouring is on: new rules
 * (another topology, a platform change) recolour it; rules still being computed for a newly shown
 * topology leave it uncoloured rather than coloured by another machine's groups.
 */
public final class GroupColourSync {
    private final TopologyCanvas canvas;
    private final RulesModel rules;
    private final InvalidationListener update = o -> update();
    private boolean enabled;

    public GroupColourSync(TopologyCanvas canvas, RulesModel rules) {
        this.canvas = canvas;
        this.rules = rules;
        rules.rulesProperty().addListener(update);
        canvas.topologyProperty().addListener(update);
    }

    public void setEnabled(boolean on) {
        enabled = on;
        update();
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void dispose() {
        rules.rulesProperty().removeListener(update);
        canvas.topologyProperty().removeListener(update);
    }

    private void update() {
        canvas.setGroupColouring(enabled ? rules.rulesFor(canvas.getTopology()).map(GroupColouring::of)
                .orElse(null) : null);
    }
}
