package org.dmascope.model.io;

import java.util.Optional;

import org.dmascope.model.report.Report;
import org.dmascope.model.topology.Topology;

/** The outcome of reading a topology: the topology (absent when the report has errors) and the report. */
public record LoadResult(Optional<Topology> topology, Report report) {

    public static LoadResult loaded(Topology t, Report report) {
        return new LoadResult(Optional.of(t), report);
    }

    public static LoadResult failed(Report report) {
        return new LoadResult(Optional.empty(), report);
    }

    public boolean ok() {
        return topology.isPresent();
    }
}
