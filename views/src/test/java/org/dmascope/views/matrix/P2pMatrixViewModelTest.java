package org.dmascope.views.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.dmascope.model.io.SampleCatalog;
import org.dmascope.model.kernel.TopologyRules;
import org.dmascope.model.kernel.platform.PlatformAssumptions;
import org.dmascope.model.kernel.platform.PlatformOverrides;
import org.dmascope.model.topology.Bdf;
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
}
