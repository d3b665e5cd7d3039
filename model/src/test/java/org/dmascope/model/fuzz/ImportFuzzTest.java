package org.dmascope.model.fuzz;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import com.code_intelligence.jazzer.junit.FuzzTest;

import org.dmascope.model.io.TopologyJsonReader;
import org.dmascope.model.io.formats.FactsFormat;
import org.dmascope.model.io.formats.HwlocXmlFormat;
import org.dmascope.model.io.formats.IommuGroupsFormat;
import org.dmascope.model.io.formats.LspciListingFormat;
import org.dmascope.model.io.formats.LspciMachineFormat;
import org.dmascope.model.io.formats.LspciTreeFormat;
import org.dmascope.model.io.formats.NcclTopologyXmlFormat;
import org.dmascope.model.io.formats.NvidiaSmiTopoFormat;
import org.dmascope.model.io.imports.ImportInput;
import org.dmascope.model.io.imports.ImportProgress;
import org.dmascope.model.io.imports.ImportResult;
import org.dmascope.model.io.imports.Importer;
import org.dmascope.model.io.merge.ImportedSource;
import org.dmascope.model.io.merge.MachineFacts;
import org.dmascope.model.io.merge.TopologyMerger;
import org.dmascope.model.io.source.Checkpoint;
import org.dmascope.model.io.source.Findings;
import org.dmascope.model.io.source.SourceText;
import org.dmascope.model.kernel.TopologyRules;
import org.dmascope.model.kernel.matrix.P2pMatrix;
import org.dmascope.model.kernel.matrix.ReportedText;
import org.dmascope.model.topology.Topology;
import org.dmascope.model.topology.TopologyValidator;

/**
 * Every import family, whatever the bytes: the reader, the merge and the validation end in a topology
 * or in findings, never in an exception. {@code mvn verify} runs each target over its committed seeds
 * (src/test/resources/org/dmascope/model/fuzz/ImportFuzzTestInputs/&lt;target&gt;/, every crash ever
 * found among them); README's "Fuzzing" says how to fuzz for hours.
 */
class ImportFuzzTest {
    /**
     * How long one target fuzzes at most with JAZZER_FUZZ=1; it stops earlier after {@link #FUZZ_RUNS} runs. mvn verify
     * only replays the seeds.
     */
    static final String FUZZ_FOR = "45m";

    /** The executions one target is fuzzed for with JAZZER_FUZZ=1: the hardening goal, a million per family. */
    static final long FUZZ_RUNS = 1_000_000;


    /** One family's reader, then what the importer does after it. */
    private static void readAs(FactsFormat format, byte[] data) {
        Findings findings = new Findings();
        SourceText text = SourceText.decode("fuzz.txt", data, findings);
        MachineFacts facts = format.read(text, findings, Checkpoint.NONE);
        assertNotNull(facts);
        Topology t = TopologyMerger.merge(List.of(new ImportedSource("fuzz.txt", format.name(), "fuzz", facts)),
                findings);
        TopologyValidator.validate(t);
    }

    @FuzzTest(maxDuration = FUZZ_FOR, maxExecutions = FUZZ_RUNS)
    void lspciTree(byte[] data) {
        readAs(new LspciTreeFormat(), data);
    }

    @FuzzTest(maxDuration = FUZZ_FOR, maxExecutions = FUZZ_RUNS)
    void lspciListingAndHexDumps(byte[] data) {
        readAs(new LspciListingFormat(), data);
    }

    @FuzzTest(maxDuration = FUZZ_FOR, maxExecutions = FUZZ_RUNS)
    void lspciMachineReadable(byte[] data) {
        readAs(new LspciMachineFormat(), data);
    }

    @FuzzTest(maxDuration = FUZZ_FOR, maxExecutions = FUZZ_RUNS)
    void iommuGroupListing(byte[] data) {
        readAs(new IommuGroupsFormat(), data);
    }

    @FuzzTest(maxDuration = FUZZ_FOR, maxExecutions = FUZZ_RUNS)
    void hwlocXml(byte[] data) {
        readAs(new HwlocXmlFormat(), data);
    }

    /** Another tool's output, then its labels set on the matrix beside dmascope's. */
    private static void readWithMatrix(FactsFormat format, byte[] data) {
        Findings findings = new Findings();
        SourceText text = SourceText.decode("fuzz.txt", data, findings);
        MachineFacts facts = format.read(text, findings, Checkpoint.NONE);
        Topology t = TopologyMerger.merge(List.of(new ImportedSource("fuzz.txt", format.name(), "fuzz", facts)),
                findings);
        TopologyValidator.validate(t);
        P2pMatrix m = TopologyRules.of(t).matrix();
        assertNotNull(ReportedText.of(m));
    }

    @FuzzTest(maxDuration = FUZZ_FOR, maxExecutions = FUZZ_RUNS)
    void ncclXml(byte[] data) {
        readWithMatrix(new NcclTopologyXmlFormat(), data);
    }

    @FuzzTest(maxDuration = FUZZ_FOR, maxExecutions = FUZZ_RUNS)
    void nvidiaSmiTopo(byte[] data) {
        readWithMatrix(new NvidiaSmiTopoFormat(), data);
    }

    @FuzzTest(maxDuration = FUZZ_FOR, maxExecutions = FUZZ_RUNS)
    void topologyJson(byte[] data) {
        // both ways a file is read: its bytes (a large file), its decoded text (one recognition decoded)
        var bytes = TopologyJsonReader.read(data, "fuzz.json");
        assertTrue(bytes.ok() || bytes.report().hasErrors());
        String text = new String(data, java.nio.charset.StandardCharsets.UTF_8);
        var r = TopologyJsonReader.read(text, "fuzz.json");
        assertTrue(r.ok() || r.report().hasErrors());
    }

    /** The whole importer, detection included, as File ▸ Import and the command line run it. */
    @FuzzTest(maxDuration = FUZZ_FOR, maxExecutions = FUZZ_RUNS)
    void anyFileThroughTheImporter(byte[] data) {
        ImportResult r = Importer.importInputs(List.of(new ImportInput("fuzz.txt", data)), ImportProgress.NONE,
                () -> false);
        assertTrue(r.topology().isPresent() || r.report().hasErrors());
    }
}
