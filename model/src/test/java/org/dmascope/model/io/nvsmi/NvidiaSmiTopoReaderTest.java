package org.dmascope.model.io.nvsmi;

import static org.dmascope.model.io.imports.ImportTesting.assertFinding;
import static org.dmascope.model.io.imports.ImportTesting.corpus;
import static org.dmascope.model.io.imports.ImportTesting.loaded;
import static org.dmascope.model.io.imports.ImportTesting.texts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;

import org.dmascope.model.io.imports.ImportResult;
import org.dmascope.model.report.Diagnostic;
import org.dmascope.model.testing.NvidiaSmiSamples;
import org.dmascope.model.topology.NumaNode;
import org.dmascope.model.topology.Topology;
import org.dmascope.model.topology.ToolReport;
import org.dmascope.model.topology.ToolReport.Device;
import org.dmascope.model.topology.ToolReport.Kind;
import org.dmascope.model.topology.ToolReport.Match;
import org.junit.jupiter.api.Test;

/** nvidia-smi topo -m and -p2p output, read alone: the labels per pair, the GPUs' NUMA nodes and CPUs. */
class NvidiaSmiTopoReaderTest {

    private static ToolReport only(Topology t) {
        assertEquals(1, t.reports().size(), t.reports().toString());
        return t.reports().get(0);
    }

    private static String label(ToolReport r, String row, String column) {
        return r.pairs().stream().filter(p -> p.row().equals(row) && p.column().equals(column)).findFirst()
                .orElseThrow().label();
    }

    @Test
    void twoGpusOnOneHostBridgeOfAThreadripper() {
        ImportResult result = corpus("amd-wrx80-tr3975wx-2x5090.nvsmi-topo.txt");
        Topology t = loaded(result);
        ToolReport r = only(t);
        assertEquals(ToolReport.Tool.NVIDIA_SMI_TOPO, r.tool());
        assertEquals(List.of("GPU0", "GPU1"), r.devices().stream().map(Device::name).toList());
        assertEquals("PHB", label(r, "GPU0", "GPU1"));
        assertEquals("PHB", label(r, "GPU1", "GPU0"));
        assertEquals(2, r.pairs().size(), "self pairs are left out");
        for (Device d : r.devices()) {
            assertEquals(OptionalInt.of(0), d.numaNode());
            assertEquals(Optional.of("0-63"), d.cpus());
            assertEquals(Match.NONE, d.match(), "alone, nothing to tie the GPUs to");
        }
        assertEquals(List.of(new NumaNode(0, OptionalInt.empty(), Optional.of("0-63"), List.of())), t.numaNodes(),
                "the GPUs' NUMA affinity and CPU affinity name node 0 and its CPUs");
        assertTrue(t.functions().isEmpty());
        List<Diagnostic> warnings = result.report().warnings();
        assertEquals(1, warnings.size(), result.report().toText());
        assertTrue(warnings.get(0).toString().startsWith("amd-wrx80-tr3975wx-2x5090.nvsmi-topo.txt:2: warning: "
                + "nvidia-smi topo -m names GPU0…GPU1 but no PCI address"), warnings.get(0).toString());
    }

    @Test
    void theMarkdownMangledPasteReadsLikeTheOriginal() {
        ImportResult result = corpus("pahi-ryzen-2gpu-markdown.nvsmi-topo.txt");
        ToolReport r = only(loaded(result));
        assertEquals(List.of("GPU0", "GPU1"), r.devices().stream().map(Device::name).toList());
        assertEquals("NODE", label(r, "GPU0", "GPU1"));
        assertEquals("NODE", label(r, "GPU1", "GPU0"));
        assertEquals(Optional.of("0-15"), r.devices().get(1).cpus());
        assertEquals(OptionalInt.of(0), r.devices().get(1).numaNode());
        assertEquals(1, result.report().warnings().size(), "the legend's wrapped lines are no rows: "
                + result.report().toText());
    }

    @Test
    void anOldDriverMatrixWithSocAndNoNumaColumn() {
        Topology t = loaded(corpus("supermicro-7048gr-tr-3xk80.nvsmi-topo.txt"));
        ToolReport r = only(t);
        assertEquals(6, r.devices().size());
        assertEquals(30, r.pairs().size());
        assertEquals("PIX", label(r, "GPU0", "GPU1"));
        assertEquals("SOC", label(r, "GPU1", "GPU2"));
        assertEquals("PHB", label(r, "GPU3", "GPU4"));
        assertEquals("PIX", label(r, "GPU5", "GPU4"));
        assertEquals(Optional.of("0-7,16-23"), r.devices().get(1).cpus());
        assertEquals(Optional.of("8-15,24-31"), r.devices().get(2).cpus());
        assertTrue(r.devices().stream().allMatch(d -> d.numaNode().isEmpty()), "this driver gave no NUMA affinity");
        assertTrue(t.numaNodes().isEmpty(), "CPU affinity alone names no node");
    }

