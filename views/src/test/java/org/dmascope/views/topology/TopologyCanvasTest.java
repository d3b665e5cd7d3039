package org.dmascope.views.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.css.PseudoClass;
import javafx.geometry.Point2D;
import javafx.geometry.VerticalDirection;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;

import org.dmascope.model.io.SampleCatalog;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.Topology;
import org.dmascope.views.common.Theme;
import org.dmascope.views.testing.FxAsserts;
import org.dmascope.views.testing.SyntheticMachine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class TopologyCanvasTest {
    private static final Topology SAMPLE = SampleCatalog.loadDefault();
    private TopologyCanvas canvas;

    @Start
    void start(Stage stage) {
        canvas = new TopologyCanvas();
        canvas.setId("canvas");
        canvas.setTopology(SAMPLE);
        Scene scene = new Scene(canvas, 1100, 700);
        Theme.LIGHT.applyTo(scene);
        stage.setScene(scene);
        stage.show();
        canvas.requestFocus();
    }

    private static Node node(FxRobot robot, String address) {
        return robot.lookup("#" + TopologyItem.nodeId(Bdf.parse(address))).query();
    }

    private static TopologyItem dev(String address) {
        return TopologyItem.device(Bdf.parse(address));
    }

    private Node viewport(FxRobot robot) {
        return robot.from(canvas).lookup(".viewport").query();
    }

    @Test
    void everyFunctionIsANodeFoundByItsSanitisedId(FxRobot robot) {
        for (PciFunction f : SAMPLE.functions()) {
            Node n = node(robot, f.address().toString());
            assertTrue(n.isVisible(), f.address() + " is drawn");
        }
        assertNotNull(robot.lookup("#host-bridge-pci0000-00").query());
        assertNotNull(robot.lookup("#numa-node-0").query());
        assertNotNull(robot.lookup("#switch-0000-01-00-0").query());
    }

    @Test
    void aRawAddressIsNotAUsableCssIdSoIdsAreSanitised(FxRobot robot) {
        robot.interact(() -> node(robot, "03:00.0").setId("device-0000:03:00.0"));
        // ':' starts a pseudo-class in a CSS selector, '.' a style class: the lookup cannot find the node.
        assertNull(canvas.lookup("#device-0000:03:00.0"));
        assertEquals("device-0000-03-00-0", TopologyItem.nodeId(Bdf.parse("0000:03:00.0")));
    }

    @Test
    void theDrawingIsFittedOnOpenAndFitsInTheViewport(FxRobot robot) {
        assertTrue(canvas.getZoom() <= 1.0);
        assertTrue(FxAsserts.shownWithin(robot.lookup("#numa-node-0").query(), viewport(robot)));
    }

    @Test
    void clickingADeviceSelectsItAndTheBackgroundClearsIt(FxRobot robot) {
        robot.clickOn(node(robot, "03:00.0"));
        assertEquals(dev("03:00.0"), canvas.getSelectedItem());
        assertTrue(node(robot, "03:00.0").getPseudoClassStates().contains(PseudoClass.getPseudoClass("selected")));
        robot.clickOn(node(robot, "02:01.0"));
        assertEquals(dev("02:01.0"), canvas.getSelectedItem(), "a downstream port marker is selectable too");
        assertTrue(!node(robot, "03:00.0").getPseudoClassStates().contains(PseudoClass.getPseudoClass("selected")));
        Point2D corner = viewport(robot).localToScreen(8, 8);
        robot.clickOn(corner);
        assertNull(canvas.getSelectedItem());
    }

    @Test
    void arrowKeysAndTabMoveTheSelectionAlongTheHierarchy(FxRobot robot) {
        robot.clickOn(node(robot, "02:00.0"));
        robot.type(KeyCode.DOWN);
        assertEquals(dev("03:00.0"), canvas.getSelectedItem());
        robot.type(KeyCode.RIGHT);
        assertEquals(dev("04:00.0"), canvas.getSelectedItem());
        robot.type(KeyCode.UP);
        assertEquals(dev("02:01.0"), canvas.getSelectedItem());
        robot.type(KeyCode.UP);
        assertEquals(dev("01:00.0"), canvas.getSelectedItem());
        robot.type(KeyCode.TAB);
        assertEquals(dev("02:00.0"), canvas.getSelectedItem());
        robot.press(KeyCode.SHIFT).type(KeyCode.TAB).release(KeyCode.SHIFT);
        assertEquals(dev("01:00.0"), canvas.getSelectedItem());
        robot.type(KeyCode.ESCAPE);
        assertNull(canvas.getSelectedItem());
        robot.type(KeyCode.ENTER);
        assertEquals(dev("01:00.0"), canvas.getSelectedItem(), "Enter selects where the keyboard left off");
        assertTrue(canvas.isFocused(), "Tab stays in the canvas");
    }

    @Test
    void keyboardNavigationScrollsTheSelectionIntoView(FxRobot robot) {
        robot.interact(() -> canvas.setZoom(3.0));
        robot.clickOn(viewport(robot));
        robot.type(KeyCode.HOME);
        for (int i = 0; i < 12; i++) robot.type(KeyCode.TAB);
        Node selected = robot.lookup("#" + canvas.getSelectedItem().nodeId()).query();
        assertTrue(FxAsserts.shownWithin(selected, viewport(robot)), "selected item " + canvas.getSelectedItem()
                + " is visible");
    }

    @Test
    void tooltipsAreMadeWhenThePointerFirstComes(FxRobot robot) {
        Node gpu = node(robot, "03:00.0");
        assertTrue(gpu.getProperties().containsKey(CanvasNodes.TIP));
        robot.moveTo(gpu);
        assertTrue(!gpu.getProperties().containsKey(CanvasNodes.TIP), "the remembered text became a Tooltip");
        assertTrue(gpu.getProperties().values().stream().anyMatch(v -> v instanceof javafx.scene.control.Tooltip t
                && t.getText().startsWith("NVIDIA Corporation TU104GL [Tesla T4]\n0000:03:00.0")));
    }

    @Test
    void spaceOnASelectedPfShowsOrHidesItsVfs(FxRobot robot) {
        robot.interact(() -> canvas.setTopology(SyntheticMachine.generate()));
        Bdf pf = canvas.getLayout().hiddenVfs().values().iterator().next();
        robot.interact(() -> canvas.reveal(TopologyItem.device(pf)));
        robot.interact(canvas::requestFocus);
        robot.type(KeyCode.SPACE);
        assertTrue(canvas.vfsExpanded(pf));
        robot.type(KeyCode.SPACE);
        assertTrue(!canvas.vfsExpanded(pf));
    }

    @Test
    void plusMinusAndFitChangeTheScale(FxRobot robot) {
        double fitted = canvas.getZoom();
        robot.clickOn(viewport(robot));
        robot.type(KeyCode.PLUS);
        assertEquals(fitted * TopologyCanvas.ZOOM_STEP, canvas.getZoom(), 1e-9);
        robot.type(KeyCode.MINUS).type(KeyCode.MINUS);
        assertEquals(fitted / TopologyCanvas.ZOOM_STEP, canvas.getZoom(), 1e-9);
        robot.type(KeyCode.F);
        assertEquals(fitted, canvas.getZoom(), 1e-9);
        robot.clickOn("#zoom-in-button");
        assertEquals(fitted * TopologyCanvas.ZOOM_STEP, canvas.getZoom(), 1e-9);
        robot.clickOn("#fit-button");
        assertEquals(fitted, canvas.getZoom(), 1e-9);
        robot.type(KeyCode.DIGIT0);
        assertEquals(1.0, canvas.getZoom(), 1e-9);
    }

    @Test
    void theWheelZoomsAroundThePointer(FxRobot robot) {
        Node gpu = node(robot, "04:00.0");
        Point2D before = FxAsserts.screenCentre(gpu);
        double zoom = canvas.getZoom();
        robot.moveTo(before);
        robot.scroll(3, VerticalDirection.UP);
        assertTrue(canvas.getZoom() != zoom, "the wheel changed the zoom");
        Point2D after = FxAsserts.screenCentre(gpu);
        assertEquals(before.getX(), after.getX(), 2.0);
        assertEquals(before.getY(), after.getY(), 2.0);
    }

    @Test
    void draggingPansTheDrawing(FxRobot robot) {
        robot.interact(() -> canvas.setZoom(2.0));
        Node gpu = node(robot, "03:00.0");
        Point2D before = FxAsserts.screenCentre(gpu);
        Point2D start = viewport(robot).localToScreen(20, 20);
        robot.drag(start).moveBy(60, 40).drop();
        Point2D after = FxAsserts.screenCentre(gpu);
        assertEquals(before.getX() + 60, after.getX(), 1.0);
        assertEquals(before.getY() + 40, after.getY(), 1.0);
        assertNull(canvas.getSelectedItem(), "a drag is not a click");
    }

    @Test
    void revealCentresTheItemAtAReadableZoom(FxRobot robot) {
        robot.interact(() -> canvas.reveal(dev("07:00.0")));
        assertTrue(canvas.getZoom() >= 1.0);
        Point2D item = FxAsserts.screenCentre(node(robot, "07:00.0"));
        Point2D centre = FxAsserts.screenCentre(viewport(robot));
        assertEquals(centre.getX(), item.getX(), 2.0);
        assertEquals(centre.getY(), item.getY(), 2.0);
        assertEquals(dev("07:00.0"), canvas.getSelectedItem());
    }

    @Test
    void aLargeMachineShowsItsVfsOnDemandAndRevealsAHiddenOne(FxRobot robot) {
        Topology big = SyntheticMachine.generate();
        robot.interact(() -> canvas.setTopology(big));
        LayoutResult layout = canvas.getLayout();
        Bdf vf = layout.hiddenVfs().keySet().iterator().next();
        Bdf pf = layout.hiddenVfs().get(vf);
        assertTrue(robot.lookup("#" + TopologyItem.nodeId(vf)).tryQuery().isEmpty(), "collapsed VFs are not drawn");
        robot.interact(() -> canvas.reveal(TopologyItem.device(vf)));
        Node shown = robot.lookup("#" + TopologyItem.nodeId(vf)).query();
        assertTrue(FxAsserts.shownWithin(shown, viewport(robot)));
        assertTrue(canvas.vfsExpanded(pf));
        robot.clickOn("#vf-group-" + TopologyItem.sanitise(pf.toString()) + " .title");
        assertTrue(!canvas.vfsExpanded(pf), "clicking the group header collapses it again");
        assertTrue(robot.lookup("#" + TopologyItem.nodeId(vf)).tryQuery().isEmpty());
    }
}
