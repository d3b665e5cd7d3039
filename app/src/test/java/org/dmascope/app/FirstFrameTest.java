package org.dmascope.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.prefs.BackingStoreException;

import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.SplitPane;
import javafx.stage.Stage;

import org.dmascope.model.io.SampleCatalog;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.views.topology.TopologyItem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

/** The window's first frame holds the machine; the panels under it and the right-hand column join right after. */
@ExtendWith(ApplicationExtension.class)
class FirstFrameTest {
    private final RunningApp running = new RunningApp();
    /** What the first pulse laid out, as the render thread then drew it. */
    private final List<String> firstFrame = new ArrayList<>();

    @Start
    void start(Stage stage) {
        // where a user once left the divider of the steps' split, inside the result tabs the first frame holds back
        running.preferences().setDividers("steps-split", new double[] {0.3});
        running.start(stage, 1280, 800);
        Scene scene = stage.getScene();
        Runnable[] once = new Runnable[1];
        once[0] = () -> {
            scene.removePostLayoutPulseListener(once[0]);
            Parent root = scene.getRoot();
            firstFrame.add("lower: " + ((Parent) root.lookup(".mapping-lower")).getChildrenUnmodifiable().size());
            firstFrame.add("side: " + ((Parent) root.lookup("#" + MainWindow.SIDE_ID)).getChildrenUnmodifiable()
                    .size());
            for (PciFunction f : SampleCatalog.loadDefault().functions()) {
                Node card = root.lookup("#" + TopologyItem.nodeId(f.address()));
                if (card == null || !card.isVisible()) firstFrame.add("not drawn: " + f.address());
            }
            firstFrame.add(root.lookup("#main-menu") != null ? "menus" : "no menus");
        };
        scene.addPostLayoutPulseListener(once[0]);
    }

    @Stop
    void stop() {
        running.stop();
    }

    @AfterEach
    void tearDown() throws BackingStoreException {
        running.tearDown(true);
    }

    @Test
    void theFirstFrameDrawsTheMachineAndThePanelsFollow(FxRobot robot) {
        RunningApp.awaitPanels(robot);
        assertEquals(List.of("lower: 0", "side: 0", "menus"), firstFrame,
                "the first frame: the machine, every function drawn, and the menus; the panels not yet");
        for (String panel : List.of("#verdict-banner", "#option-api", "#mapping-details", "#inspector-sheet")) {
            assertTrue(robot.lookup(panel).tryQuery().map(Node::isVisible).orElse(false), panel + " is shown");
        }
        SplitPane steps = robot.lookup("#steps-split").queryAs(SplitPane.class);
        assertArrayEquals(new double[] {0.3}, steps.getDividerPositions(), 1e-3,
                "a split inside the panels gets its remembered divider back when it joins the window");
    }
}
