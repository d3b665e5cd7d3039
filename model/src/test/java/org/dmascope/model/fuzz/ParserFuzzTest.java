package org.dmascope.model.fuzz;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import org.dmascope.model.io.scenario.ScenarioReader;
import org.dmascope.model.kernel.platform.KernelCommandLine;
import org.dmascope.model.mapping.BufferSpecParser;

/** The small parsers users type into: a bad string is a sentence, never an exception of another kind. */
class ParserFuzzTest {
    private static final String FUZZ_FOR = ImportFuzzTest.FUZZ_FOR;


    @FuzzTest(maxDuration = FUZZ_FOR)
    void bufferSpec(FuzzedDataProvider data) {
        String s = data.consumeRemainingAsString();
        try {
            assertNotNull(BufferSpecParser.parse(s));
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), "a refusal says why");
        }
    }

    @FuzzTest(maxDuration = FUZZ_FOR)
    void kernelCommandLine(FuzzedDataProvider data) {
        assertNotNull(KernelCommandLine.parse(data.consumeRemainingAsString()));
    }

    @FuzzTest(maxDuration = FUZZ_FOR)
    void scenarioFile(FuzzedDataProvider data) {
        ScenarioReader.Result r = ScenarioReader.read(data.consumeRemainingAsString(), "fuzz.json", Path.of("."));
        assertTrue(r.scenario().isPresent() || r.report().hasErrors());
    }
}
