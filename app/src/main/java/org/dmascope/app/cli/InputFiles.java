package org.dmascope.app.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.dmascope.model.io.LoadResult;
import org.dmascope.model.io.imports.Importer;
import org.dmascope.model.io.imports.TopologyInputs;
import org.dmascope.model.report.Diagnostic;
import org.dmascope.model.topology.Topology;

import picocli.CommandLine.Parameters;

/** The FILE operands of every command: exports of one machine, several merging into one topology. */
final class InputFiles {
    @Parameters(paramLabel = "FILE", arity = "1..*",
            description = "an export of the machine or its topology JSON (the formats: "
            + "'dmascope import --help'); several FILEs describe one machine")
    private List<Path> files = new ArrayList<>();

    List<Path> paths() {
        return List.copyOf(files);
    }

    /**
     * Loads the files as one topology. Findings go to {@code err} (one per line, file:line: …); empty when
     * the input is unusable.
     */
    Optional<Topology> load(PrintStream err, Importer importer) {
        LoadResult r = TopologyInputs.load(paths(), importer);
        for (Diagnostic d : r.report().diagnostics()) err.println(d);
        return r.topology();
    }
}