    @Test
    void nicRowsTheirLegendAndNvlinkLabels() {
        ImportResult result = texts("dgx.nvsmi-topo.txt", NvidiaSmiSamples.MODERN);
        Topology t = loaded(result);
        ToolReport r = only(t);
        assertEquals(List.of("GPU0", "GPU1", "NIC0", "NIC1"), r.devices().stream().map(Device::name).toList());
        assertEquals(List.of(Kind.GPU, Kind.GPU, Kind.NIC, Kind.NIC), r.devices().stream().map(Device::kind)
                .toList());
        assertEquals(Optional.of("mlx5_1"), r.device("NIC1").orElseThrow().alias());
        assertEquals("NV12", label(r, "GPU0", "GPU1"));
        assertEquals("PIX", label(r, "NIC1", "GPU1"));
        assertEquals(12, r.pairs().size());
        assertEquals(List.of("0:0-31", "1:32-63"), t.numaNodes().stream().map(n -> n.id() + ":" + n.cpus()
                .orElse("")).toList());
        assertTrue(r.device("NIC0").orElseThrow().numaNode().isEmpty(), "NIC rows carry no affinity");
    }

    @Test
    void aP2pReadMatrixIsNamedByThePromptAboveIt() {
        String text = """
                $ nvidia-smi topo -p2p r
                 \tGPU0\tGPU1\tGPU2
                 GPU0\tX\tOK\tCNS
                 GPU1\tOK\tX\tCNS
                 GPU2\tCNS\tCNS\tX

                Legend:

                  X    = Self
                  OK   = Status Ok
                  CNS  = Chipset not supported
                """;
        ToolReport r = only(loaded(texts("p2p.txt", text)));
        assertEquals(ToolReport.Tool.NVIDIA_SMI_P2P_READ, r.tool());
        assertEquals("CNS", label(r, "GPU2", "GPU0"));
        assertTrue(r.notes().get(0).contains("cudaDeviceCanAccessPeer"), r.notes().toString());
    }

    @Test
    void aTopologyAndAP2pMatrixInOneFileAreTwoReports() {
        String text = NvidiaSmiSamples.MODERN.lines().limit(5).collect(Collectors.joining("\n"))
                + "\n\nnvidia-smi topo -p2p w\n"
                + "\tGPU0\tGPU1\nGPU0\tX\tNS\nGPU1\tNS\tX\n";
        Topology t = loaded(texts("both.txt", text));
        assertEquals(List.of(ToolReport.Tool.NVIDIA_SMI_TOPO, ToolReport.Tool.NVIDIA_SMI_P2P_WRITE),
                t.reports().stream().map(ToolReport::tool).toList());
        assertEquals(8, t.reports().get(1).source().line(), "the header after the prompt line");
    }

    // ---- damaged input: every problem with its file and line ----

    @Test
    void aRowMissingALabelIsLeftOutAtItsLine() {
        ImportResult r = texts("short.txt", "\tGPU0\tGPU1\tCPU Affinity\nGPU0\t X \tPHB\t0-7\nGPU1\tPHB\t0-7\n");
        assertFinding(r, "short.txt:3: warning: GPU1's row has 1 label where the header names 2 devices");
        ToolReport rep = only(loaded(r));
        assertEquals(1, rep.pairs().size());
    }

    @Test
    void rowsWithoutAHeaderAreAnError() {
        ImportResult r = texts("noheader.txt", "some text\nGPU0\t X \tPHB\nGPU1\tPHB\t X \n");
        assertFalse(r.ok());
        assertFinding(r, "noheader.txt:2: error: this looks like nvidia-smi topo output, but no matrix header");
    }

    @Test
    void aHeaderWithoutReadableRowsIsAnErrorAtTheHeader() {
        ImportResult r = texts("empty.txt", "\tGPU0\tGPU1\tCPU Affinity\nGPU0\t?\t?\nGPU1\n");
        assertFalse(r.ok());
        assertFinding(r, "empty.txt:1: error: no row of this matrix could be read");
    }

    @Test
    void anAsymmetricMatrixAStrangeLabelAndAStrangeRowAreWarnedAbout() {
        ImportResult r = texts("odd.txt", """
                \tGPU0\tGPU1\tGPU2\tCPU Affinity
                GPU0\t X \tPIX\tQPX\t0-7
                GPU1\tPHB\t X \tSYS\t0-7
                GPU2\tQPX\tSYS\t X \tnot-a-list
                GPU7\tSYS\tSYS\tSYS\t0-7
                """);
        loaded(r);
        assertFinding(r, "odd.txt:3: warning: GPU1–GPU0 is PHB here but PIX on line 2");
        assertFinding(r, "odd.txt:2: warning: the label QPX is not in nvidia-smi's legend");
        assertFinding(r, "odd.txt:4: warning: \"not-a-list\" is not a CPU list");
        assertFinding(r, "odd.txt:5: warning: GPU7 is not a column of the matrix (header at line 1)");
    }

    @Test
    void aHeaderOfThousandsOfDevicesIsRefused() {
        StringBuilder header = new StringBuilder();
        for (int i = 0; i <= NvidiaSmiTopoReader.MAX_DEVICES; i++) header.append("\tGPU").append(i);
        ImportResult r = texts("huge.txt", header + "\tCPU Affinity\nGPU0\t X \tPIX\n");
        assertFalse(r.ok());
        assertFinding(r, "huge.txt:1: error: this header names 513 devices");
    }
}
