package org.dmascope.model.io.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.dmascope.model.kernel.platform.AmdEfr;
import org.dmascope.model.kernel.profile.KernelProfile;
import org.dmascope.model.mapping.IommuMode;
import org.dmascope.model.report.Diagnostic;
import org.dmascope.model.session.scenario.Scenario;
import org.dmascope.model.session.scenario.ScenarioStep;
import org.junit.jupiter.api.Test;

/** Every mistake in a scenario file is reported at its line and column, and reading goes on. */
class ScenarioReaderTest {
    private static ScenarioReader.Result read(String json) {
        return ScenarioReader.read(json, "lesson.json", Path.of("/lessons"));
    }

    private static List<String> errors(String json) {
        return read(json).report().diagnostics().stream().filter(Diagnostic::isError).map(Diagnostic::toString)
                .toList();
    }

    @Test
    void aGoodFileReadsWithItsPlatformOptionsAndSteps() {
        // CHECKSTYLE.OFF: LineLength (lines of real tool output)
        ScenarioReader.Result r = read("""
                {"format": "dmascope-scenario", "version": 1, "title": "Two",
                 "machine": {"files": ["m/a.tree.txt", "m/a.verbose.txt"]},
                 "platform": {"kernel": "5.15", "acsRequested": true},
                 "options": {"iommuMode": "lazy", "dmaMask": 32},
                 "steps": [
                   {"narration": "hello"},
                   {"map": {"initiator": "03:00.0", "buffer": "host:node0:4KiB", "api": "phys"}, "expect": {"result": "ok"}},
                   {"unmap": 1}, {"unmap": "last"}, {"flush": "group 4"}, {"flush": "all"}, {"clear": true},
                   {"platform": {"cmdline": "iommu=pt"}}, {"options": {"maxSeg": "4KiB"}}, {"state": true}, {"mapAgain": true}
                 ]}""");
        // CHECKSTYLE.ON: LineLength
        Scenario s = r.scenario().orElseThrow(() -> new AssertionError(r.report().toText()));
        assertEquals(List.of(Path.of("/lessons/m/a.tree.txt"), Path.of("/lessons/m/a.verbose.txt")),
                ((Scenario.Files) s.machine()).paths());
        assertEquals(Optional.of(KernelProfile.V5_15), s.platform().profile());
        assertEquals(Optional.of(true), s.platform().acsRequested());
        assertEquals(Optional.of(IommuMode.DMA_FQ), s.options().iommuMode());
        assertEquals(11, s.steps().size());
        ScenarioStep.Map map = (ScenarioStep.Map) s.steps().get(1);
        assertEquals(7, map.line());
        assertEquals(List.of(new ScenarioStep.Setting("api", "phys")), map.options());
        assertEquals(Optional.of("ok"), map.expect().result());
        assertEquals(Optional.empty(), ((ScenarioStep.Unmap) s.steps().get(3)).mappingId());
        assertEquals(Optional.empty(), ((ScenarioStep.Flush) s.steps().get(5)).domainId());
    }

    @Test
    void theAmdIommuFeaturesAreScenarioSettings() {
        ScenarioReader.Result r = read("""
                {"format": "dmascope-scenario", "version": 1, "title": "EFR",
                 "machine": {"sample": "s.json"},
                 "platform": {"iommu": "amd-vi", "amdEfr": "0x400f77ef22294ada", "amdSnp": true},
                 "steps": [{"platform": {"amdEfr": "none"}}, {"platform": {"amdEfr": "gt ppr"}}]}""");
        Scenario s = r.scenario().orElseThrow(() -> new AssertionError(r.report().toText()));
        assertEquals(Optional.of(new AmdEfr(0x400f77ef22294adaL)), s.platform().amdEfr());
        assertEquals(Optional.of(true), s.platform().amdSnp());
        List<String> e = errors("""
                {"format": "dmascope-scenario", "version": 1, "title": "EFR",
                 "machine": {"sample": "s.json"},
                 "platform": {"amdEfr": "iommuv2"}, "steps": [{"state": true}]}""");
        assertTrue(e.stream().anyMatch(x -> x.startsWith("lesson.json:3:25: error: $.platform.amdEfr: \"iommuv2\" is "
                + "not an AMD IOMMU EFR")), e.toString());
    }

