package org.dmascope.app;

import java.util.Objects;

import org.dmascope.views.inspector.InspectorView;
import org.dmascope.views.mapping.MappingWorkspace;
import org.dmascope.views.topology.TopologyView;

/**
 * The views the main window lays out: the topology (inside the mapping workspace, which adds the
 * buffer chips, verdict and mapping details around it) and the inspector beside it.
 */
public record WindowViews(TopologyView topology, InspectorView inspector, MappingWorkspace mapping) {
    public WindowViews {
        Objects.requireNonNull(topology);
        Objects.requireNonNull(inspector);
        Objects.requireNonNull(mapping);
    }
}
