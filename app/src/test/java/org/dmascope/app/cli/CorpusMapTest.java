package org.dmascope.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.dmascope.model.io.imports.ImportProgress;
import org.dmascope.model.io.imports.ImportResult;
import org.dmascope.model.io.imports.Importer;
import org.dmascope.model.kernel.matrix.DmaEndpoints;
import org.dmascope.model.testing.Corpus;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.Topology;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 10, item 4: {@code dmascope map FILE --initiator X --buffer host:node0:64KiB} maps host RAM on every
 * lspci export of the corpus (none describes RAM, so the assumed layout applies), through the command line
 * itself, and says the RAM was assumed in the text and the JSON.
 */
class CorpusMapTest {

    static Stream<Path> lspciExports() {
        return Stream.of("verbose", "tree", "hex").flatMap(k -> Corpus.ofKind(k).stream());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lspciExports")
    void hostRamMapsForADeviceOfEveryExport(Path file) throws Exception {
        ImportResult r = Importer.importFiles(List.of(file), ImportProgress.NONE, () -> false);
        Topology t = r.topology().orElseThrow(() -> new AssertionError(r.report().toText()));
        List<PciFunction> endpoints = DmaEndpoints.of(t);
        PciFunction device = endpoints.isEmpty() ? t.functions().get(0) : endpoints.get(0);

        CliRun text = CliRun.of("map", file.toString(), "--initiator", device.address().toString(), "--buffer",
                "host:node0:64KiB");
        assertEquals(0, text.status(), text::toString);
        assertFalse(text.err().contains("no usable System RAM"), text::toString);
        assertTrue(text.out().contains("ram ") && text.out().contains("(assumed)")
                && text.out().contains("the input describes no System RAM"), text::toString);

        CliRun json = CliRun.of("map", file.toString(), "--initiator", device.address().toString(), "--buffer",
                "host:node0:64KiB", "--format", "json");
        assertEquals(0, json.status(), json::toString);
        JsonNode j = new ObjectMapper().readTree(json.out());
        assertEquals("ok", j.get("verdict").asText());
        JsonNode ram = j.get("assumptions").get(0);
        assertEquals("ram", ram.get("name").asText());
        assertEquals("default", ram.get("source").asText());
        assertTrue(ram.get("value").asText().endsWith("(assumed)"), ram.toString());
    }
}
