package org.dmascope.model.io.imports;

import java.util.Optional;

import org.dmascope.model.io.LoadResult;
import org.dmascope.model.report.Report;
import org.dmascope.model.topology.Topology;

/**
 * The outcome of an import: the merged topology (absent when the report has errors or the user
 * cancelled) and every finding with its file and line.
 */
public record ImportResult(Optional<Topology> topology, Report report, boolean cancelled) {

    public boolean ok() {
        return topology.isPresent();
    }

    public LoadResult toLoadResult() {
        return new LoadResult(topology, report);
    }
}
