package org.dmascope.model.io.scenario;

import java.util.List;
import java.util.Optional;

import org.dmascope.model.io.LoadResult;
import org.dmascope.model.io.SampleCatalog;
import org.dmascope.model.io.imports.TopologyInputs;
import org.dmascope.model.report.Diagnostic;
import org.dmascope.model.report.Report;
import org.dmascope.model.session.scenario.Scenario;

/** The machine a scenario runs on, loaded: a shipped sample or the files it names. */
public final class ScenarioMachine {
    private ScenarioMachine() {
    }

    /** Never throws for a missing sample or bad files: the report says what went wrong. */
    public static LoadResult load(Scenario s) {
        if (s.machine() instanceof Scenario.Files f) return TopologyInputs.load(f.paths());
        String name = ((Scenario.Sample) s.machine()).name();
        SampleCatalog catalog = SampleCatalog.load();
        Optional<SampleCatalog.Sample> found = catalog.samples().stream().filter(x -> x.fileName().equals(name))
                .findFirst();
        if (found.isPresent()) return LoadResult.loaded(found.get().topology(), new Report(List.of()));
        String known = String.join(", ", catalog.samples().stream().map(SampleCatalog.Sample::fileName).toList());
        return LoadResult.failed(new Report(List.of(Diagnostic.error("there is no sample \"" + name + "\" (samples: "
                + known + ")")
                .at(s.file(), 0, 0))));
    }
}
