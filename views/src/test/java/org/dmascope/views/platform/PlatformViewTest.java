package org.dmascope.views.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;

import org.dmascope.model.io.SampleCatalog;
import org.dmascope.model.kernel.TopologyRules;
import org.dmascope.model.kernel.platform.DefaultDomainChoice;
import org.dmascope.model.kernel.platform.PlatformAssumptions;
import org.dmascope.model.kernel.platform.PlatformOverrides;
import org.dmascope.model.topology.Topology;
import org.dmascope.views.common.Theme;
import org.dmascope.views.rules.RulesModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The platform panel: picking and typing values, the source chips, the reset button, refusals. */
@ExtendWith(ApplicationExtension.class)
class PlatformViewTest {
    private final Topology t = SampleCatalog.loadDefault();
    private RulesModel rules;

    @Start
    void start(Stage stage) {
        rules = new RulesModel();
        rules.publish(TopologyRules.of(t), PlatformOverrides.NONE);
        PlatformViewModel model = new PlatformViewModel(rules,
                (next, what) -> rules.publish(TopologyRules.of(t, PlatformAssumptions.resolve(t, next)), next));
        Scene scene = new Scene(new PlatformView(model), 900, 760);
        Theme.LIGHT.applyTo(scene);
        stage.setScene(scene);
        stage.show();
    }

    private static String id(String s) {
        return "#" + s;
    }

    @Test
    void pickingAModeAppliesItAndMarksItAsTheUsersChoice(FxRobot robot) {
        Label source = robot.lookup(id(PlatformView.sourceId(PlatformViewModel.IOMMU_MODE))).queryAs(Label.class);
        assertEquals("topology file", source.getText());
        Button reset = robot.lookup(id(PlatformView.resetId(PlatformViewModel.IOMMU_MODE))).queryButton();
        assertFalse(reset.isVisible());
        robot.clickOn(id(PlatformView.editorId(PlatformViewModel.IOMMU_MODE))).clickOn("identity — pass-through");
        assertEquals(Optional.of(DefaultDomainChoice.IDENTITY), rules.getOverrides().iommuMode());
        assertEquals("your choice", source.getText());
        assertTrue(reset.isVisible());
        assertTrue(robot.lookup(id(PlatformView.SUMMARY_ID)).queryLabeled().getText().contains("identity"));
        robot.clickOn(reset);
        assertEquals(Optional.empty(), rules.getOverrides().iommuMode());
        assertEquals("topology file", source.getText());
    }

    @Test
    void theCommandLineAppliesOnEnterAndABadCpuIsRefusedVisibly(FxRobot robot) {
        TextField cmdline = robot.lookup(id(PlatformView.editorId(PlatformViewModel.CMDLINE))).queryAs(TextField.class);
        robot.doubleClickOn(cmdline);
        robot.interact(cmdline::selectAll);
        robot.write("intel_iommu=on iommu=pt").type(KeyCode.ENTER);
        assertEquals(Optional.of("intel_iommu=on iommu=pt"), rules.getOverrides().commandLine());
        @SuppressWarnings("unchecked")
        ComboBox<PlatformViewModel.Choice> cpu = robot.lookup(id(PlatformView.editorId(PlatformViewModel.CPU)))
                .queryAs(ComboBox.class);
        robot.clickOn(cpu.getEditor());
        robot.interact(() -> cpu.getEditor().selectAll());
        robot.write("pentium").type(KeyCode.ENTER);
        Label error = robot.lookup(id(PlatformView.ERROR_ID)).queryAs(Label.class);
        assertTrue(error.isVisible() && error.getText().contains("unknown CPU vendor"), error.getText());
        assertEquals(Optional.empty(), rules.getOverrides().cpu());
    }
}
