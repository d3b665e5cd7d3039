package org.dmascope.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dmascope run}: a sequence of operations on one kernel session, from a scenario file. */
class RunCommandTest {
    private static final String LESSON = Path.of("../lessons/successive-mappings.json").toString();

    private static Path scenario(Path dir, String steps) throws IOException {
        Path f = dir.resolve("s.json");
        Files.writeString(f, "{\"format\": \"dmascope-scenario\", \"version\": 1, \"title\": \"Two in one domain\",\n"
                + " \"machine\": {\"files\": [\"" + CliRun.SAMPLE.replace("\\", "\\\\") + "\"]},\n \"steps\": [\n"
                        + steps + "\n]}\n");
        return f;
    }

    @Test
    void twoMappingsInOneDomainTheSecondIovaBelowTheFirst(@TempDir Path dir) throws IOException {
        Path f = scenario(dir,
                "{\"map\": {\"initiator\": \"03:00.0\", \"buffer\": \"host:node0:64KiB\"}},\n{\"mapAgain\": true}");
        CliRun r = CliRun.of("run", f.toString());
        assertEquals(0, r.status(), r.toString());
        int first = r.out().indexOf("segment 0: 0xffff0000 + 0x10000  IOVA");
        int second = r.out().indexOf("segment 0: 0xfffe0000 + 0x10000  IOVA");
        assertTrue(first > 0 && second > first, "the second mapping's IOVA lies just below the first: " + r.out());
        assertTrue(r.out().contains("#2 ok"), r.out());
        assertTrue(r.out().endsWith("all 2 steps as expected\n"), r.out());
    }

    @Test
    void theLessonPassesAndSaysSoInJson() throws IOException {
        CliRun r = CliRun.of("run", LESSON, "--format", "json");
        assertEquals(0, r.status(), r.toString());
        JsonNode root = new ObjectMapper().readTree(r.out());
        assertTrue(root.get("passed").asBoolean());
        JsonNode second = root.get("steps").get(3).get("mapping");
        assertEquals("0xfffe0000", second.get("firstDmaAddress").asText());
        assertEquals("group 4", second.get("domain").asText());
        assertEquals(2, second.get("live").asInt());
    }

    @Test
    void anUnmetExpectationExitsOneAndSaysWhatItGot(@TempDir Path dir) throws IOException {
        Path f = scenario(dir,
                "{\"map\": {\"initiator\": \"03:00.0\", \"buffer\": \"host:node0:64KiB\"}, \"expect\": "
                + "{\"segments\": 2}}");
        CliRun r = CliRun.of("run", f.toString());
        assertEquals(1, r.status(), r.toString());
        assertTrue(r.out().contains("step 1 (line 4)  FAILED"), r.out());
        assertTrue(r.out().contains("✗ expected 2 segments, got 1"), r.out());
    }

    @Test
    void aBrokenFileExitsTwoNamingLineAndColumn(@TempDir Path dir) throws IOException {
        Path f = scenario(dir,
                "{\"map\": {\"initiator\": \"03:00.0\", \"buffer\": \"host:node0:64KiB\", \"dmaMask\": 65}}");
        CliRun r = CliRun.of("run", f.toString());
        assertEquals(2, r.status(), r.toString());
        assertTrue(r.err().contains("s.json:4:75: error: $.steps[0].map.dmaMask: \"65\" is not a bit count 1-64"),
                r.err());
        assertEquals(2, CliRun.of("run", dir.resolve("none.json").toString()).status());
    }
}
