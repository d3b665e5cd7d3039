package org.dmascope.views.inspector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;

import org.dmascope.model.io.SampleCatalog;
import org.dmascope.model.topology.Bdf;
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
    void hostBridgesAndNumaNodesAreInspectableToo(FxRobot robot) {
        robot.interact(() -> topology.select(TopologyItem.host("pci0000:00")));
        assertEquals("00-7f", text(robot, InspectorRows.HOST_BRIDGE, "Bus range"));
        robot.interact(() -> topology.select(TopologyItem.numa(0)));
        assertEquals("0-63", text(robot, InspectorRows.NUMA, "CPUs"));
    }
}
