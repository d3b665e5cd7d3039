package org.dmascope.app.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.dmascope.model.io.LoadResult;
import org.dmascope.model.io.scenario.ScenarioMachine;
import org.dmascope.model.io.scenario.ScenarioReader;
import org.dmascope.model.mapping.Mapping;
import org.dmascope.model.report.Diagnostic;
import org.dmascope.model.session.MapOutcome;
import org.dmascope.model.session.scenario.Scenario;
import org.dmascope.model.session.scenario.ScenarioRunner;
import org.dmascope.model.util.Hex;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code dmascope run SCENARIO}: runs a scenario file's steps on one kernel session (mappings stay
 * live from step to step) and checks its expectations. Exit 0 when all hold, 1 when one does not, 2
 * when the file or its machine cannot be used.
 */
@Command(name = "run", customSynopsis = "dmascope run SCENARIO [--format text|json]",
        description = {"run a scenario or lesson: map, map again, unmap, flush, change the kernel… on one running "
                + "kernel, "
                + "and check what each step expects (the format: docs/scenario-format.md)"},
        exitCodeList = {"0:every expectation holds", "1:an expectation does not hold (the step says what it got)",
                StandardOptions.UNUSABLE})
final class RunCommand implements Callable<Integer> {
    private final Streams streams;

    @Parameters(paramLabel = "SCENARIO", arity = "1", description = "a scenario file (JSON)")
    private Path file;

    @Mixin
    private OutputOptions format = new OutputOptions();

    @Mixin
    private StandardOptions standard = new StandardOptions();

    RunCommand(Streams streams) {
        this.streams = streams;
    }

    @Override
    public Integer call() {
        ScenarioReader.Result read = ScenarioReader.read(file);
        for (Diagnostic d : read.report().diagnostics()) streams.err().println(d);
        if (read.scenario().isEmpty()) return Cli.UNUSABLE;
        Scenario s = read.scenario().get();
        LoadResult machine = ScenarioMachine.load(s);
        for (Diagnostic d : machine.report().diagnostics()) streams.err().println(d);
        if (machine.topology().isEmpty()) return Cli.UNUSABLE;
        ScenarioRunner.Run run = ScenarioRunner.run(s, machine.topology().get());
        if (format.json()) JsonOutput.print(json(run), streams.out());
        else text(run, streams.out());
        return run.passed() ? Cli.OK : Cli.FAILED;
    }

    private static void text(ScenarioRunner.Run run, PrintStream out) {
        out.println(run.scenario().title());
        run.scenario().description().ifPresent(out::println);
        for (ScenarioRunner.StepResult r : run.steps()) {
            out.println();
            out.println("step " + r.number() + " (line " + r.step().line() + ")" + (r.passed() ? "" : "  FAILED"));
            for (String l : r.lines()) out.println("  " + l);
            for (String f : r.failures()) out.println("  ✗ " + f);
        }
        out.println();
        long failed = run.failedSteps();
        out.println(failed == 0 ? "all " + run.steps().size() + " steps as expected"
                : failed + (failed == 1 ? " step" : " steps") + " did not go as expected");
    }

    private static ObjectNode json(ScenarioRunner.Run run) {
        ObjectNode root = JsonOutput.object();
        root.put("title", run.scenario().title());
        root.put("passed", run.passed());
        ArrayNode steps = root.putArray("steps");
        for (ScenarioRunner.StepResult r : run.steps()) {
            ObjectNode n = steps.addObject();
            n.put("step", r.number());
            n.put("line", r.step().line());
            n.put("kind", kind(r));
            ArrayNode lines = n.putArray("lines");
            r.lines().forEach(lines::add);
            r.outcome().ifPresent(o -> mapping(n.putObject("mapping"), o));
            ArrayNode failures = n.putArray("failures");
            r.failures().forEach(failures::add);
        }
        return root;
    }

    private static String kind(ScenarioRunner.StepResult r) {
        String name = r.step().getClass().getSimpleName();
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }

    private static void mapping(ObjectNode n, MapOutcome o) {
        Optional<String> problem = o.problem();
        if (problem.isPresent()) {
            n.put("problem", problem.get());
            return;
        }
        Mapping m = o.mapping();
        n.put("id", m.id());
        n.put("verdict", m.verdict().code());
        n.put("mapType", m.mapType().name());
        if (m.domainId() != null) n.put("domain", m.domainId());
        n.put("segments", m.segments().count());
        if (m.segments().count() > 0) n.put("firstDmaAddress", Hex.addr(m.segments().address(0)));
        n.put("live", o.after().liveCount());
    }
}
