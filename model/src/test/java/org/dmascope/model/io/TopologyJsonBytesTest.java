package org.dmascope.model.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.dmascope.model.report.Diagnostic;
import org.junit.jupiter.api.Test;

/**
 * A topology read from its UTF-8 bytes (what files and imports do, without decoding a large file into a string)
 * says what the same text read as a String says, at the same lines and character columns: Jackson counts a byte
 * parse's columns in bytes, so a name with "×" before a finding on the same line would move it.
 */
class TopologyJsonBytesTest {
    private static final Path SAMPLES = Path.of(System.getProperty("dmascope.samples", "../sample-topologies"));

    /** Each finding's place and words (Jackson words a syntax error a little differently for bytes). */
    private static List<String> places(LoadResult r) {
        return r.report().diagnostics().stream().map(d -> d.line() + ":" + d.column() + " "
                + (d.message().startsWith("not valid JSON: ") ? "not valid JSON" : d.message())).toList();
    }

    private static void sameFindings(String text) {
        sameFindings(text, text.getBytes(StandardCharsets.UTF_8));
    }

    private static void sameFindings(String text, byte[] utf8) {
        LoadResult chars = TopologyJsonReader.read(text, "t.json");
        LoadResult bytes = TopologyJsonReader.read(utf8, "t.json");
        assertEquals(places(chars), places(bytes));
        assertEquals(chars.topology(), bytes.topology());
    }

    /** The sample on one line (as a minified file has it), its name given non-ASCII characters. */
    private static String oneLine(String name) throws IOException {
        String text = Files.readString(SAMPLES.resolve(name), StandardCharsets.UTF_8);
        return text.replaceFirst("\"name\": \"", "\"name\": \"8× GPU — 𝔾 ").replaceAll("\\s*\\n\\s*", " ");
    }

    @Test
    void aValidFileReadsTheSameFromBytes() throws IOException {
        String text = oneLine("legacy-pci-no-iommu.json");
        sameFindings(text);
        assertTrue(TopologyJsonReader.read(text.getBytes(StandardCharsets.UTF_8), "t.json").ok());
    }

    @Test
    void findingsAfterMultiByteCharactersOnTheirLineAreAtTheCharacterColumn() throws IOException {
        String text = oneLine("legacy-pci-no-iommu.json");
        // a wrong value and an unknown field, far along the one line, after the name's non-ASCII characters
        String broken = text.replaceFirst("\"vendor\": \"([0-9a-f]{4})\"", "\"vendor\": \"zz\", \"colour\": 1");
        assertFalse(broken.equals(text));
        sameFindings(broken);
        LoadResult r = TopologyJsonReader.read(broken.getBytes(StandardCharsets.UTF_8), "t.json");
        Diagnostic vendor = r.report().diagnostics().stream().filter(d -> d.message().contains("vendor"))
                .findFirst().orElseThrow();
        assertEquals(1, vendor.line());
        assertEquals(broken.indexOf("\"zz\"") + 1, vendor.column(), "the column of the value, in characters");
    }

    @Test
    void aSyntaxErrorIsAtItsCharacterColumnAndLinesEndAsJacksonEndsThem() throws IOException {
        sameFindings(oneLine("legacy-pci-no-iommu.json").replaceFirst("\"functions\": \\[", "\"functions\": [,"));
        sameFindings("{\r\n  \"name\": \"×\",\r  \"format\": \"dmascope-topology\", \"version\": ,\n}");
        // a byte-order mark is not a column (the text a String parse gets has none: Utf8.decode drops it)
        String afterMark = "{\"name\": \"é\", \"version\": 1, \"format\": ]}";
        sameFindings(afterMark, ("\uFEFF" + afterMark).getBytes(StandardCharsets.UTF_8));
    }
}
