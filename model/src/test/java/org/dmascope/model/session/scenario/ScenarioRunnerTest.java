package org.dmascope.model.session.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.dmascope.model.io.scenario.ScenarioMachine;
import org.dmascope.model.io.scenario.ScenarioReader;
import org.dmascope.model.topology.Topology;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Scenarios run on one kernel session: what one step leaves, the next one sees. */
class ScenarioRunnerTest {
    private static ScenarioRunner.Run run(String json) {
        ScenarioReader.Result r = ScenarioReader.read(json, "test.json", Path.of("."));
        Scenario s = r.scenario().orElseThrow(() -> new AssertionError(r.report().toText()));
        Topology t = ScenarioMachine.load(s).topology().orElseThrow();
        return ScenarioRunner.run(s, t);
    }

    private static String scenario(String steps) {
        return "{\"format\": \"dmascope-scenario\", \"version\": 1, \"title\": \"t\", "
                + "\"machine\": {\"sample\": \"switch-p2p-server.json\"}, \"steps\": [" + steps + "]}";
    }

    private static final String T4_RAM = "{\"map\": {\"initiator\": \"0000:03:00.0\", \"buffer\": "
            + "\"host:node0:64KiB:scattered\"}";

    @Test
    void twoMappingsInOneDomainTheSecondBelowTheFirst() {
        ScenarioRunner.Run r = run(scenario(T4_RAM + ", \"expect\": {\"dmaAddress\": \"0xffff0000\"}}, "
                + "{\"mapAgain\": true, \"expect\": {\"dmaAddress\": \"0xfffe0000\", \"live\": 2}}, "
                + "{\"state\": true}"));
        assertTrue(r.passed(), () -> r.steps().toString());
        long first = r.steps().get(0).outcome().orElseThrow().mapping().segments().address(0);
        long second = r.steps().get(1).outcome().orElseThrow().mapping().segments().address(0);
        assertTrue(Long.compareUnsigned(second, first) < 0, "the second IOVA lies below the first");
        List<String> state = r.steps().get(2).lines();
        assertEquals("2 live mappings", state.get(0));
        assertTrue(state.get(1).startsWith("IOMMU domain “group 4” (DMA-FQ"), state.get(1));
        assertEquals("  IOVA 0xfffe0000-0xfffeffff  mapped", state.get(2));
        assertEquals("  IOVA 0xffff0000-0xffffffff  mapped", state.get(3));
    }

    @Test
    void aLazyUnmapWaitsInTheFlushQueueUntilTheFlush() {
        ScenarioRunner.Run r = run(scenario(T4_RAM
                + "}, {\"unmap\": \"last\"}, {\"state\": true}, {\"flush\": \"all\"}, "
                + "{\"state\": true}, "
                + "{\"mapAgain\": true, \"expect\": {\"dmaAddress\": \"0xffff0000\", \"live\": 1}}"));
        assertTrue(r.passed(), () -> r.steps().toString());
        assertTrue(r.steps().get(1).lines().get(1).contains("waits in the flush queue"),
                r.steps().get(1).lines().toString());
        assertTrue(r.steps().get(2).lines()
                .contains("  IOVA 0xffff0000-0xffffffff  unmapped, waits in the flush queue"),
                r.steps().get(2).lines().toString());
        assertEquals("IOTLB flushed in every domain: 1 queued IOVA range freed", r.steps().get(3).lines().get(0));
        assertTrue(r.steps().get(4).lines()
                .contains("  IOVA 0xffff0000-0xffffffff  free, parked in the IOVA range cache"),
                "a freed IOVA goes to the range cache: " + r.steps().get(4).lines());
    }

    @Test
    void aDmaBufOfTheGpuImportedByTheNicIsAScenarioStepLikeAnyBuffer() {
        ScenarioRunner.Run r = run(scenario("{\"map\": {\"initiator\": \"0000:06:00.0\", \"buffer\": "
                + "\"dmabuf:03:00.0:bar1:2MiB:importer=rdma\"}, \"expect\": {\"mapType\": \"BUS_ADDR\", "
                + "\"segments\": 1}}"));
        assertTrue(r.passed(), () -> r.steps().toString());
    }

