package org.dmascope.model.session.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.dmascope.model.kernel.platform.PlatformOverrides;
import org.dmascope.model.kernel.platform.PlatformSettings;
import org.dmascope.model.kernel.iova.IovaRange;
import org.dmascope.model.kernel.swiotlb.SwiotlbAllocation;
import org.dmascope.model.mapping.DmaSegments;
import org.dmascope.model.mapping.Mapping;
import org.dmascope.model.mapping.UnmapResult;
import org.dmascope.model.session.KernelSession;
import org.dmascope.model.session.MapCall;
import org.dmascope.model.session.MapOptionSettings;
import org.dmascope.model.session.MapOptions;
import org.dmascope.model.session.MapOutcome;
import org.dmascope.model.session.SessionSnapshot;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.Topology;
import org.dmascope.model.util.ByteSize;
import org.dmascope.model.util.Hex;

/**
 * Runs a scenario's steps one after another on one kernel session booted from its machine, and
 * checks each step's expectations. A step the session cannot carry out (unmapping when nothing is
 * mapped, mapping again before any map) is a failed step, not an exception.
 */
public final class ScenarioRunner {
    private final Scenario scenario;
    private final Topology machine;
    private KernelSession session;
    private MapOptions options;
    private MapCall lastCall;

    private ScenarioRunner(Scenario scenario, Topology machine) {
        this.scenario = scenario;
        this.machine = machine;
        this.session = KernelSession.boot(machine, scenario.platform());
        this.options = scenario.options();
    }

    /**
     * What one step did.
     *
     * @param number   1-based
     * @param lines    what it did, in words
     * @param outcome  for a map step
     * @param failures unmet expectations, or why the step could not run
     */
    public record StepResult(int number, ScenarioStep step, List<String> lines, Optional<MapOutcome> outcome,
            List<String> failures) {
        public StepResult {
            lines = List.copyOf(lines);
            failures = List.copyOf(failures);
        }

        public boolean passed() {
            return failures.isEmpty();
        }
    }

    /** Every step's result, in order. */
    public record Run(Scenario scenario, List<StepResult> steps) {
        public Run {
            steps = List.copyOf(steps);
        }

        public boolean passed() {
            return steps.stream().allMatch(StepResult::passed);
        }

        public long failedSteps() {
            return steps.stream().filter(s -> !s.passed()).count();
        }
    }

    /** Boots {@code machine} with the scenario's platform and runs every step. */
    public static Run run(Scenario scenario, Topology machine) {
        Objects.requireNonNull(machine);
        ScenarioRunner r = new ScenarioRunner(scenario, machine);
        List<StepResult> results = new ArrayList<>();
        int n = 1;
        for (ScenarioStep s : scenario.steps()) results.add(r.step(n++, s));
        return new Run(scenario, results);
    }

    private StepResult step(int n, ScenarioStep step) {
        List<String> lines = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        Optional<MapOutcome> outcome = Optional.empty();
        if (step instanceof ScenarioStep.Narrate s) {
            lines.add(s.text());
        } else if (step instanceof ScenarioStep.Map s) {
            MapCall call = new MapCall(s.initiator(), s.buffer(), withSettings(options, s.options()));
            outcome = Optional.of(map(call, s.expect(), lines, failures));
        } else if (step instanceof ScenarioStep.MapAgain s) {
            if (lastCall == null) failures.add("there is no map step before this one to do again");
            else outcome = Optional.of(map(lastCall, s.expect(), lines, failures));
        } else if (step instanceof ScenarioStep.Unmap s) {
            unmap(s, lines, failures);
        } else if (step instanceof ScenarioStep.Flush s) {
            int freed = s.domainId().map(session::flush).orElseGet(session::flushAll);
            lines.add("IOTLB flushed" + s.domainId().map(d -> " in domain “" + d + "”").orElse(" in every domain")
                    + ": " + freed
                    + (freed == 1 ? " queued IOVA range" : " queued IOVA ranges") + " freed");
        } else if (step instanceof ScenarioStep.Clear) {
            session.clear();
            lines.add("every mapping unmapped: the IOMMU domains and the swiotlb pool are empty again");
        } else if (step instanceof ScenarioStep.SetPlatform s) {
            PlatformOverrides next = session.platform();
            for (ScenarioStep.Setting x : s.settings()) next = PlatformSettings.set(next, x.name(), x.value());
            int dropped = session.liveMappings().size();
            session = session.reboot(next);
            lines.add("rebooted with " + settingsWords(s.settings()) + " (" + session.profile().label() + ")"
                    + (dropped == 0 ? "" : "; the " + dropped + (dropped == 1 ? " live mapping is"
                            : " live mappings are") + " gone"));
        } else if (step instanceof ScenarioStep.SetOptions s) {
            options = withSettings(options, s.settings());
            lines.add("map options: " + settingsWords(s.settings()));
        } else if (step instanceof ScenarioStep.State) {
            lines.addAll(stateLines(session.snapshot()));
        } else if (step instanceof ScenarioStep.Show s) {
            lines.add("show the " + s.view().fileName().replace('-', ' '));
        } else if (step instanceof ScenarioStep.Highlight s) {
            List<String> names = new ArrayList<>();
            for (Bdf d : s.devices()) {
                Optional<PciFunction> f = machine.function(d);
                if (f.isEmpty()) failures.add("highlight: the machine has no device " + d);
                else names.add(f.get().label());
            }
            lines.add("highlight " + String.join(", ", names));
        }
        return new StepResult(n, step, lines, outcome, failures);
    }

