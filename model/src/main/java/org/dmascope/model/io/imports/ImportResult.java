package org.dmascope.model.io.imports;

import java.util.List;
import java.util.Optional;

import org.dmascope.model.io.LoadResult;
import org.dmascope.model.io.source.SourceText;
import org.dmascope.model.report.Report;
import org.dmascope.model.topology.Topology;

/**
 * The outcome of an import: the merged topology (absent when the report has errors or the user
 * cancelled), every finding with its file and line, and the text of every file that was read, so the
 * lines around a finding can be shown without reading the files again (they may have changed or gone).
 *
 * @param document true when the input was one file that is a whole machine by itself (topology JSON),
 *                 opened as it is rather than imported
 * @param sources  every file that was read, its lines numbered as the findings number them
 */
public record ImportResult(Optional<Topology> topology, Report report, boolean cancelled, boolean document,
                           List<SourceText> sources) {
    public ImportResult {
        sources = List.copyOf(sources);
    }

    /** Nothing was imported: the report says why. */
    public static ImportResult failed(Report report, List<SourceText> sources) {
        return new ImportResult(Optional.empty(), report, false, false, sources);
    }

    public boolean ok() {
        return topology.isPresent();
    }

    public LoadResult toLoadResult() {
        return new LoadResult(topology, report);
    }
}
