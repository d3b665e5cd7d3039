package org.dmascope.views;

import static org.junit.jupiter.api.Assertions.assertEquals;

import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;

import org.dmascope.model.mapping.Mapping;
import org.dmascope.model.mapping.Step;
import org.dmascope.model.util.Hex;
import org.dmascope.views.common.Theme;
import org.dmascope.views.pagewalk.PageWalkView;
import org.dmascope.views.scatterlist.ScatterListView;
import org.dmascope.views.testing.Mappings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The scatter list and the page walk share the selected segment, as the mapping-details tabs will. */
@ExtendWith(ApplicationExtension.class)
class MappingWidgetsSyncTest {
    private static final Mapping DIRECT = Mappings.map(Mappings.LEGACY_PC, "0000:03:00.0",
            "host:node0:64KiB:scattered:seed=7");

    private final SimpleObjectProperty<Mapping> mapping = new SimpleObjectProperty<>();
    private final SimpleObjectProperty<Step> step = new SimpleObjectProperty<>();
    private final SimpleIntegerProperty segment = new SimpleIntegerProperty(-1);
    private PageWalkView walk;

    @Start
    void start(Stage stage) {
        ScatterListView list = new ScatterListView(mapping, step, segment);
        walk = new PageWalkView(mapping, step, segment);
        SplitPane split = new SplitPane(list, walk);
        split.setOrientation(javafx.geometry.Orientation.VERTICAL);
        Scene scene = new Scene(split, 1280, 800);
        Theme.LIGHT.applyTo(scene);
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void selectingInOneShowsInTheOther(FxRobot robot) {
        robot.interact(() -> mapping.set(DIRECT));
        TableView<Integer> table = robot.lookup("#" + ScatterListView.TABLE_ID).queryTableView();
        robot.interact(() -> table.getSelectionModel().clearAndSelect(5));
        assertEquals("segment 5 of 13", robot.lookup("#" + PageWalkView.SEGMENT_LABEL_ID).queryAs(Label.class)
                .getText());
        assertEquals(Hex.addr(DIRECT.segments().address(5)),
                robot.lookup("#" + PageWalkView.DMA_VALUE_ID).queryAs(Label.class).getText());

        robot.interact(walk::requestFocus);
        robot.type(KeyCode.RIGHT, 2);
        assertEquals(7, segment.get());
        assertEquals(7, table.getSelectionModel().getSelectedIndex());
        robot.type(KeyCode.END);
        assertEquals(12, table.getSelectionModel().getSelectedIndex());
    }
}
