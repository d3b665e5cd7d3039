package org.dmascope.views.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.dmascope.model.io.SampleCatalog;
import org.dmascope.model.kernel.TopologyRules;
import org.dmascope.model.kernel.doctor.Doctor;
import org.dmascope.model.kernel.matrix.ReportedLabel;
import org.dmascope.model.kernel.platform.PlatformAssumptions;
import org.dmascope.model.kernel.platform.PlatformOverrides;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.SourceRef;
import org.dmascope.model.topology.ToolReport;
import org.dmascope.model.topology.Topology;
import org.dmascope.views.matrix.MatrixGrid.Cell;
import org.dmascope.views.rules.RulesModel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The matrix window's state without a Stage: the background work runs when the test says so. */
class P2pMatrixViewModelTest {
    private static final Bdf NVME = Bdf.parse("0000:05:00.0");
    private static final Bdf GPU = Bdf.parse("0000:03:00.0");
    private final List<Runnable> background = new ArrayList<>();
    private RulesModel rules;
    private P2pMatrixViewModel model;
    private Topology t;

    @BeforeEach
    void setUp() {
        t = SampleCatalog.loadDefault();
        rules = new RulesModel();
        rules.publish(TopologyRules.of(t), PlatformOverrides.NONE);
        model = new P2pMatrixViewModel(rules, background::add, Runnable::run);
    }

    private void runBackground() {
        List<Runnable> now = new ArrayList<>(background);
        background.clear();
        now.forEach(Runnable::run);
    }

    @Test
    void theMatrixIsBuiltInTheBackgroundAndExplainsAKnownPair() {
        assertNull(model.getMatrix(), "nothing is computed on the caller's thread");
        assertTrue(model.computingProperty().get());
        runBackground();
        assertEquals(5, model.getMatrix().size());
        assertTrue(model.focus(NVME, GPU));
        P2pMatrixViewModel.Detail d = model.getDetail();
        assertEquals("BUS_ADDR", d.mapType());
        assertEquals(4, d.distance());
        assertTrue(d.smi().startsWith("PIX: "), d.smi());
        assertTrue(d.nccl().startsWith("PIX: "), d.nccl());
        assertTrue(d.mapTypeRule().contains("R-P2P-5"), d.mapTypeRule());
        assertTrue(d.reason().contains("switch upstream port 0000:01:00.0"), d.reason());
        assertEquals("05:00.0  Eideticom NoLoad Hardware Development Kit", model.labelsProperty().get().get(2));
    }

    @Test
    void gatheredClientsGetTheKernelsMultiClientAnswers() {
        runBackground();
        assertEquals("", model.manyProperty().get());
        // the NVMe's row, the two T4s' columns: distance_many(05:00.0, {03:00.0, 04:00.0}) = 4 + 4
        assertTrue(model.focus(NVME, GPU));
        model.toggleFocusedClient();
        assertTrue(model.focus(NVME, Bdf.parse("0000:04:00.0")));
        model.toggleFocusedClient();
        assertEquals(List.of(GPU, Bdf.parse("0000:04:00.0")), model.clientsProperty().get());
        String text = model.manyProperty().get();
        assertTrue(text.startsWith("pci_p2pdma_distance_many(05:00.0, 2 clients) = 8"), text);
        assertTrue(text.contains("pci_p2pmem_find_many = 05:00.0"), text);
        // toggling the same client again takes it out
        model.toggleFocusedClient();
        assertEquals(List.of(GPU), model.clientsProperty().get());
        model.clearClients();
        assertEquals("", model.manyProperty().get());
    }

    @Test
    void hoverWinsOverFocusAndLeavingFallsBack() {
        runBackground();
        model.focus(new Cell(0, 1));
        model.hover(new Cell(4, 0));
        assertEquals("THRU_HOST_BRIDGE", model.getDetail().mapType());
        assertTrue(model.getDetail().smi().startsWith("PHB"));
        model.hover(null);
        assertEquals(new Cell(0, 1), model.getDetail().cell());
        model.hover(new Cell(99, 0));
        assertEquals(new Cell(0, 1), model.getDetail().cell(), "a cell outside the matrix is ignored");
    }

    @Test
    void aPlatformChangeRebuildsTheMatrixAndKeepsTheFocusedPair() {
        runBackground();
        model.focus(NVME, GPU);
        PlatformOverrides whatIf = PlatformOverrides.NONE.withAcsRequested(true).withCommandLine("intel_iommu=on");
        rules.publish(TopologyRules.of(t, PlatformAssumptions.resolve(t, whatIf)), whatIf);
        runBackground();
        assertEquals(new Cell(2, 0), model.focusedProperty().get());
        assertEquals("THRU_HOST_BRIDGE", model.getDetail().mapType());
        assertTrue(model.getDetail().reason().contains("ACS redirect"), model.getDetail().reason());
        assertTrue(model.summaryProperty().get().contains("acsRequested yes"), model.summaryProperty().get());
    }

