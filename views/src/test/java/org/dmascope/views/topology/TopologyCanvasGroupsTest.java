package org.dmascope.views.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;

import org.dmascope.model.io.SampleCatalog;
import org.dmascope.model.kernel.TopologyRules;
import org.dmascope.model.kernel.groups.IommuGroup;
import org.dmascope.model.kernel.platform.PlatformOverrides;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.Topology;
import org.dmascope.views.common.Theme;
import org.dmascope.views.rules.RulesModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Colouring the canvas by IOMMU group: style classes, number tags and the legend follow the rules. */
@ExtendWith(ApplicationExtension.class)
class TopologyCanvasGroupsTest {
    private final Topology t = SampleCatalog.loadDefault();
    private TopologyCanvas canvas;
    private RulesModel rules;
    private GroupColourSync sync;

    @Start
    void start(Stage stage) {
        canvas = new TopologyCanvas();
        canvas.setTopology(t);
        rules = new RulesModel();
        sync = new GroupColourSync(canvas, rules);
        Scene scene = new Scene(canvas, 1100, 760);
        Theme.LIGHT.applyTo(scene);
        stage.setScene(scene);
        stage.show();
    }

    private Node node(FxRobot robot, String address) {
        return robot.lookup("#" + TopologyItem.nodeId(Bdf.parse(address))).query();
    }

    @Test
    void theToggleColoursEveryDrawnFunctionByItsDerivedGroup(FxRobot robot) {
        TopologyRules r = TopologyRules.of(t);
        robot.interact(() -> rules.publish(r, PlatformOverrides.NONE));
        assertFalse(node(robot, "03:00.0").getStyleClass().contains(GroupDecorator.COLOURED), "off until switched on");
        robot.interact(() -> sync.setEnabled(true));
        for (IommuGroup g : r.groups().groups()) {
            for (Bdf b : g.addresses()) {
                Node n = robot.lookup("#" + TopologyItem.nodeId(b)).query();
                assertTrue(n.getStyleClass().contains(GroupDecorator.COLOUR_PREFIX
                        + g.id() % GroupColouring.PALETTE_SIZE),
                        b + " " + n.getStyleClass());
                Label tag = robot.lookup("#" + GroupDecorator.tagId(TopologyItem.device(b))).queryAs(Label.class);
                assertEquals("G" + g.id(), tag.getText());
            }
        }
        Label legend = robot.lookup("#" + GroupDecorator.LEGEND_ID).queryAs(Label.class);
        assertTrue(legend.isVisible() && legend.getText().contains(r.groups().groups().size() + " groups"));
        robot.interact(() -> sync.setEnabled(false));
        assertFalse(node(robot, "03:00.0").getStyleClass().contains(GroupDecorator.COLOURED));
        assertTrue(robot.lookup("." + GroupDecorator.TAG).queryAll().isEmpty());
        assertFalse(legend.isVisible());
    }

    @Test
    void rulesForAnotherTopologyDoNotColourThisOne(FxRobot robot) {
        Topology other = SampleCatalog.load().samples().get(1).topology();
        robot.interact(() -> {
            sync.setEnabled(true);
            rules.publish(TopologyRules.of(other), PlatformOverrides.NONE);
        });
        assertEquals(null, canvas.getGroupColouring());
        robot.interact(() -> rules.publish(TopologyRules.of(t), PlatformOverrides.NONE));
        assertTrue(node(robot, "03:00.0").getStyleClass().contains(GroupDecorator.COLOURED));
    }

    @Test
    void theColouringSurvivesARelayout(FxRobot robot) {
        robot.interact(() -> {
            rules.publish(TopologyRules.of(t), PlatformOverrides.NONE);
            sync.setEnabled(true);
            canvas.setTopology(SampleCatalog.loadDefault().withName("copy"));
        });
        // An equal machine under another name: the rules no longer apply, so no colours.
        assertEquals(null, canvas.getGroupColouring());
        robot.interact(() -> canvas.setTopology(t));
        assertTrue(node(robot, "04:00.0").getStyleClass().contains(GroupDecorator.COLOURED));
    }

    @Test
    void routeStopNumbersLeaveTheGroupTagsReadable(FxRobot robot) {
        robot.interact(() -> rules.publish(TopologyRules.of(t), PlatformOverrides.NONE));
        robot.interact(() -> sync.setEnabled(true));
        java.util.List<CanvasRoute.Stop> stops = new java.util.ArrayList<>();
        for (String a : new String[] {"03:00.0", "02:00.0", "01:00.0", "02:02.0", "05:00.0"}) {
            stops.add(new CanvasRoute.Stop(TopologyItem.device(Bdf.parse(a)), CanvasRoute.Mark.PASS, a, "passes"));
        }
        robot.interact(() -> canvas.setRoute(new CanvasRoute(stops, CanvasRoute.Tone.PEER)));
        try {
            org.testfx.util.WaitForAsyncUtils.waitFor(10, java.util.concurrent.TimeUnit.SECONDS,
                    () -> canvas.routeStopsShownProperty().get() == stops.size());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the route was not drawn", e);
        }
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        int checked = 0;
        for (int i = 1; i <= stops.size(); i++) {
            Node badge = robot.lookup("#route-stop-" + i).query();
            Node tag = robot.lookup("#" + GroupDecorator.tagId(stops.get(i - 1).item())).query();
            javafx.geometry.Bounds b = badge.localToScene(badge.getBoundsInLocal());
            javafx.geometry.Bounds g = tag.localToScene(tag.getBoundsInLocal());
            assertFalse(b.intersects(g), "stop " + i + " covers the group tag of " + stops.get(i - 1).item());
            checked++;
        }
        assertEquals(5, checked);
    }
}
