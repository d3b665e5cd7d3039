package org.dmascope.model.io;

import java.nio.file.Path;
import java.util.List;

import org.dmascope.model.report.Diagnostic;
import org.dmascope.model.report.Report;

/**
 * Turns the files a user names (on the command line or in File ▸ Open) into one topology. Today that
 * is one topology JSON file; the importers extend this to lspci/hwloc exports describing one machine.
 */
public final class TopologyInputs {
    private TopologyInputs() {
    }

    public static LoadResult load(List<Path> files) {
        if (files.isEmpty()) return LoadResult.failed(new Report(List.of(Diagnostic.error("no input files given"))));
        if (files.size() > 1) {
            return LoadResult.failed(new Report(List.of(Diagnostic.error(
                    "several files were given, but only one topology JSON file can be read at a time"))));
        }
        return TopologyFiles.load(files.get(0));
    }
}
