package org.dmascope.views.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.canvas.Canvas;
import javafx.stage.Stage;

import org.dmascope.model.kernel.TopologyRules;
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
import org.testfx.util.WaitForAsyncUtils;

/** A machine too big for one screenful of cards: the far view when zoomed out, only nearby nodes when in. */
@ExtendWith(ApplicationExtension.class)
class TopologyCanvasFarViewTest {
    private static final Topology BIG = SyntheticMachine.generate(4, 4, 16);
    private TopologyCanvas canvas;

    @Start
    void start(Stage stage) {
        canvas = new TopologyCanvas();
        canvas.setTopology(BIG);
        canvas.setGroupColouring(GroupColouring.of(TopologyRules.of(BIG)));
        Scene scene = new Scene(canvas, 1000, 700);
        Theme.LIGHT.applyTo(scene);
        stage.setScene(scene);
        stage.show();
        canvas.requestFocus();
    }

    private TopologyCanvasSkin skin() {
        return (TopologyCanvasSkin) canvas.getSkin();
    }

    private Canvas farCanvas(FxRobot robot) {
        return robot.from(canvas).lookup(".far-view").queryAs(Canvas.class);
    }

    private long drawnCards(FxRobot robot) {
        return robot.from(canvas).lookup(".device-card").queryAll().stream().filter(Node::isVisible)
                .filter(n -> n.getParent() != null && n.getParent().isVisible()).count();
    }

    @Test
    void fittedTheFarViewDrawsAndAt100PercentOnlyTheCardsNearTheViewAreNodes(FxRobot robot) {
        assertTrue(BIG.functions().size() > 500, "a big machine: " + BIG.functions().size());
        robot.interact(canvas::fit);
        assertTrue(canvas.getZoom() < 1);
        assertTrue(skin().farViewShown(), "fitted, hundreds of boxes are on screen");
        assertTrue(farCanvas(robot).isVisible());
        assertEquals(0, drawnCards(robot), "no card nodes drawn under the far view");

        robot.interact(() -> canvas.setZoom(1.0));
        assertFalse(skin().farViewShown());
        assertFalse(farCanvas(robot).isVisible());
        long cards = drawnCards(robot);
        long deviceBoxes = canvas.getLayout().boxes().stream().filter(b -> b.kind() == LayoutBox.BoxKind.DEVICE)
                .count();
        assertTrue(cards > 0 && cards < deviceBoxes / 2, cards + " of " + deviceBoxes + " cards are nodes");
    }

    @Test
    void revealingAnOffScreenDeviceMakesItsNodeAndShowsIt(FxRobot robot) {
        robot.interact(() -> canvas.setZoom(1.0));
        PciFunction last = BIG.functions().get(BIG.functions().size() - 1);
        TopologyItem item = TopologyItem.device(last.address());
        robot.interact(() -> canvas.reveal(item));
        Node n = skin().nodeOf(item).orElseThrow();
        Node viewport = robot.from(canvas).lookup(".viewport").query();
        assertTrue(FxAsserts.shownWithin(n, viewport), "revealed at " + n.localToScreen(n.getBoundsInLocal()));
        assertEquals(item, canvas.getSelectedItem());
        assertTrue(canvas.getAccessibleText().contains(last.address().toString()), canvas.getAccessibleText());
    }

    @Test
    void inTheFarViewAClickSelectsTheCardUnderThePointer(FxRobot robot) {
        robot.interact(canvas::fit);
        assertTrue(skin().farViewShown());
        LayoutResult layout = canvas.getLayout();
        LayoutBox card = layout.boxes().stream().filter(b -> b.kind() == LayoutBox.BoxKind.DEVICE)
                .skip(40).findFirst().orElseThrow();
        Node viewport = robot.from(canvas).lookup(".viewport").query();
        Point2D onScreen = robot.from(canvas).lookup(".drawing").query()
                .localToScreen(card.bounds().centerX(), card.bounds().centerY());
        robot.moveTo(onScreen);
        assertEquals(card.item(), TopologyCanvas.itemAt(farCanvas(robot)), "what a drop under the pointer lands on");
        robot.clickOn(onScreen);
        assertEquals(card.item().orElseThrow(), canvas.getSelectedItem());
        assertTrue(skin().farViewShown(), "selecting does not zoom");
        assertTrue(viewport.isVisible());
    }

    @Test
    void theHitTestFindsCardsAboveTheirFramesAndNothingOnEmptyDrawing() {
        LayoutResult layout = canvas.getLayout();
        for (LayoutBox b : layout.boxes()) {
            if (b.kind().isFrame() || b.item().isEmpty()) continue;
            Optional<LayoutBox> hit = TopologyCanvasSkin.hitAt(layout, b.bounds().centerX(), b.bounds().centerY());
            assertEquals(Optional.of(b), hit, "the centre of " + b.item().get());
        }
        assertEquals(Optional.empty(), TopologyCanvasSkin.hitAt(layout, -50, -50));
    }

    @Test
    void theStepsOfAZoomGesturePaintQuicklyAndTheWholeDrawingComesBackOnceItHoldsStill(FxRobot robot)
            throws Exception {
        robot.interact(canvas::fit);
        double fit = canvas.getZoom();
        // fitting changed the zoom too: let it hold still first
        Thread.sleep((long) FarView.SETTLE.toMillis() * 3);
        WaitForAsyncUtils.waitForFxEvents();
        boolean[] quick = new boolean[2];
        // two steps laid out at once, well within the gesture's time whatever the machine's speed
        robot.interact(() -> {
            canvas.setZoom(fit * 1.05);
            canvas.layout();
            quick[0] = skin().farViewQuick();
            canvas.setZoom(fit * 1.10);
            canvas.layout();
            quick[1] = skin().farViewQuick();
        });
        assertTrue(skin().farViewShown());
        assertFalse(quick[0], "one zoom step is painted whole");
        assertTrue(quick[1], "a second step soon after is a gesture: painted quickly");
        Thread.sleep((long) FarView.SETTLE.toMillis() * 3);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(skin().farViewQuick(), "painted whole once the zoom held still");
        assertTrue(skin().farViewShown());
    }
}
