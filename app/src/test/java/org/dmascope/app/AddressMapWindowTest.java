package org.dmascope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.prefs.BackingStoreException;

import javafx.scene.Node;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;

import org.dmascope.model.addresses.MappedRange;
import org.dmascope.model.addresses.RangeKind;
import org.dmascope.model.topology.Bdf;
import org.dmascope.views.addresses.AddressMapView;
import org.dmascope.views.inspector.InspectorView;
import org.dmascope.views.topology.TopologyCanvas;
import org.dmascope.views.topology.TopologyItem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

/**
 * View ▸ Address Map on the crafted broken machine: a problem in the list zooms to its range, clicking a range
 * selects its device on the canvas and in the inspector, the arrow keys step through the ranges and + zooms.
 */
@ExtendWith(ApplicationExtension.class)
class AddressMapWindowTest {
    private static final Path BROKEN = Path.of("../model/src/test/resources/org/dmascope/model/addresses",
            "broken-addresses.json");
    private static final TopologyItem STRAY_NIC = TopologyItem.device(Bdf.parse("0000:02:00.0"));
    private final RunningApp running = new RunningApp();
    private DocumentModel documents;

    @Start
    void start(Stage stage) {
        documents = running.start(stage, 1280, 800);
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

    private static TopologyCanvas canvas(FxRobot robot) {
        return robot.lookup("#topology-canvas").queryAs(TopologyCanvas.class);
    }

    private static List<Node> boxes(FxRobot robot) {
        return robot.lookup(".address-range").queryAll().stream().toList();
    }

    private static Node box(FxRobot robot, String owner, RangeKind kind) {
        return boxes(robot).stream().filter(n -> n.getUserData() instanceof MappedRange r
                && r.owner().key().equals(owner) && r.kind() == kind).findFirst().orElseThrow();
    }

    private Node openBroken(FxRobot robot) {
        robot.interact(() -> documents.open(List.of(BROKEN)));
        waitUntil(() -> documents.getDocument() != null
                && documents.getDocument().topology().name().startsWith("Crafted machine"));
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.A).release(KeyCode.A, KeyCode.SHIFT, KeyCode.CONTROL);
        waitUntil(() -> robot.lookup("#" + AddressMapView.RULER_ID).tryQuery().isPresent());
        Node ruler = robot.lookup("#" + AddressMapView.RULER_ID).query();
        waitUntil(() -> boxes(robot).stream().anyMatch(n -> n.getUserData() instanceof MappedRange r
                && r.owner().key().equals("0000:02:00.0")));
        return ruler;
    }

    @Test
    void aProblemZoomsToItsRangeAndClickingTheRangeSelectsItsDevice(FxRobot robot) {
        Node ruler = openBroken(robot);
        ListView<?> problems = robot.lookup("#" + AddressMapView.PROBLEMS_ID).queryAs(ListView.class);
        assertEquals(6, problems.getItems().size());
        int stray = -1;
        for (int i = 0; i < problems.getItems().size(); i++) {
            if (((MappedRange) problems.getItems().get(i)).owner().key().equals("0000:02:00.0")) stray = i;
        }
        int row = stray;
        robot.interact(() -> problems.getSelectionModel().select(row));
        waitUntil(() -> STRAY_NIC.equals(canvas(robot).getSelectedItem()));
        String detail = robot.lookup("#" + AddressMapView.DETAIL_ID).queryLabeled().getText();
        assertTrue(detail.contains("R-ADDR-1 outside its bridge window") && detail.contains("can't claim"), detail);

        robot.interact(() -> canvas(robot).setSelectedItem(null));
        Node bar = box(robot, "0000:02:00.0", RangeKind.BAR);
        assertTrue(bar.getStyleClass().contains("has-problem"), bar.getStyleClass()::toString);
        robot.clickOn(bar);
        waitUntil(() -> STRAY_NIC.equals(canvas(robot).getSelectedItem()));
        waitUntil(() -> robot.lookup("#" + InspectorView.TITLE_ID).queryLabeled().getText().contains("Stray NIC"));
        assertTrue(box(robot, "0000:02:00.0", RangeKind.BAR).getStyleClass().contains("selected"));
        robot.interact(() -> ruler.getScene().getWindow().hide());
    }

    @Test
    void theArrowKeysStepThroughTheRangesAndPlusZooms(FxRobot robot) {
        Node ruler = openBroken(robot);
        // In the overview the BARs of one root port share a few pixels; the problem list zooms to one of them.
        ListView<?> problems = robot.lookup("#" + AddressMapView.PROBLEMS_ID).queryAs(ListView.class);
        for (int i = 0; i < problems.getItems().size(); i++) {
            int row = i;
            if (((MappedRange) problems.getItems().get(i)).owner().key().equals("0000:02:00.2")) {
                robot.interact(() -> problems.getSelectionModel().select(row));
            }
        }
        waitUntil(() -> robot.lookup(".scale-text").queryLabeled().getText().startsWith("Linear"));
        robot.clickOn(box(robot, "0000:02:00.2", RangeKind.BAR));
        waitUntil(() -> TopologyItem.device(Bdf.parse("0000:02:00.2")).equals(canvas(robot).getSelectedItem()));
        // 02:00.2 (64 KiB) and 02:00.3 (32 KiB) start at one address: the larger comes first, so → goes to 02:00.3.
        robot.type(KeyCode.RIGHT);
        waitUntil(() -> TopologyItem.device(Bdf.parse("0000:02:00.3")).equals(canvas(robot).getSelectedItem()));
        robot.type(KeyCode.DIGIT0);
        waitUntil(() -> robot.lookup(".scale-text").queryLabeled().getText().startsWith("Overview"));
        assertFalse(boxes(robot).isEmpty());
        String before = robot.lookup(".scale-text").queryLabeled().getText();
        robot.type(KeyCode.ADD);
        waitUntil(() -> robot.lookup(".scale-text").queryLabeled().getText().startsWith("Linear"));
        String zoomed = robot.lookup(".scale-text").queryLabeled().getText();
        assertNotEquals(before, zoomed);
        robot.type(KeyCode.ADD);
        waitUntil(() -> !robot.lookup(".scale-text").queryLabeled().getText().equals(zoomed));
        assertTrue(robot.lookup(".scale-text").queryLabeled().getText().startsWith("Linear"));
        robot.interact(() -> ruler.getScene().getWindow().hide());
    }
}
