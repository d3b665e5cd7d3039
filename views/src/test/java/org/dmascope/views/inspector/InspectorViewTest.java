package org.dmascope.views.inspector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.text.Text;
import javafx.stage.Stage;

import org.dmascope.model.edit.EditResult;
import org.dmascope.model.edit.MoveDevice;
import org.dmascope.model.edit.RemoveDevice;
import org.dmascope.model.io.SampleCatalog;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.Topology;
import org.dmascope.views.common.Theme;
import org.dmascope.views.topology.TopologyItem;
import org.dmascope.views.topology.TopologyViewModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class InspectorViewTest {
    private TopologyViewModel topology;

    @Start
    void start(Stage stage) {
        topology = new TopologyViewModel();
        topology.show(SampleCatalog.loadDefault(), "switch-p2p-server.json");
        InspectorView view = new InspectorView(new InspectorViewModel(topology));
        Scene scene = new Scene(view, 460, 800);
        Theme.DARK.applyTo(scene);
        stage.setScene(scene);
        stage.show();
    }

    private static String text(FxRobot robot, String category, String name) {
        return robot.lookup("#" + InspectorSheet.valueId(category, name)).queryAs(Label.class).getText();
    }

    @Test
    void withNothingSelectedItShowsTheMachine(FxRobot robot) {
        assertEquals("Switch-local P2P server", robot.lookup("#inspector-title").queryAs(Label.class).getText());
        assertEquals("vtd", text(robot, InspectorRows.IOMMU, "Driver"));
        assertEquals("Values from switch-p2p-server.json", robot.lookup("#inspector-source").queryAs(Label.class)
                .getText());
    }

    @Test
    void selectingADeviceShowsEveryCategoryOfItAtOnce(FxRobot robot) {
        robot.interact(() -> topology.select(TopologyItem.device(Bdf.parse("02:00.0"))));
        assertEquals("Broadcom PEX880xx PCIe Gen 4 Switch", robot.lookup("#inspector-title").queryAs(Label.class)
                .getText());
        assertEquals("SrcValid+ TransBlk- ReqRedir- CmpltRedir- UpstreamFwd+ EgressCtrl- DirectTrans-",
                text(robot, InspectorRows.ACS, "Control bits"));
        assertEquals("03", text(robot, InspectorRows.BRIDGE, "Secondary bus"));
        for (String category : new String[] {InspectorRows.IDENTITY, InspectorRows.PCIE, InspectorRows.LINK,
                InspectorRows.BRIDGE,
                InspectorRows.BARS, InspectorRows.ACS, InspectorRows.DMA, InspectorRows.P2P, InspectorRows.PLACEMENT}) {
            assertTrue(robot.lookup(".category").queryAllAs(Label.class).stream().anyMatch(l -> l.getText()
                    .equals(category)),
                    category + " is shown");
        }
    }

    @Test
    void unknownValuesAreMarkedAndSayWhatTheKernelDoes(FxRobot robot) {
        robot.interact(() -> topology.select(TopologyItem.device(Bdf.parse("03:00.0"))));
        Label align = robot.lookup("#" + InspectorSheet.valueId(InspectorRows.DMA,
                "Min align mask")).queryAs(Label.class);
        assertEquals("unknown → kernel default 0 (no alignment kept)", align.getText());
        assertTrue(align.getStyleClass().contains("unknown"));
        assertEquals("0xc0000000, 16MiB, 32-bit memory, non-prefetchable", text(robot, InspectorRows.BARS, "BAR 0"));
    }

    @Test
    void anEditsProvenanceReadsFromItsStartNotCutOnTheLeft(FxRobot robot) {
        Topology sample = SampleCatalog.loadDefault();
        Topology t = ((EditResult.Applied) new RemoveDevice(Bdf.parse("07:00.0")).apply(sample)).topology();
        t = ((EditResult.Applied) new MoveDevice(Bdf.parse("06:00.0"), Bdf.parse("00:03.0")).apply(t)).topology();
        Topology edited = t;
        // Narrow, as a side panel is: the edit's name does not fit on one line. A stage of its own: TestFX's
        // stage is shared by every test class, and a width set on it would stay for the classes after this one.
        Stage[] stage = new Stage[1];
        robot.interact(() -> {
            Stage s = new Stage();
            InspectorView view = new InspectorView(new InspectorViewModel(topology));
            Scene scene = new Scene(view, 300, 700);
            Theme.LIGHT.applyTo(scene);
            s.setScene(scene);
            s.show();
            topology.show(edited, "edited.json");
            topology.select(TopologyItem.device(Bdf.parse("07:00.0")));
            stage[0] = s;
        });
        Stage narrow = stage[0];
        try {
            List<Label> sources = robot.from(narrow.getScene().getRoot()).lookup(".field-source")
                    .queryAllAs(Label.class).stream()
                    .filter(l -> l.getText().startsWith("what-if edit: Move 06:00.0 to 00:03.0")).toList();
            assertFalse(sources.isEmpty(), "the moved NIC's fields name the edit");
            for (Label l : sources) {
                Text shown = (Text) l.lookup(".text");
                // A Labeled shows its text elided when it does not fit; wrapped, the whole name is there.
                assertEquals(l.getText(), shown.getText(), "the whole edit name is shown, wrapped where it must be");
            }
        } finally {
            robot.interact(narrow::close);
        }
    }

    @Test
    void hostBridgesAndNumaNodesAreInspectableToo(FxRobot robot) {
        robot.interact(() -> topology.select(TopologyItem.host("pci0000:00")));
        assertEquals("00-7f", text(robot, InspectorRows.HOST_BRIDGE, "Bus range"));
        robot.interact(() -> topology.select(TopologyItem.numa(0)));
        assertEquals("0-63", text(robot, InspectorRows.NUMA, "CPUs"));
    }
}
