package org.dmascope.views;

import java.nio.file.Path;

import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.control.SplitPane;
import javafx.stage.Stage;

import org.dmascope.model.topology.Bdf;
import org.dmascope.views.common.AppIcon;
import org.dmascope.views.common.Theme;
import org.dmascope.views.inspector.InspectorView;
import org.dmascope.views.inspector.InspectorViewModel;
import org.dmascope.views.testing.Png;
import org.dmascope.views.testing.SyntheticMachine;
import org.dmascope.views.topology.TopologyItem;
import org.dmascope.views.topology.TopologyView;
import org.dmascope.views.topology.TopologyViewModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Not a test: renders the views on the 300-function machine, and an icon sheet, to PNG files for a
 * person to look at. Runs only with {@code -Ddmascope.screenshots=DIR}.
 */
@EnabledIfSystemProperty(named = "dmascope.screenshots", matches = ".+")
@ExtendWith(ApplicationExtension.class)
class ViewScreenshots {
    private final Path dir = Path.of(System.getProperty("dmascope.screenshots", "target/screenshots"));
    private TopologyViewModel model;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        model = new TopologyViewModel();
        model.show(SyntheticMachine.generate(), "synthetic.json");
        SplitPane split = new SplitPane(new TopologyView(model), new InspectorView(new InspectorViewModel(model)));
        split.setDividerPositions(0.72);
        Scene scene = new Scene(split, 1600, 1000);
        Theme.LIGHT.applyTo(scene);
        stage.setScene(scene);
        stage.setX(0);
        stage.setY(0);
        stage.show();
    }

    private void shot(FxRobot robot, String name) {
        robot.interact(() -> { });
        Png.write(robot.capture(new Rectangle2D(stage.getX(), stage.getY(), stage.getWidth(),
                stage.getHeight())).getImage(),
                dir.resolve(name + ".png"));
    }

    @Test
    void largeMachine(FxRobot robot) {
        shot(robot, "views-synthetic-fit");
        robot.interact(() -> model.reveal(TopologyItem.device(Bdf.parse("0000:42:00.0"))));
        shot(robot, "views-synthetic-detail");
        robot.interact(() -> stage.getScene().getStylesheets().setAll(Theme.DARK.stylesheets()));
        shot(robot, "views-synthetic-detail-dark");
        robot.interact(() -> model.reveal(TopologyItem.device(Bdf.parse("0001:20:00.0"))));
        shot(robot, "views-synthetic-orphan-dark");
    }

    @Test
    void iconSheet(FxRobot robot) {
        robot.interact(() -> {
            javafx.scene.layout.FlowPane pane = new javafx.scene.layout.FlowPane(16, 16);
            pane.setStyle("-fx-padding: 20; -fx-background-color: white;");
            for (AppIcon icon : AppIcon.values()) {
                javafx.scene.control.Label l = new javafx.scene.control.Label(icon.fileName(), icon.graphic(48));
                l.setContentDisplay(javafx.scene.control.ContentDisplay.TOP);
                pane.getChildren().add(l);
            }
            Scene scene = new Scene(pane, 900, 600);
            Theme.LIGHT.applyTo(scene);
            stage.setScene(scene);
        });
        shot(robot, "views-icons");
    }
}