    private MapOutcome map(MapCall call, Expectation expect, List<String> lines, List<String> failures) {
        lastCall = call;
        MapOutcome o = session.map(call);
        lines.add("map " + call.buffer().spec() + " for " + call.initiator() + " with " + call.options().api()
                .kernelName());
        if (o.hasMapping()) lines.addAll(mappingLines(o.mapping()));
        else lines.add("cannot map: " + o.problem().orElse(""));
        failures.addAll(expect.check(o));
        return o;
    }

    private void unmap(ScenarioStep.Unmap s, List<String> lines, List<String> failures) {
        List<Mapping> live = session.liveMappings();
        Optional<Mapping> target = s.mappingId().isPresent()
                ? live.stream().filter(m -> m.id() == s.mappingId().get()).findFirst()
                : live.stream().max((a, b) -> Long.compare(a.id(), b.id()));
        if (target.isEmpty()) {
            failures.add(s.mappingId().map(id -> "#" + id + " is not mapped").orElse("nothing is mapped"));
            return;
        }
        UnmapResult r = session.unmap(target.get()).orElseThrow();
        lines.add("unmap #" + target.get().id());
        for (String a : r.actions()) lines.add("  " + a);
    }

    private static MapOptions withSettings(MapOptions o, List<ScenarioStep.Setting> settings) {
        MapOptions out = o;
        for (ScenarioStep.Setting x : settings) out = MapOptionSettings.set(out, x.name(), x.value());
        return out;
    }

    private static String settingsWords(List<ScenarioStep.Setting> settings) {
        List<String> w = new ArrayList<>();
        for (ScenarioStep.Setting x : settings) w.add(x.name() + "=" + x.value());
        return String.join(", ", w);
    }

    /** The result in a few lines: verdict, where it went, the first segments. */
    static List<String> mappingLines(Mapping m) {
        List<String> out = new ArrayList<>();
        DmaSegments s = m.segments();
        String where = m.domainId() == null ? "dma-direct" : "IOMMU domain “" + m.domainId() + "”";
        out.add("  #" + m.id() + " " + m.verdict().code() + ": " + m.verdict().summary());
        out.add("  " + m.verdict().kernelReturn() + "; map type " + m.mapType() + "; " + where);
        int shown = Math.min(s.count(), 4);
        for (int i = 0; i < shown; i++) {
            out.add(String.format("  segment %d: %s + %s  %s", i, Hex.addr(s.address(i)), Hex.addr(s.length(i)),
                    String.join(",", s.flagNames(i))));
        }
        if (s.count() > shown) out.add("  … " + (s.count() - shown) + " more segments, "
                + ByteSize.format(s.totalLength()) + " in all");
        return out;
    }

    /** The kernel's state, domain by domain. */
    static List<String> stateLines(SessionSnapshot snap) {
        List<String> out = new ArrayList<>();
        out.add(snap.liveCount() + (snap.liveCount() == 1 ? " live mapping" : " live mappings"));
        for (SessionSnapshot.Domain d : snap.domains()) {
            out.add("IOMMU domain “" + d.id() + "” (" + d.type().sysfsName() + ", " + d.geometry() + "): "
                    + d.live().size() + " live");
            for (IovaRange r : d.allocated()) {
                String state = d.cachedPfns().contains(r.pfnLo()) ? "free, parked in the IOVA range cache"
                        : d.flushQueue().stream().anyMatch(q -> q.pfn() == r.pfnLo())
                                ? "unmapped, waits in the flush queue"
                        : "mapped";
                out.add("  IOVA " + Hex.addr(r.pfnLo() * d.granule()) + "-" + Hex.addr((r.pfnHi()
                        + 1) * d.granule() - 1) + "  "
                        + state);
            }
        }
        if (!snap.direct().isEmpty()) out.add("dma-direct: " + snap.direct().size() + " live");
        snap.swiotlb().ifPresent(p -> {
            out.add("swiotlb pool at " + Hex.addr(p.start()) + ": " + p.used() + " of " + p.nslabs() + " slots in use");
            for (SwiotlbAllocation a : p.bounces()) {
                out.add("  slots " + a.firstSlot() + "-" + (a.firstSlot() + a.nslots() - 1) + " bounce "
                        + Hex.addr(a.origAddr()) + " at "
                        + Hex.addr(a.tlbAddr()));
            }
        });
        return out;
    }
}
