package org.dmascope.app.cli;

import java.nio.file.Path;
import java.util.List;

import org.dmascope.model.io.imports.ImportProgress;
import org.dmascope.model.io.imports.ImportResult;
import org.dmascope.model.io.imports.Importer;
import org.dmascope.model.topology.Topology;

/** The sample the draw tests read, loaded as the command loads it. */
final class DrawCommandTestSupport {
    private DrawCommandTestSupport() {
    }

    static Topology sample() {
        ImportResult r = Importer.importFiles(List.of(Path.of(CliRun.SAMPLE)), ImportProgress.NONE, () -> false);
        return r.topology().orElseThrow(() -> new AssertionError(r.report().toText()));
    }
}