    @Test
    void eachMistakeIsAnErrorAtItsPlace() {
        List<String> e = errors("""
                {"format": "dmascope-scenario", "version": 1, "title": "Bad",
                 "machine": {"sample": "x.json", "files": []},
                 "platform": {"kernel": "4.19", "colour": "red"},
                 "steps": [
                   {"map": {"initiator": "zz", "buffer": "host:node0:8EiB", "dmaMask": 99}},
                   {"unmap": "first"},
                   {"clear": true, "state": true},
                   {"flush": "all", "expect": {"live": 0}},
                   {}
                 ]}""");
        assertTrue(e.contains("lesson.json:2:13: error: $.machine: a machine is either {\"sample\": \"NAME.json\"} "
                + "or {\"files\": [\"PATH\", ...]}"),
                e.toString());
        assertTrue(e.stream()
                .anyMatch(x
                -> x.startsWith("lesson.json:3:25: error: $.platform.kernel: \"4.19\" is not a kernel profile")),
                e.toString());
        assertTrue(e.stream()
                .anyMatch(x
                -> x.startsWith("lesson.json:3:43: error: $.platform.colour: \"colour\" is not one of: kernel, cpu")),
                e.toString());
        assertTrue(e.stream()
                .anyMatch(x
                -> x.startsWith("lesson.json:5:26: error: $.steps[0].map.initiator: expected a device address")),
                e.toString());
        assertTrue(e.stream().anyMatch(x -> x.startsWith("lesson.json:5:42: error: $.steps[0].map.buffer:")),
                e.toString());
        assertTrue(e.stream()
                .anyMatch(x
                -> x.startsWith("lesson.json:5:72: error: $.steps[0].map.dmaMask: \"99\" is not a bit count 1-64")),
                e.toString());
        assertTrue(e.stream()
                .anyMatch(x -> x.startsWith("lesson.json:6:14: error: $.steps[1].unmap: expected a mapping's number")),
                e.toString());
        assertTrue(e.stream().anyMatch(x -> x.contains("a step does one thing; this one has clear and state")),
                e.toString());
        assertTrue(e.stream().anyMatch(x -> x.contains("only map and mapAgain steps have expectations")), e.toString());
        assertTrue(e.stream()
                .anyMatch(x -> x.startsWith("lesson.json:9:4: error: $.steps[4]: a step needs one of: narration, map")),
                e.toString());
        assertTrue(read("{}").scenario().isEmpty());
    }

    @Test
    void aNewerVersionOrAnotherFormatIsRefusedPlainly() {
        assertEquals(List.of("lesson.json:1:44: error: $.version: version 2 is newer than this dmascope reads (up to "
                + "1); a newer "
                + "dmascope runs it"), errors("{\"format\": \"dmascope-scenario\", \"version\": 2, \"title\": \"t\", "
                + "\"machine\": {\"sample\": \"s.json\"}, \"steps\": [{\"state\": true}]}").subList(0, 1));
        assertTrue(errors("{\"format\": \"dmascope-topology\"}").get(0).contains("this is not a scenario"));
        assertTrue(errors("{\"format\": ").get(0).startsWith("lesson.json:1:"));
    }

    @Test
    void aMissingOrHugeFileIsAPlainRefusal() {
        assertEquals("no-such.json: error: the file does not exist: no-such.json",
                ScenarioReader.read(Path.of("no-such.json")).report().diagnostics().get(0).toString());
    }

    @Test
    void showAndHighlightStepsAreReadAndTheirMistakesPlaced() {
        ScenarioReader.Result good = read("""
                {"format": "dmascope-scenario", "version": 1, "title": "t", "machine": {"sample": "x.json"},
                 "steps": [{"show": "page-walk"}, {"highlight": ["0000:03:00.0", "04:00.0"]}]}""");
        Scenario s = good.scenario().orElseThrow(() -> new AssertionError(good.report().toText()));
        assertEquals(ScenarioStep.Show.View.PAGE_WALK, ((ScenarioStep.Show) s.steps().get(0)).view());
        assertEquals(2, ((ScenarioStep.Highlight) s.steps().get(1)).devices().size());

        List<String> e = errors("""
                {"format": "dmascope-scenario", "version": 1, "title": "t", "machine": {"sample": "x.json"},
                 "steps": [{"show": "pagewalk"}, {"highlight": ["03:00"]}, {"highlight": []}]}""");
        assertEquals(3, e.size(), e::toString);
        assertTrue(e.get(0).startsWith("lesson.json:2:"), e::toString);
        assertTrue(e.get(0).contains("one of steps, scatter-list, page-walk, matrix, designs"), e::toString);
        assertTrue(e.get(1).contains("expected a device address such as"), e::toString);
        assertTrue(e.get(2).contains("names no device"), e::toString);
    }
}
