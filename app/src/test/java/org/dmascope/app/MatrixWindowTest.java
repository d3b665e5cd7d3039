package org.dmascope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.prefs.BackingStoreException;

import javafx.geometry.Point2D;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;

import org.dmascope.model.io.SampleCatalog;
import org.dmascope.model.testing.Corpus;
import org.dmascope.model.testing.CraftedMachines;
import org.dmascope.model.topology.Bdf;
import org.dmascope.views.matrix.MatrixGrid;
import org.dmascope.views.matrix.P2pMatrixView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

/**
 * Tools ▸ P2P Matrix…: the known pair of the default sample, the pointer and the keys, and following the platform and
 * the topology.
 */
@ExtendWith(ApplicationExtension.class)
class MatrixWindowTest {
    private final RunningApp running = new RunningApp();
    private DmascopeApplication app;
    private DocumentModel documents;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        documents = running.start(stage, 1280, 800);
        app = running.app();
    }

    @Stop
    void stop() {
        running.stop();
    }

    @AfterEach
    void tearDown() throws BackingStoreException {
        running.tearDown(false);
    }

    private static void waitUntil(BooleanSupplier condition) {
        RunningApp.waitUntil(condition, 10);
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup("#" + id).queryLabeled().getText();
    }

    private MatrixGrid openMatrix(FxRobot robot) {
        robot.clickOn("Tools").clickOn("P2P Matrix…");
        waitUntil(() -> robot.lookup("#" + P2pMatrixView.GRID_ID).tryQuery().isPresent());
        MatrixGrid grid = robot.lookup("#" + P2pMatrixView.GRID_ID).queryAs(MatrixGrid.class);
        waitUntil(() -> grid.getMatrix() != null);
        return grid;
    }

    private void hover(FxRobot robot, MatrixGrid grid, String provider, String client) {
        int r = grid.getMatrix().endpoints().indexOf(Bdf.parse(provider));
        int c = grid.getMatrix().endpoints().indexOf(Bdf.parse(client));
        Point2D[] p = new Point2D[1];
        robot.interact(() -> p[0] = grid.localToScreen(grid.cellCentre(new MatrixGrid.Cell(r, c)).orElseThrow()));
        robot.moveTo(p[0]);
    }

    @Test
    void theDefaultSampleShowsPixAndBusAddrForTheSwitchLocalPair(FxRobot robot) {
        MatrixGrid grid = openMatrix(robot);
        assertEquals(5, grid.getMatrix().size());
        hover(robot, grid, "05:00.0", "03:00.0");
        waitUntil(() -> text(robot, P2pMatrixView.MAP_TYPE_ID).startsWith("BUS_ADDR"));
        assertEquals("BUS_ADDR, distance 4   (R-P2P-5)", text(robot, P2pMatrixView.MAP_TYPE_ID));
        assertTrue(text(robot, P2pMatrixView.SMI_ID).startsWith("PIX: "), text(robot, P2pMatrixView.SMI_ID));
        assertTrue(text(robot, P2pMatrixView.NCCL_ID).startsWith("PIX: "));
        assertTrue(text(robot, P2pMatrixView.REASON_ID).contains("no device on the way has ACS redirect"));
        robot.interact(() -> robot.lookup("#" + P2pMatrixView.GRID_ID).query().getScene().getWindow().hide());
    }

    @Test
    void theKeyboardMovesTheFocusedCell(FxRobot robot) {
        MatrixGrid grid = openMatrix(robot);
        robot.interact(grid::requestFocus);
        robot.moveTo(robot.lookup("#" + P2pMatrixView.SUMMARY_ID).queryLabeled());
        robot.type(KeyCode.END);
        assertEquals(new MatrixGrid.Cell(0, 4), grid.getFocusedCell());
        robot.type(KeyCode.DOWN, KeyCode.DOWN, KeyCode.DOWN, KeyCode.DOWN);
        assertEquals(new MatrixGrid.Cell(4, 4), grid.getFocusedCell());
        robot.type(KeyCode.LEFT);
        assertTrue(text(robot, P2pMatrixView.MAP_TYPE_ID).startsWith("THRU_HOST_BRIDGE, distance 6   (R-P2P-5"),
                text(robot, P2pMatrixView.MAP_TYPE_ID));
        assertTrue(text(robot, P2pMatrixView.SMI_ID).startsWith("PHB: "));
        robot.interact(() -> grid.getScene().getWindow().hide());
    }

    @Test
    void theMatrixFollowsAPlatformChangeAndItsUndo(FxRobot robot) {
        MatrixGrid grid = openMatrix(robot);
        robot.moveTo(robot.lookup("#" + P2pMatrixView.SUMMARY_ID).queryLabeled());
        PlatformSession session = app.session();
        robot.interact(() -> session.change(session.overrides().withAcsRequested(true)
                .withCommandLine("intel_iommu=on"), "ACS what-if"));
        robot.interact(() -> grid.setFocusedCell(new MatrixGrid.Cell(2, 0)));
        waitUntil(() -> text(robot, P2pMatrixView.MAP_TYPE_ID).startsWith("THRU_HOST_BRIDGE"));
        assertTrue(text(robot, P2pMatrixView.SUMMARY_ID).contains("acsRequested yes"));
        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        waitUntil(() -> text(robot, P2pMatrixView.MAP_TYPE_ID).startsWith("BUS_ADDR"));
        robot.interact(() -> grid.getScene().getWindow().hide());
    }

    @Test
    void nvidiaSmisLabelIsShownBesideDmascopesAndItsDisagreementExplained(FxRobot robot, @TempDir Path dir)
            throws IOException {
        Path listing = dir.resolve("supermicro-7048gr-tr-3xk80.verbose.txt");
        Files.writeString(listing, CraftedMachines.supermicro7048(true));
        Path nvsmi = Corpus.file("supermicro-7048gr-tr-3xk80.nvsmi-topo.txt");
        robot.interact(() -> documents.open(List.of(listing, nvsmi)));
        waitUntil(() -> documents.getDocument().topology().reports().size() == 1);
        MatrixGrid grid = openMatrix(robot);
        waitUntil(() -> grid.getMatrix().hasReported());
        assertTrue(robot.lookup("#" + P2pMatrixView.REPORTED_LEGEND_ID).query().isVisible());
        assertTrue(text(robot, P2pMatrixView.SUMMARY_ID).contains("beside dmascope: nvidia-smi topo -m ("
                + nvsmi.getFileName() + ")"), text(robot, P2pMatrixView.SUMMARY_ID));
        hover(robot, grid, "04:00.0", "05:00.0");
        waitUntil(() -> text(robot, P2pMatrixView.REPORTED_ID).startsWith("nvidia-smi"));
        String reported = text(robot, P2pMatrixView.REPORTED_ID);
        assertTrue(reported.startsWith("nvidia-smi topo -m (" + nvsmi.getFileName() + ":2): PIX, disagrees. "
                + "nvidia-smi says PIX"), reported);
        assertTrue(robot.lookup("#" + P2pMatrixView.REPORTED_ID).query().getStyleClass().contains("disagrees"));
        hover(robot, grid, "84:00.0", "88:00.0");
        waitUntil(() -> text(robot, P2pMatrixView.REPORTED_ID).contains("PHB, agrees"));
        robot.interact(() -> grid.getScene().getWindow().hide());
    }

    @Test
    void theMatrixFollowsAnotherTopology(FxRobot robot) {
        waitUntil(() -> !documents.samplesProperty().isEmpty());
        SampleCatalog.Sample big = documents.samplesProperty().stream()
                .filter(s -> s.fileName().startsWith("supermicro")).findFirst().orElseThrow();
        // The big machine was open before: opening it again reuses the same topology instance.
        robot.interact(() -> documents.openSample(big));
        robot.interact(() -> documents.openSample(documents.samplesProperty().get(0)));
        waitUntil(() -> app.session().rules().rulesFor(documents.getDocument().topology()).isPresent());
        MatrixGrid grid = openMatrix(robot);
        waitUntil(() -> grid.getMatrix().size() == 5);
        robot.interact(() -> documents.openSample(big));
        waitUntil(() -> grid.getMatrix() != null && grid.getMatrix().size() == 59);
        assertTrue(text(robot, P2pMatrixView.SUMMARY_ID).startsWith("59 DMA-capable endpoints"));
        assertTrue(Window.getWindows().size() >= 2);
        robot.interact(() -> grid.getScene().getWindow().hide());
    }

    @Test
    void aBigMatrixOpensTallEnoughToShowItsRows(FxRobot robot) {
        waitUntil(() -> !documents.samplesProperty().isEmpty());
        SampleCatalog.Sample big = documents.samplesProperty().stream()
                .filter(s -> s.fileName().startsWith("supermicro")).findFirst().orElseThrow();
        robot.interact(() -> documents.openSample(big));
        waitUntil(() -> app.session().rules().rulesFor(documents.getDocument().topology()).isPresent());
        MatrixGrid grid = openMatrix(robot);
        Stage matrix = (Stage) grid.getScene().getWindow();
        // opened while the rows were computed (the empty view's size); sized to the 59 rows once they arrived,
        // within the main window
        waitUntil(() -> matrix.getHeight() > 600);
        assertTrue(matrix.getHeight() <= stage.getHeight() && matrix.getWidth() <= stage.getWidth(),
                matrix.getWidth() + "x" + matrix.getHeight() + " in " + stage.getWidth() + "x" + stage.getHeight());
        assertTrue(grid.getHeight() > 300, "the grid has the room: " + grid.getHeight());
        robot.interact(matrix::hide);
    }
}
