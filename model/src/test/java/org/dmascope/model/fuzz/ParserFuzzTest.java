package org.dmascope.model.fuzz;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import org.dmascope.model.io.SampleCatalog;
import org.dmascope.model.io.scenario.ScenarioReader;
import org.dmascope.model.kernel.TopologyRules;
import org.dmascope.model.kernel.acs.EffectiveAcs;
import org.dmascope.model.kernel.platform.KernelCommandLine;
import org.dmascope.model.kernel.platform.PlatformAssumptions;
import org.dmascope.model.kernel.platform.PlatformOverrides;
import org.dmascope.model.kernel.profile.KernelProfile;
import org.dmascope.model.mapping.BufferSpecParser;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.Topology;

/** The small parsers users type into: a bad string is a sentence, never an exception of another kind. */
class ParserFuzzTest {
    private static final String FUZZ_FOR = ImportFuzzTest.FUZZ_FOR;
    private static final long FUZZ_RUNS = ImportFuzzTest.FUZZ_RUNS;
    /** The default sample: ports with ACS, a switch, P2P memory. */
    private static final Topology MACHINE = SampleCatalog.loadDefault();


    @FuzzTest(maxDuration = FUZZ_FOR, maxExecutions = FUZZ_RUNS)
    void bufferSpec(FuzzedDataProvider data) {
        String s = data.consumeRemainingAsString();
        try {
            assertNotNull(BufferSpecParser.parse(s));
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), "a refusal says why");
        }
    }

    @FuzzTest(maxDuration = FUZZ_FOR, maxExecutions = FUZZ_RUNS)
    void kernelCommandLine(FuzzedDataProvider data) {
        assertNotNull(KernelCommandLine.parse(data.consumeRemainingAsString()));
    }

    /**
     * A typed command line booted on a machine under every kernel profile: the per-device list walks of
     * {@code disable_acs_redir}/{@code config_acs}, the ACS values, the groups and the not-modelled summary never
     * throw.
     */
    @FuzzTest(maxDuration = FUZZ_FOR, maxExecutions = FUZZ_RUNS)
    void kernelCommandLineOnAMachine(FuzzedDataProvider data) {
        String line = data.consumeRemainingAsString();
        for (KernelProfile k : KernelProfile.values()) {
            PlatformAssumptions a = PlatformAssumptions.resolve(MACHINE, PlatformOverrides.NONE.withProfile(k)
                    .withCommandLine(line));
            EffectiveAcs acs = new EffectiveAcs(MACHINE, a);
            for (PciFunction f : MACHINE.functions()) assertNotNull(acs.of(f));
            assertNotNull(TopologyRules.of(MACHINE, a).groups());
            assertNotNull(a.commandLine().notModelledSummary());
        }
    }

    @FuzzTest(maxDuration = FUZZ_FOR, maxExecutions = FUZZ_RUNS)
    void scenarioFile(FuzzedDataProvider data) {
        ScenarioReader.Result r = ScenarioReader.read(data.consumeRemainingAsString(), "fuzz.json", Path.of("."));
        assertTrue(r.scenario().isPresent() || r.report().hasErrors());
    }
}
