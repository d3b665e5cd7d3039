package org.dmascope.views.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;

import org.dmascope.model.kernel.TopologyRules;
import org.dmascope.model.kernel.matrix.P2pMatrix;
import org.dmascope.model.topology.Topology;
import org.dmascope.views.common.Theme;
import org.dmascope.views.matrix.MatrixGrid.Cell;
import org.dmascope.views.testing.SyntheticMachine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The grid with a large matrix: a fixed, small scene graph, keys and the pointer reach every cell. */
@ExtendWith(ApplicationExtension.class)
class MatrixGridTest {
    private MatrixGrid grid;
    private P2pMatrix matrix;

    @Start
    void start(Stage stage) {
        Topology big = SyntheticMachine.generate(4, 3, 24);
        matrix = TopologyRules.of(big).matrix();
        grid = new MatrixGrid();
        grid.setMatrix(matrix);
        grid.setFocusedCell(new Cell(0, 0));
        Scene scene = new Scene(grid, 900, 640);
        Theme.DARK.applyTo(scene);
        stage.setScene(scene);
        stage.show();
    }

    private static int count(Node n) {
        int c = 1;
        if (n instanceof Parent p) for (Node k : p.getChildrenUnmodifiable()) c += count(k);
        return c;
    }

    @Test
    void aMatrixOfHundredsOfEndpointsIsAHandfulOfNodes(FxRobot robot) {
        assertTrue(matrix.size() >= 250, "the synthetic machine has " + matrix.size() + " endpoints");
        assertTrue(count(grid) < 40, "nodes: " + count(grid));
        assertTrue(robot.lookup("#matrix-vbar").query().isVisible());
    }

    @Test
    void keysMoveTheFocusToTheFarCornerAndBack(FxRobot robot) {
        robot.clickOn(grid);
        robot.interact(() -> grid.setFocusedCell(new Cell(0, 0)));
        robot.press(KeyCode.CONTROL).type(KeyCode.END).release(KeyCode.CONTROL);
        int last = matrix.size() - 1;
        assertEquals(new Cell(last, last), grid.getFocusedCell());
        robot.type(KeyCode.PAGE_UP, KeyCode.LEFT);
        assertTrue(grid.getFocusedCell().row() < last && grid.getFocusedCell().column() == last - 1);
        robot.type(KeyCode.HOME);
        assertEquals(0, grid.getFocusedCell().column());
    }

    @Test
    void thePointerFindsTheCellUnderIt(FxRobot robot) {
        Cell far = new Cell(matrix.size() - 3, matrix.size() / 2);
        Point2D[] p = new Point2D[1];
        robot.interact(() -> p[0] = grid.localToScreen(grid.cellCentre(far).orElseThrow()));
        robot.moveTo(p[0]);
        assertEquals(far, grid.hoveredCellProperty().get());
        robot.clickOn(p[0]);
        assertEquals(far, grid.getFocusedCell());
        robot.moveTo(grid.localToScreen(5, 5));
        assertEquals(null, grid.hoveredCellProperty().get(), "over the corner header there is no cell");
    }
}
