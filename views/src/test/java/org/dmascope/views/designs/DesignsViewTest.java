package org.dmascope.views.designs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;

import org.dmascope.model.designs.Design;
import org.dmascope.model.mapping.Mapping;
import org.dmascope.views.common.Theme;
import org.dmascope.views.testing.Mappings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class DesignsViewTest {
    /** 1 MiB of scattered host pages for the NIC: the seed-7 layout of the scatter list tests. */
    private static final Mapping SCATTERED = Mappings.map(Mappings.SWITCH_SERVER, "0000:06:00.0",
            "host:node0:1MiB:scattered:seed=7");

    private final SimpleObjectProperty<Mapping> mapping = new SimpleObjectProperty<>();
    private DesignsView view;

    @Start
    void start(Stage stage) {
        view = new DesignsView(new DesignsViewModel(mapping));
        Scene scene = new Scene(view, 1280, 800);
        Theme.LIGHT.applyTo(scene);
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void nothingIsComputedWhileTheTabIsHidden(FxRobot robot) {
        robot.interact(() -> mapping.set(SCATTERED));
        assertNull(view.model().reportProperty().get());
        robot.interact(() -> view.model().activeProperty().set(true));
        assertNotNull(view.model().reportProperty().get());
        assertEquals(SCATTERED, view.model().reportProperty().get().input().parts().get(0));
    }

    @Test
    void theFiguresShownAreTheModels(FxRobot robot) {
        robot.interact(() -> {
            mapping.set(SCATTERED);
            view.model().activeProperty().set(true);
        });
        for (Design d : view.model().reportProperty().get().designs()) {
            for (var f : d.figures()) {
                Label l = robot.lookup("#figure-" + d.key() + "-" + f.key()).query();
                assertEquals(DesignsViewModel.text(f), l.getText(), d.key() + " " + f.key());
            }
        }
        // six questions, each with a toggle per design
        assertEquals(19, robot.lookup(".toggle-button").queryAll().size());
    }

    @Test
    void aDesignIsChosenFromTheKeyboardAndItsEntriesListed(FxRobot robot) {
        robot.interact(() -> {
            mapping.set(SCATTERED);
            view.model().activeProperty().set(true);
        });
        ToggleButton physVec = robot.lookup("#design-phys_vec").query();
        robot.interact(physVec::requestFocus);
        robot.type(KeyCode.SPACE);
        WaitForAsyncUtils.waitForFxEvents();
        Design d = view.model().selectedProperty().get();
        assertEquals("phys_vec", d.key());
        TableView<Integer> t = view.entriesTable();
        assertEquals(d.entries().rows(), t.getItems().size());
        assertEquals(d.entries().columns().size(), t.getColumns().size());
        assertTrue(t.getItems().size() > 100, "a scattered MiB is many ranges");
        assertEquals(d.entries().cell(0, 2), t.getColumns().get(2).getCellData(0));
    }

    @Test
    void aMessageIdBreaksAtItsPunctuationAndReadsTheSame() {
        String source = "proposal, Phyr Starter thread, 2022 (Logan Gunthorpe, <ef01ce7d-f1d3@deltatee.com>)";
        String shown = DesignsView.breakableMessageIds(source);
        assertEquals(source, shown.replace("\u200B", ""), "only invisible break points are added");
        assertEquals("<ef01ce7d-\u200Bf1d3@\u200Bdeltatee.\u200Bcom>",
                shown.substring(shown.indexOf('<'), shown.indexOf('>') + 1));
        assertEquals("proposal, Phyr Starter thread, 2022 (Logan Gunthorpe, ", shown.substring(0, shown.indexOf('<')),
                "outside the angle brackets nothing changes");
    }
}
