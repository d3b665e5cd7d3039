package org.dmascope.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.prefs.BackingStoreException;

import javafx.geometry.Bounds;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.scene.layout.Region;
import javafx.stage.Stage;

import org.dmascope.views.mapping.MappingDetailsView;
import org.dmascope.views.scatterlist.ScatterListView;
import org.dmascope.views.topology.TopologyView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The details get room after a drop: at 1280×800, ten scatter-list rows and five steps are in sight
 * without touching a divider; and where the user leaves a divider is remembered.
 */
@ExtendWith(ApplicationExtension.class)
class DetailsLayoutTest {
    private final RunningApp running = new RunningApp();
    private DocumentModel documents;

    @Start
    void start(Stage stage) {
        documents = running.start(stage, 1280, 800);
        // TestFX hands every test the same stage: an earlier test may have left it at another size.
        stage.setWidth(1280);
        stage.setHeight(800);
    }

    @Stop
    void stop() {
        running.stop();
    }

    @BeforeEach
    void clearDragView() throws ReflectiveOperationException {
        MappingDriver.clearMonocleDragView();
    }

    @AfterEach
    void tearDown() throws BackingStoreException {
        running.tearDown(true);
    }

    @Test
    void afterADropTenScatterRowsAndFiveStepsAreInSightAt1280x800(FxRobot robot) {
        MappingDriver d = new MappingDriver(robot, documents);
        d.drag(MappingDriver.chipOfRam(0), MappingDriver.device("03:00.0"));
        WaitForAsyncUtils.waitForFxEvents();
        ListView<?> steps = robot.lookup("#step-list").queryAs(ListView.class);
        assertTrue(steps.getItems().size() >= 5);
        int stepRows = fullyShown(steps, ".list-cell");
        assertTrue(stepRows >= 5, "steps in sight: " + stepRows);

        robot.interact(() -> d.workspace().details().showTab(MappingDetailsView.SCATTER_LIST_TAB_ID));
        WaitForAsyncUtils.waitForFxEvents();
        TableView<?> table = robot.lookup("#" + ScatterListView.TABLE_ID).queryAs(TableView.class);
        assertTrue(table.getItems().size() >= 10, "the drop has more than ten rows");
        int scatterRows = fullyShown(table, ".table-row-cell");
        assertTrue(scatterRows >= 10, "scatter rows in sight: " + scatterRows);
        // The machine stays in sight, whole: its search bar above the canvas is not pushed out of the pane (a
        // canvas minimum taller than the pane once overflowed it and clipped the search bar).
        Node canvas = d.canvas();
        assertTrue(canvas.getLayoutBounds().getHeight() >= 95, "the topology stays in sight");
        Node search = robot.lookup("#" + TopologyView.SEARCH_FIELD_ID).query();
        Node pane = canvas.getParent();
        while (pane != null && !(pane.getParent() instanceof SplitPane)) pane = pane.getParent();
        assertTrue(pane.localToScene(pane.getLayoutBounds()).contains(search.localToScene(search.getLayoutBounds())),
                "the search field lies inside the topology's pane");
    }

    @Test
    void onALargeScreenTheTopologyGivesTheDetailsOnlyWhatTheyNeed(FxRobot robot) {
        Stage stage = (Stage) robot.lookup("#topology-canvas").query().getScene().getWindow();
        robot.interact(() -> {
            stage.setWidth(1920);
            stage.setHeight(1080);
        });
        WaitForAsyncUtils.waitForFxEvents();
        MappingDriver d = new MappingDriver(robot, documents);
        d.drag(MappingDriver.chipOfRam(0), MappingDriver.device("03:00.0"));
        WaitForAsyncUtils.waitForFxEvents();
        // The details' share (verdict, options, ten rows) is about 500 px: the rest of 1080 stays the machine's.
        // The steps' own split has a divider as tall as the details; it once counted as this split's and
        // squeezed the topology to its minimum.
        double canvas = d.canvas().getLayoutBounds().getHeight();
        assertTrue(canvas >= 300, "the topology keeps its room: " + canvas);
    }

    @Test
    void whereTheUserLeavesADividerIsRemembered(FxRobot robot) {
        SplitPane main = robot.lookup("#" + MainWindow.SPLIT_ID).queryAs(SplitPane.class);
        robot.interact(() -> main.setDividerPositions(0.61));
        SplitPane mapping = robot.lookup("#mapping-split").queryAs(SplitPane.class);
        robot.interact(() -> mapping.setDividerPositions(0.62));
        WaitForAsyncUtils.waitForFxEvents();
        AppPreferences stored = running.preferences();
        assertArrayEquals(new double[] {0.61}, stored.dividers(MainWindow.SPLIT_ID).orElseThrow(), 1e-3);
        assertArrayEquals(new double[] {0.62}, stored.dividers("mapping-split").orElseThrow(), 1e-3);
        // A window opened later gets them back.
        SplitPane[] fresh = new SplitPane[1];
        robot.interact(() -> {
            fresh[0] = new SplitPane(new Region(), new Region());
            fresh[0].setId("mapping-split");
            new SplitMemory(stored).follow(new Group(fresh[0]));
        });
        assertArrayEquals(new double[] {0.62}, fresh[0].getDividerPositions(), 1e-3);
    }

    /** Cells of a list or table whose whole height is inside its visible area. */
    private static int fullyShown(Region view, String cellClass) {
        Node flow = view.lookup(".virtual-flow");
        Node clip = flow.lookup(".clipped-container");
        Bounds area = clip.localToScene(clip.getLayoutBounds());
        int n = 0;
        for (Node c : view.lookupAll(cellClass)) {
            if (!(c instanceof IndexedCell<?> cell) || cell.isEmpty() || !cell.isVisible()) continue;
            Bounds b = cell.localToScene(cell.getLayoutBounds());
            if (b.getHeight() > 0 && b.getMinY() >= area.getMinY() - 0.5 && b.getMaxY() <= area.getMaxY() + 0.5) n++;
        }
        return n;
    }

    @Test
    void aFirstRunHintShowsOnceAndGoesAwayAtTheFirstDrop(FxRobot robot) {
        Node hint = robot.lookup("#" + org.dmascope.views.mapping.MappingWorkspace.FIRST_RUN_HINT_ID).query();
        assertTrue(hint.isVisible(), "a first run shows the hint");
        MappingDriver d = new MappingDriver(robot, documents);
        d.drag(MappingDriver.chipOfRam(0), MappingDriver.device("03:00.0"));
        assertTrue(!hint.isVisible(), "the first drop takes it away");
        assertTrue(running.preferences().firstRunHintSeen(), "and it is not shown again");
    }
}
