package org.dmascope.views.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.css.PseudoClass;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;

import org.dmascope.model.io.SampleCatalog;
import org.dmascope.model.topology.Bdf;
import org.dmascope.views.common.Theme;
import org.dmascope.views.testing.FxAsserts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class TopologyViewTest {
    private TopologyViewModel model;
    private TopologyView view;

    @Start
    void start(Stage stage) {
        model = new TopologyViewModel();
        model.show(SampleCatalog.loadDefault(), "switch-p2p-server.json");
        view = new TopologyView(model);
        Scene scene = new Scene(view, 1000, 700);
        Theme.LIGHT.applyTo(scene);
        stage.setScene(scene);
        stage.show();
    }

    private static TopologyItem dev(String a) {
        return TopologyItem.device(Bdf.parse(a));
    }

    private void assertCentred(FxRobot robot, String address) {
        Node device = robot.lookup("#" + TopologyItem.nodeId(Bdf.parse(address))).query();
        Node viewport = robot.from(view.canvas()).lookup(".viewport").query();
        Point2D d = FxAsserts.screenCentre(device);
        Point2D v = FxAsserts.screenCentre(viewport);
        assertEquals(v.getX(), d.getX(), 2.0, "horizontally centred");
        assertEquals(v.getY(), d.getY(), 2.0, "vertically centred");
        assertTrue(view.canvas().getZoom() >= 1.0);
    }

    @Test
    void searchingByPartialAddressSelectsAndCentresTheDevice(FxRobot robot) {
        robot.clickOn("#search-field").write("7:00");
        assertEquals("1 match", robot.lookup("#search-status").queryAs(Label.class).getText());
        robot.type(KeyCode.ENTER);
        assertEquals(dev("07:00.0"), model.getSelection());
        assertEquals(dev("07:00.0"), view.canvas().getSelectedItem());
        assertCentred(robot, "07:00.0");
    }

    @Test
    void searchingByNameMarksEveryMatchAndEnterWalksThroughThem(FxRobot robot) {
        robot.clickOn("#search-field").write("tesla");
        assertEquals("2 matches", robot.lookup("#search-status").queryAs(Label.class).getText());
        Node second = robot.lookup("#" + TopologyItem.nodeId(Bdf.parse("04:00.0"))).query();
        assertTrue(second.getPseudoClassStates().contains(PseudoClass.getPseudoClass("match")));
        robot.type(KeyCode.ENTER);
        assertEquals(dev("03:00.0"), model.getSelection());
        robot.type(KeyCode.ENTER);
        assertEquals(dev("04:00.0"), model.getSelection());
        assertCentred(robot, "04:00.0");
    }

    @Test
    void typingAnFInTheSearchFieldDoesNotFitTheCanvas(FxRobot robot) {
        robot.interact(() -> view.canvas().setZoom(2.0));
        robot.clickOn("#search-field").write("nvidia f");
        assertEquals(2.0, view.canvas().getZoom(), 1e-9);
        assertEquals("no match", robot.lookup("#search-status").queryAs(Label.class).getText());
    }

    @Test
    void escapeClearsTheSearchAndReturnsToTheCanvas(FxRobot robot) {
        robot.clickOn("#search-field").write("nvme");
        robot.type(KeyCode.ESCAPE);
        assertEquals("", model.queryProperty().get());
        assertTrue(view.canvas().getHighlighted().isEmpty());
        assertTrue(view.canvas().isFocused());
    }

    @Test
    void clickingOnTheCanvasSelectsInTheViewModel(FxRobot robot) {
        robot.clickOn("#" + TopologyItem.nodeId(Bdf.parse("06:00.0")));
        assertEquals(dev("06:00.0"), model.getSelection());
        robot.interact(() -> model.select(dev("05:00.0")));
        assertEquals(dev("05:00.0"), view.canvas().getSelectedItem());
    }
}
