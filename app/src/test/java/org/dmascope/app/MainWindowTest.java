package org.dmascope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.prefs.BackingStoreException;

import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;

import org.dmascope.model.io.SampleCatalog;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.views.common.Theme;
import org.dmascope.views.importreport.ImportReportView;
import org.dmascope.views.inspector.InspectorRows;
import org.dmascope.views.inspector.InspectorSheet;
import org.dmascope.views.topology.TopologyCanvas;
import org.dmascope.views.topology.TopologyItem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

@ExtendWith(ApplicationExtension.class)
class MainWindowTest {
    private static final String DEFAULT_TITLE = "Switch-local P2P server — dmascope";

    @TempDir
    Path dir;
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
        running.tearDown(true);
    }

    private static void waitUntil(BooleanSupplier condition) {
        RunningApp.waitUntil(condition, 10);
    }

    private static String id(String address) {
        return "#" + TopologyItem.nodeId(Bdf.parse(address));
    }

    private static String text(FxRobot robot, String query) {
        return robot.lookup(query).queryLabeled().getText();
    }

    private static boolean drawn(FxRobot robot, String address) {
        return robot.lookup(id(address)).tryQuery().isPresent();
    }

    private TopologyCanvas canvas(FxRobot robot) {
        return robot.lookup("#topology-canvas").queryAs(TopologyCanvas.class);
    }

    @Test
    void theWindowOpensOnTheDefaultTopology(FxRobot robot) {
        assertEquals(DEFAULT_TITLE, stage.getTitle());
        for (PciFunction f : SampleCatalog.loadDefault().functions()) {
            assertTrue(drawn(robot, f.address().toString()), f.address() + " is on the canvas");
        }
        assertEquals("13 functions · 1 host bridge · 1 switch · 6 endpoints · 1 NUMA node", text(robot,
                "#status-counts"));
        assertFalse(robot.lookup("#status-warnings").query().isVisible());
        assertTrue(stage.getMinWidth() >= 900 && stage.getMinHeight() >= 560);
    }

    @Test
    void clickingADeviceFillsTheInspector(FxRobot robot) {
        robot.clickOn(id("02:00.0"));
        assertEquals("SrcValid+ TransBlk- ReqRedir- CmpltRedir- UpstreamFwd+ EgressCtrl- DirectTrans-",
                text(robot, "#" + InspectorSheet.valueId(InspectorRows.ACS, "Control bits")));
        robot.clickOn(id("05:00.0"));
        assertEquals("Eideticom NoLoad Hardware Development Kit", text(robot, "#inspector-title"));
        assertEquals("0xc2000000, 16KiB, 64-bit memory, non-prefetchable",
                text(robot, "#" + InspectorSheet.valueId(InspectorRows.BARS, "BAR 0")));
        assertEquals("BAR 2 + 0x0, 256MiB, published (pci_p2pmem_publish)",
                text(robot, "#" + InspectorSheet.valueId(InspectorRows.P2P, "Provider 0")));
    }

    @Test
    void ctrlFThenAnAddressSelectsAndCentresTheDevice(FxRobot robot) {
        robot.clickOn(id("03:00.0"));
        robot.press(KeyCode.CONTROL).type(KeyCode.F).release(KeyCode.CONTROL);
        assertTrue(robot.lookup("#search-field").queryAs(TextField.class).isFocused());
        robot.write("4:00.0").type(KeyCode.ENTER);
        assertEquals("NVIDIA Tesla T4", text(robot, "#inspector-title"));
        assertEquals(TopologyItem.device(Bdf.parse("04:00.0")), canvas(robot).getSelectedItem());
        assertCentred(robot, "04:00.0");
        robot.press(KeyCode.CONTROL).type(KeyCode.F).release(KeyCode.CONTROL);
        robot.write("connectx").type(KeyCode.ENTER);
        assertEquals(TopologyItem.device(Bdf.parse("06:00.0")), canvas(robot).getSelectedItem());
        assertCentred(robot, "06:00.0");
    }

    private void assertCentred(FxRobot robot, String address) {
        Node device = robot.lookup(id(address)).query();
        Node viewport = robot.from(canvas(robot)).lookup(".viewport").query();
        Bounds d = device.localToScreen(device.getBoundsInLocal());
        Bounds v = viewport.localToScreen(viewport.getBoundsInLocal());
        assertEquals(v.getCenterX(), d.getCenterX(), 2.0);
        assertEquals(v.getCenterY(), d.getCenterY(), 2.0);
    }

    @Test
    void openingASampleReplacesTheCanvas(FxRobot robot) throws IOException {
        Path smaller = TestFiles.smaller(dir);
        robot.interact(() -> documents.open(List.of(smaller)));
        waitUntil(() -> "smaller.json — dmascope".equals(stage.getTitle()));
        assertFalse(drawn(robot, "07:00.0"));
        assertTrue(text(robot, "#status-counts").startsWith("12 functions"));
        waitUntil(() -> !documents.samplesProperty().isEmpty());
        String title = documents.samplesProperty().get(0).title();
        robot.clickOn("File").clickOn("Open Sample").clickOn(title);
        waitUntil(() -> (title + " — dmascope").equals(stage.getTitle()));
        assertTrue(drawn(robot, "07:00.0"));
        assertTrue(text(robot, "#status-counts").startsWith("13 functions"));
    }

    @Test
    void aFileThatIsNotJsonShowsItsErrorsAndKeepsTheTopology(FxRobot robot) throws IOException {
        Path bad = TestFiles.badJson(dir);
        robot.clickOn(id("03:00.0"));
        robot.interact(() -> documents.open(List.of(bad)));
        waitUntil(() -> robot.lookup("#" + ImportReportView.CONTEXT_ID).tryQuery().isPresent());
        String errors = robot.lookup("#" + ImportReportView.CONTEXT_ID).queryAs(TextArea.class).getText();
        assertTrue(errors.matches("(?s)broken\\.json:\\d+:\\d+: error: .*"), errors);
        assertTrue(errors.contains("▶"), "the lines around the error are shown: " + errors);
        assertTrue(text(robot, "#" + ImportReportView.SUMMARY_ID).contains("stays open"));
        assertEquals(DEFAULT_TITLE, stage.getTitle());
        assertTrue(drawn(robot, "07:00.0"));
        assertEquals(TopologyItem.device(Bdf.parse("03:00.0")), canvas(robot).getSelectedItem(),
                "even the selection survives");
        assertTrue(text(robot, "#status-message").startsWith("Could not open broken.json"));
        robot.clickOn("Close");
    }

    @Test
    void aFileThatFailsValidationShowsWhichDeviceAndKeepsTheTopology(FxRobot robot) throws IOException {
        Path dup = TestFiles.duplicateAddress(dir);
        robot.interact(() -> documents.open(List.of(dup)));
        waitUntil(() -> robot.lookup("#" + ImportReportView.CONTEXT_ID).tryQuery().isPresent());
        String errors = robot.lookup("#" + ImportReportView.CONTEXT_ID).queryAs(TextArea.class).getText();
        assertTrue(errors.startsWith("duplicate.json:") && errors.contains("0000:03:00.0"), errors);
        assertEquals(DEFAULT_TITLE, stage.getTitle());
        assertTrue(drawn(robot, "04:00.0") || drawn(robot, "03:00.0"));
        assertTrue(text(robot, "#status-counts").startsWith("13 functions"));
        robot.clickOn("Close");
    }

    @Test
    void warningsOfAFileThatLoadsAreOneClickAway(FxRobot robot) throws IOException {
        Path warned = TestFiles.withWarning(dir);
        robot.interact(() -> documents.open(List.of(warned)));
        waitUntil(() -> "warned.json — dmascope".equals(stage.getTitle()));
        assertEquals("1 warning", text(robot, "#status-warnings"));
        robot.clickOn("#status-warnings");
        waitUntil(() -> robot.lookup("#" + ImportReportView.CONTEXT_ID).tryQuery().isPresent());
        assertTrue(robot.lookup("#" + ImportReportView.CONTEXT_ID).queryAs(TextArea.class).getText()
                .contains("colour"));
        robot.clickOn("Close");
    }

    @Test
    void openRecentListsOpenedFilesAndDropsVanishedOnes(FxRobot robot) throws IOException {
        Path smaller = TestFiles.smaller(dir);
        robot.interact(() -> documents.open(List.of(smaller)));
        waitUntil(() -> !documents.recentFiles().files().isEmpty());
        robot.interact(documents::showDefaultSample);
        java.nio.file.Files.delete(smaller);
        robot.clickOn("File").clickOn("Open Recent").clickOn(n -> n instanceof Label l && l.getText()
                .startsWith("smaller.json"));
        waitUntil(() -> documents.recentFiles().files().isEmpty());
        assertEquals("smaller.json no longer exists; removed from Open Recent", text(robot, "#status-message"));
        assertEquals(DEFAULT_TITLE, stage.getTitle());
    }

    @Test
    void keyboardNavigationMovesTheSelectionAndTheInspectorFollows(FxRobot robot) {
        robot.clickOn(id("01:00.0"));
        robot.type(KeyCode.DOWN);
        assertEquals("0000:02:00.0 · switch downstream port · pcieport", text(robot, "#inspector-subtitle"));
        robot.type(KeyCode.RIGHT, KeyCode.RIGHT, KeyCode.DOWN);
        assertEquals(TopologyItem.device(Bdf.parse("05:00.0")), canvas(robot).getSelectedItem());
        assertEquals("Eideticom NoLoad Hardware Development Kit", text(robot, "#inspector-title"));
    }

    @Test
    void zoomAndFitFromTheViewMenuChangeTheScale(FxRobot robot) {
        double fitted = canvas(robot).getZoom();
        robot.clickOn("View").clickOn("Zoom In");
        assertEquals(fitted * TopologyCanvas.ZOOM_STEP, canvas(robot).getZoom(), 1e-9);
        assertEquals(Math.round(fitted * TopologyCanvas.ZOOM_STEP * 100) + " %", text(robot, "#status-zoom"));
        robot.clickOn("View").clickOn("Fit to Window");
        assertEquals(fitted, canvas(robot).getZoom(), 1e-9);
    }

    @Test
    void aboutNamesThePciIdsAndItsDate(FxRobot robot) {
        robot.clickOn("Help").clickOn("About dmascope");
        waitUntil(() -> robot.lookup("#" + MainWindow.ABOUT_TEXT).tryQuery().isPresent());
        String about = text(robot, "#" + MainWindow.ABOUT_TEXT);
        assertTrue(about.contains("Vendor and device names and IDs: " + documents.pciIds().description()), about);
        assertTrue(documents.pciIds().description().matches("pci\\.ids \\S+ \\(\\d{4}-\\d{2}-\\d{2}\\), .+"),
                documents.pciIds().description());
        assertTrue(about.contains("GPL-2.0-or-later or BSD-3-Clause"), about);
        robot.press(javafx.scene.input.KeyCode.ESCAPE).release(javafx.scene.input.KeyCode.ESCAPE);
    }

    @Test
    void theThemeSwitchesAndIsRemembered(FxRobot robot) {
        robot.clickOn("View").clickOn("Theme").clickOn("Dark");
        assertTrue(stage.getScene().getStylesheets().containsAll(Theme.DARK.stylesheets()));
        assertEquals(Theme.DARK, running.preferences().theme());
    }

    @Test
    void anOpenedFileCanBeSavedAsJson(FxRobot robot) throws IOException {
        Path target = dir.resolve("saved.json");
        robot.interact(() -> documents.saveAs(target));
        waitUntil(() -> "saved.json — dmascope".equals(stage.getTitle()));
        assertEquals(SampleCatalog.loadDefault(), org.dmascope.model.io.TopologyFiles.load(target).topology()
                .orElseThrow());
    }

    @Test
    void theLayoutHoldsAtTheMinimumAndAtFullHd(FxRobot robot) {
        for (double[] size : new double[][] {{1280, 800}, {1920, 1080}, {MainWindow.MIN_WIDTH,
                MainWindow.MIN_HEIGHT}}) {
            robot.interact(() -> {
                stage.setX(0);
                stage.setY(0);
                stage.setWidth(size[0]);
                stage.setHeight(size[1]);
            });
            robot.clickOn("View").clickOn("Fit to Window");
            Node viewport = robot.from(canvas(robot)).lookup(".viewport").query();
            Bounds v = viewport.localToScreen(viewport.getBoundsInLocal());
            assertTrue(v.getWidth() > 400 && v.getHeight() > 300, "canvas keeps room at " + size[0] + "×" + size[1]);
            Node numa = robot.lookup("#numa-node-0").query();
            Bounds b = numa.localToScreen(numa.getBoundsInLocal());
            assertTrue(v.contains(b), "fit shows the whole machine at " + size[0] + "×" + size[1]);
            Node inspector = robot.lookup("#inspector-title").query();
            Point2D p = inspector.localToScreen(0, 0);
            assertTrue(p.getX() >= v.getMaxX(), "the inspector sits beside the canvas");
        }
    }
}