    @Test
    void anUnmetExpectationFailsItsStepAndSaysWhatItGot() {
        ScenarioRunner.Run r = run(scenario(T4_RAM + ", \"expect\": {\"mapType\": \"BUS_ADDR\", \"segments\": 3}}"));
        assertFalse(r.passed());
        assertEquals(List.of("expected map type BUS_ADDR, got NONE", "expected 3 segments, got 1"),
                r.steps().get(0).failures());
    }

    @Test
    void stepsTheKernelCannotDoFailWithAReason() {
        ScenarioRunner.Run r = run(scenario("{\"mapAgain\": true}, {\"unmap\": 7}, {\"unmap\": \"last\"}, "
                + "{\"map\": {\"initiator\": \"0000:03:00.0\", \"buffer\": \"host:node5:4KiB\"}, \"expect\": "
                        + "{\"problem\": \"node 5\"}}"));
        assertEquals(List.of("there is no map step before this one to do again"), r.steps().get(0).failures());
        assertEquals(List.of("#7 is not mapped"), r.steps().get(1).failures());
        assertEquals(List.of("nothing is mapped"), r.steps().get(2).failures());
        assertTrue(r.steps().get(3).passed(), r.steps().get(3).toString());
    }

    @Test
    void anotherKernelRebootsWithNothingMapped() {
        ScenarioRunner.Run r = run(scenario(T4_RAM + "}, {\"platform\": {\"kernel\": \"5.4\"}}, "
                + T4_RAM + ", \"expect\": {\"dmaAddress\": \"0xffff0000\", \"live\": 1}}"));
        assertTrue(r.passed(), () -> r.steps().toString());
        assertTrue(r.steps().get(1).lines().get(0).contains("the 1 live mapping is gone"),
                r.steps().get(1).lines().get(0));
        assertEquals("5.4", r.steps().get(2).outcome().orElseThrow().mapping().request().profile().id());
    }

    @Test
    void optionsApplyToLaterMapSteps() {
        ScenarioRunner.Run r = run(scenario("{\"options\": {\"iommuMode\": \"off\", \"maxSeg\": \"4KiB\"}}, "
                + "{\"map\": {\"initiator\": \"0000:03:00.0\", \"buffer\": \"host:node0:64KiB:contiguous\"}, "
                        + "\"expect\": {\"segments\": 16}}, "
                + "{\"map\": {\"initiator\": \"0000:03:00.0\", \"buffer\": \"host:node0:64KiB:contiguous\", "
                        + "\"maxSeg\": \"64KiB\"}, "
                + "\"expect\": {\"segments\": 1}}"));
        assertTrue(r.passed(), () -> r.steps().toString());
    }

    /** Every lesson is a test: a lesson whose expectations the engine no longer meets fails the build. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("lessons")
    void everyBundledLessonPasses(Path lesson) {
        ScenarioReader.Result read = ScenarioReader.read(lesson);
        Scenario s = read.scenario().orElseThrow(() -> new AssertionError(read.report().toText()));
        assertTrue(read.report().diagnostics().isEmpty(), () -> read.report().toText());
        ScenarioRunner.Run r = ScenarioRunner.run(s, ScenarioMachine.load(s).topology().orElseThrow());
        assertTrue(r.passed(), () -> r.steps().stream().filter(x -> !x.passed()).toList().toString());
        assertTrue(r.steps().stream().anyMatch(x -> x.step() instanceof ScenarioStep.Narrate),
                "a lesson narrates what happens");
    }

    static Stream<Path> lessons() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("../lessons"))) {
            List<Path> out = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
            assertTrue(out.size() >= 6, "at least six lessons: " + out);
            return out.stream();
        }
    }

    @Test
    void showAndHighlightStepsNameTheirViewAndDevicesAndAnUnknownDeviceFails() {
        ScenarioRunner.Run r = run(scenario("{\"show\": \"page-walk\"}, {\"highlight\": [\"0000:03:00.0\"]}, "
                + "{\"highlight\": [\"0000:0a:00.0\"]}"));
        assertEquals(List.of("show the page walk"), r.steps().get(0).lines());
        assertEquals(List.of("highlight 03:00.0 TU104GL [Tesla T4]"), r.steps().get(1).lines());
        assertEquals(List.of("highlight: the machine has no device 0000:0a:00.0"), r.steps().get(2).failures());
    }
}
