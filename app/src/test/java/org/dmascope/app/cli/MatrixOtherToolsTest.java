package org.dmascope.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.dmascope.model.testing.Corpus;
import org.dmascope.model.testing.CraftedMachines;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dmascope matrix} with nvidia-smi output imported beside the machine's lspci listing. */
class MatrixOtherToolsTest {
    private static final String K80S = "supermicro-7048gr-tr-3xk80.nvsmi-topo.txt";

    @TempDir
    Path tmp;

    /** The K80 machine, as nvidia-smi saw it or with its first board's GPUs split onto two root ports. */
    private Path listing(boolean split) throws IOException {
        Path p = tmp.resolve("supermicro-7048gr-tr-3xk80.verbose.txt");
        Files.writeString(p, CraftedMachines.supermicro7048(split));
        return p;
    }

    @Test
    void theTextShowsNvidiaSmisLabelsBesideDmascopesAndEachDisagreementWithItsReasons() throws IOException {
        CliRun r = CliRun.of("matrix", listing(true).toString(), Corpus.file(K80S).toString());
        assertEquals(Cli.OK, r.status(), r.toString());
        String out = r.out();
        assertTrue(out.contains("Other tools beside dmascope (their label; = agrees, ~ a link lspci cannot show, != "
                + "dmascope's label, ? not compared):"), out);
        assertTrue(out.contains("\nnvidia-smi topo -m (" + K80S + "):\n"), out);
        assertTrue(out.contains("\nGPU0          X             PIX!=PHB      SOC=          SOC=          SOC=          "
                + "SOC=\n"), out);
        assertTrue(out.contains("  note: GPU0…GPU5 are tied to the NVIDIA display/3D functions in bus order"), out);
        assertTrue(out.contains("\nDisagreements:\n  0000:04:00.0 (provider) / 0000:05:00.0 (client), nvidia-smi "
                + "topo -m at " + K80S + ":2: PIX != PHB\n    nvidia-smi says PIX"), out);
        assertEquals(1, out.split("nvidia-smi says PIX", -1).length - 1, "a symmetric pair is listed once");
    }

    @Test
    void theJsonHasTheReportedLabelOfEachCellAndTheReports() throws IOException {
        CliRun r = CliRun.of("matrix", listing(false).toString(), Corpus.file(K80S).toString(), "--format", "json");
        assertEquals(Cli.OK, r.status(), r.toString());
        JsonNode j = new ObjectMapper().readTree(r.out());
        JsonNode cell = null;
        for (JsonNode c : j.get("cells")) {
            if (c.get("provider").asText().equals("0000:84:00.0") && c.get("client").asText()
                    .equals("0000:88:00.0")) cell = c;
        }
        JsonNode rep = cell.get("reported").get(0);
        assertEquals("nvidia-smi-topo", rep.get("tool").asText());
        assertEquals(K80S + ":4", rep.get("at").asText());
        assertEquals("PHB", rep.get("label").asText());
        assertEquals("PHB", rep.get("derived").asText());
        assertEquals("agrees", rep.get("agreement").asText());
        assertTrue(rep.get("why").asText().startsWith("nvidia-smi says PHB and dmascope derives the same"));
        JsonNode report = j.get("reports").get(0);
        assertEquals("0000:84:00.0", report.get("devices").get(2).get("address").asText());
        assertEquals("bus-order", report.get("devices").get(2).get("match").asText());
        int withLabel = 0;
        for (JsonNode c : j.get("cells")) if (c.has("reported")) withLabel++;
        assertEquals(30, withLabel, "every ordered pair of the six GPUs");
    }

    @Test
    void nvidiaSmiAloneShowsWhatItSays() {
        CliRun r = CliRun.of("matrix", Corpus.file("amd-wrx80-tr3975wx-2x5090.nvsmi-topo.txt").toString());
        assertEquals(Cli.OK, r.status(), r.toString());
        assertTrue(r.out().startsWith("No DMA-capable endpoints in the topology.\n"), r.out());
        assertTrue(r.out().contains("its devices are not tied to the topology's endpoints; as the tool gave it:\n"
                + "              GPU0          GPU1\n"
                + "GPU0          X             PHB            NUMA node 0, CPUs 0-63\n"), r.out());
        assertTrue(r.err().contains("names GPU0…GPU1 but no PCI address; import an lspci export"), r.err());
    }
}