    @Test
    void onlyTheNewestRulesArePublished() {
        runBackground();
        Topology other = SampleCatalog.load().samples().get(7).topology();
        PlatformOverrides whatIf = PlatformOverrides.NONE.withAcsRequested(true);
        rules.publish(TopologyRules.of(t, PlatformAssumptions.resolve(t, whatIf)), whatIf);
        rules.publish(TopologyRules.of(other), PlatformOverrides.NONE);
        // Both tasks run, the older last: its result must not replace the newer one.
        Runnable older = background.get(0);
        Runnable newer = background.get(1);
        background.clear();
        newer.run();
        older.run();
        assertEquals(other.functions().stream().filter(org.dmascope.model.kernel.matrix.DmaEndpoints::counts).count(),
                model.getMatrix().size());
    }

    @Test
    void copiesAsTextAndCsv() {
        runBackground();
        String text = model.asText();
        assertTrue(text.contains("05:00.0       PIX/BUS       PIX/BUS       X/BUS"), text);
        String csv = model.asCsv();
        assertEquals(1 + 25, csv.lines().count());
        assertTrue(csv.contains("0000:05:00.0,0000:03:00.0,BUS_ADDR,4,PIX,PIX,R-P2P-5,"), csv);
    }

    /** GPU0 on the GPU, GPU1 on the NVMe behind the same switch, which nvidia-smi (made up here) calls PHB. */
    private static ToolReport smiSaysPhb() {
        SourceRef at = new SourceRef("x.nvsmi-topo.txt", 2);
        List<ToolReport.Device> devices = List.of(
                new ToolReport.Device("GPU0", ToolReport.Kind.GPU, Optional.empty(), Optional.empty(),
                        Optional.of(GPU), ToolReport.Match.BUS_ORDER, OptionalInt.empty(), Optional.empty(),
                        Optional.empty(), at),
                new ToolReport.Device("GPU1", ToolReport.Kind.GPU, Optional.empty(), Optional.empty(),
                        Optional.of(NVME), ToolReport.Match.BUS_ORDER, OptionalInt.empty(), Optional.empty(),
                        Optional.empty(), at));
        return new ToolReport(ToolReport.Tool.NVIDIA_SMI_TOPO, new SourceRef("x.nvsmi-topo.txt", 1), devices,
                List.of(new ToolReport.Pair("GPU0", "GPU1", "PHB", Optional.empty(), at),
                        new ToolReport.Pair("GPU1", "GPU0", "PHB", Optional.empty(), at)), List.of());
    }

    @Test
    void anotherToolsLabelIsExplainedBesideDmascopesAndCopied() {
        rules.publish(TopologyRules.of(t.withReports(List.of(smiSaysPhb()))), PlatformOverrides.NONE);
        runBackground();
        assertTrue(model.getMatrix().hasReported());
        assertTrue(model.summaryProperty().get().endsWith(" · beside dmascope: nvidia-smi topo -m (x.nvsmi-topo.txt)"),
                model.summaryProperty().get());
        assertTrue(model.focus(NVME, GPU));
        List<ReportedLabel> reported = model.getDetail().reported();
        assertEquals(1, reported.size());
        assertEquals(ReportedLabel.Agreement.DISAGREES, reported.get(0).agreement());
        assertEquals("PIX", reported.get(0).derived());
        assertTrue(model.getDetail().asText().contains("nvidia-smi topo -m (x.nvsmi-topo.txt:2): PHB, disagrees. "
                + "nvidia-smi says PHB"), model.getDetail().asText());
        assertTrue(model.asText().contains("Other tools beside dmascope"), model.asText());
        assertTrue(model.asCsv().contains("0000:05:00.0,0000:03:00.0,BUS_ADDR,4,PIX,PIX,R-P2P-5,one_bridge,same_switch,"
                + "nvidia-smi-topo PHB disagrees\n"), model.asCsv());
        assertTrue(model.focus(GPU, Bdf.parse("0000:07:00.0")));
        assertTrue(model.getDetail().reported().isEmpty(), "nvidia-smi names no third device");
    }

    @Test
    void aHostBridgePairGetsTheDoctorFromTheBackgroundAndShowsWhatTheModelSays() {
        runBackground();
        model.focus(new Cell(4, 0));
        P2pMatrixViewModel.Detail d = model.getDetail();
        assertEquals("THRU_HOST_BRIDGE", d.mapType());
        assertTrue(d.doctorPending(), "the doctor runs the rules again, so not on the UI thread");
        assertTrue(d.doctor().isEmpty());
        runBackground();
        P2pMatrixViewModel.Detail done = model.getDetail();
        assertFalse(done.doctorPending());
        Bdf provider = model.getMatrix().endpoints().get(4);
        Bdf client = model.getMatrix().endpoints().get(0);
        List<String> expected = P2pMatrixViewModel.lines(new Doctor(TopologyRules.of(t)).p2p(provider, client));
        assertFalse(expected.isEmpty());
        assertEquals(expected, done.doctor());
        assertTrue(done.asText().contains("doctor: " + expected.get(0)), done.asText());
        model.focus(NVME, GPU);
        assertFalse(model.getDetail().doctorPending(), "a BUS_ADDR pair needs no doctor");
        model.focus(new Cell(4, 0));
        assertEquals(expected, model.getDetail().doctor(), "kept for the shown matrix");
    }
}
