package org.dmascope.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dmascope addresses}: the listing for people, the JSON contract and the exit statuses. */
class AddressesCommandTest {
    /** The crafted machine with one of each address problem (model test resources). */
    static final String BROKEN = Path.of("../model/src/test/resources/org/dmascope/model/addresses",
            "broken-addresses.json").toString();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void theBrokenMachineListsEachProblemUnderItsRangeAndExitsZero() {
        CliRun r = CliRun.of("addresses", BROKEN);
        assertEquals(Cli.OK, r.status(), r::toString);
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.get(0).startsWith("Address map of Crafted machine"), r::toString);
        int stray = indexOf(lines, "0xc0800000-0xc080ffff");
        assertTrue(stray > 0 && lines.get(stray).contains("64 KiB") && lines.get(stray).contains("BAR")
                && lines.get(stray).contains("0000:02:00.0 Stray NIC"), r::toString);
        assertTrue(lines.get(stray + 1).startsWith("      ! R-ADDR-1 outside its bridge window: BAR 0"), r::toString);
        for (String rule : List.of("R-ADDR-1", "R-ADDR-2", "R-ADDR-3", "R-ADDR-4", "R-ADDR-5")) {
            assertTrue(r.out().contains("! " + rule + " "), rule + "\n" + r);
        }
        assertTrue(r.out().contains("Problems: R-ADDR-1 outside its bridge window: 1; R-ADDR-2 overlap: 2; "
                + "R-ADDR-3 misaligned: 1; R-ADDR-4 64-bit BAR below 4 GiB: 1; R-ADDR-5 window too small for its "
                + "BARs: 1"), r::toString);
        // Sorted by address within the CPU space.
        List<Long> starts = new ArrayList<>();
        for (String l : lines) {
            if (l.startsWith("I/O port space")) break;
            if (l.startsWith("  0x")) starts.add(Long.parseUnsignedLong(l.substring(4, l.indexOf('-')), 16));
        }
        for (int i = 1; i < starts.size(); i++) assertTrue(Long.compareUnsigned(starts.get(i - 1), starts.get(i)) <= 0);
        assertTrue(r.out().contains("IOVA: group "), r::toString);
    }

    @Test
    void jsonHasEveryRangeWithOwnerAndProblems() throws IOException {
        CliRun r = CliRun.of("addresses", BROKEN, "--format", "json");
        assertEquals(Cli.OK, r.status(), r::toString);
        JsonNode root = JSON.readTree(r.out());
        assertEquals("cpu-memory", root.at("/spaces/0/kind").asText());
        JsonNode stray = null;
        for (JsonNode range : root.at("/spaces/0/ranges")) {
            if (range.get("start").asText().equals("0xc0800000")) stray = range;
        }
        assertTrue(stray != null, r::toString);
        assertEquals("bar", stray.get("kind").asText());
        assertEquals("64KiB", stray.get("size").asText());
        assertEquals("function", stray.at("/owner/kind").asText());
        assertEquals("0000:02:00.0", stray.at("/owner/key").asText());
        assertEquals("R-ADDR-1", stray.at("/problems/0/rule").asText());
        assertEquals(2, root.at("/problemCounts/R-ADDR-2").asInt());
    }

    @Test
    void theDefaultSampleListsItsWindowsAndBars() {
        CliRun r = CliRun.of("addresses", CliRun.SAMPLE);
        assertEquals(Cli.OK, r.status(), r::toString);
        assertTrue(r.out().contains("Host bridge window"), r::toString);
        assertTrue(r.out().contains("Bridge prefetchable window"), r::toString);
        assertTrue(r.out().contains("MSI/interrupt window"), r::toString);
    }

    @Test
    void badInputIsUnusableWithTheFileLineAndReason() throws IOException {
        CliRun missing = CliRun.of("addresses", tmp.resolve("missing.json").toString());
        assertEquals(Cli.UNUSABLE, missing.status(), missing::toString);
        assertTrue(missing.err().contains("missing.json: error: the file does not exist"), missing::toString);
        Path bad = tmp.resolve("bad.json");
        Files.writeString(bad, "{\n  \"format\": \"dmascope-topology\",\n  \"version\": 1,\n  \"name\": \"x\",\n"
                + "  \"functions\": [\n    {\"address\": \"0000:00:00.0\",}\n  ]\n}\n");
        CliRun broken = CliRun.of("addresses", bad.toString());
        assertEquals(Cli.UNUSABLE, broken.status(), broken::toString);
        assertTrue(broken.err().contains("bad.json:6:"), broken::toString);
        assertEquals("", broken.out());
    }

    private static int indexOf(List<String> lines, String text) {
        for (int i = 0; i < lines.size(); i++) if (lines.get(i).contains(text)) return i;
        return -1;
    }
}
