package org.dmascope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.BooleanSupplier;
import java.util.prefs.BackingStoreException;

import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;

import org.dmascope.model.kernel.TopologyRules;
import org.dmascope.model.kernel.groups.IommuGroup;
import org.dmascope.model.kernel.platform.DefaultDomainChoice;
import org.dmascope.model.topology.Bdf;
import org.dmascope.views.inspector.GroupRows;
import org.dmascope.views.inspector.InspectorSheet;
import org.dmascope.views.platform.PlatformView;
import org.dmascope.views.platform.PlatformViewModel;
import org.dmascope.views.topology.TopologyItem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

/** View ▸ Colour by IOMMU Group, the group in the inspector, and platform what-ifs with Edit ▸ Undo/Redo. */
@ExtendWith(ApplicationExtension.class)
class GroupsAndPlatformWindowTest {
    private static final Bdf GPU = Bdf.parse("0000:03:00.0");
    private final RunningApp running = new RunningApp();
    private DmascopeApplication app;
    private DocumentModel documents;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        documents = running.start(stage, 1280, 800);
        app = running.app();
    }

    @Stop
    void stop() {
        running.stop();
    }

    @AfterEach
    void tearDown() throws BackingStoreException {
        running.tearDown(true);
    }

    private static void waitUntil(BooleanSupplier condition) {
        RunningApp.waitUntil(condition, 10);
    }

    private TopologyRules rules() {
        waitUntil(() -> app.session().rules().rulesFor(documents.getDocument().topology()).isPresent()
                && !app.session().rules().computingProperty().get());
        return app.session().rules().getRules();
    }

    private Node card(FxRobot robot, Bdf b) {
        return robot.lookup("#" + TopologyItem.nodeId(b)).query();
    }

    private String field(FxRobot robot, String name) {
        return robot.lookup("#" + InspectorSheet.valueId(GroupRows.CATEGORY, name)).queryLabeled().getText();
    }

    @Test
    void colourByGroupColoursEveryCardAsTheRulesGroupItAndIsRemembered(FxRobot robot) {
        assertFalse(card(robot, GPU).getStyleClass().contains("iommu-group"));
        robot.clickOn("View").clickOn("Colour by IOMMU Group");
        TopologyRules r = rules();
        waitUntil(() -> card(robot, GPU).getStyleClass().contains("iommu-group"));
        for (IommuGroup g : r.groups().groups()) {
            for (Bdf b : g.addresses()) {
                assertTrue(card(robot, b).getStyleClass().contains("group-colour-" + g.id() % 9),
                        b + " in group " + g.id());
                Label tag = robot.lookup("#group-tag-" + TopologyItem.nodeId(b)).queryAs(Label.class);
                assertEquals("G" + g.id(), tag.getText());
            }
        }
        assertTrue(running.preferences().colourByGroup());
        robot.press(KeyCode.CONTROL).type(KeyCode.G).release(KeyCode.CONTROL);
        waitUntil(() -> !card(robot, GPU).getStyleClass().contains("iommu-group"));
        assertFalse(running.preferences().colourByGroup());
    }

    @Test
    void theInspectorShowsTheSelectedDevicesGroupReasonAndDomain(FxRobot robot) {
        TopologyRules r = rules();
        robot.clickOn("#" + TopologyItem.nodeId(GPU));
        TopologyRules.GroupInfo info = r.groupOf(GPU).orElseThrow();
        assertEquals("G" + info.group().id() + " (derived with the Linux 7.4 (mainline) rules)", field(robot,
                GroupRows.GROUP));
        assertEquals(info.member().reason(), field(robot, GroupRows.WHY));
        assertTrue(field(robot, GroupRows.DOMAIN).startsWith("DMA-FQ: "), field(robot, GroupRows.DOMAIN));
        assertTrue(field(robot, GroupRows.MEMBERS).contains("0000:02:00.0"));
    }

    @Test
    void aPlatformChangeInThePanelIsUndoneAndRedoneFromTheEditMenu(FxRobot robot) {
        rules();
        robot.clickOn("#" + TopologyItem.nodeId(GPU));
        robot.clickOn("Tools").clickOn("Platform & Kernel…");
        waitUntil(() -> robot.lookup("#" + PlatformView.editorId(PlatformViewModel.IOMMU_MODE)).tryQuery().isPresent());
        robot.clickOn("#" + PlatformView.editorId(PlatformViewModel.IOMMU_MODE)).clickOn("identity — pass-through");
        waitUntil(() -> app.session().rules().getRules().assumptions().iommuMode() == DefaultDomainChoice.IDENTITY);
        waitUntil(() -> field(robot, GroupRows.DOMAIN).startsWith("identity: "));
        assertEquals("your choice", robot.lookup("#" + PlatformView.sourceId(PlatformViewModel.IOMMU_MODE))
                .queryLabeled().getText());
        // Ctrl+Z in the panel's own window.
        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        waitUntil(() -> field(robot, GroupRows.DOMAIN).startsWith("DMA-FQ: "));
        assertEquals("topology file", robot.lookup("#" + PlatformView.sourceId(PlatformViewModel.IOMMU_MODE))
                .queryLabeled().getText());
        robot.interact(() -> robot.lookup("#" + PlatformView.SUMMARY_ID).query().getScene().getWindow().hide());
        // Edit ▸ Redo in the main window names the change.
        robot.clickOn("Edit");
        MenuItem redo = stage.getScene().getRoot().lookupAll(".menu-bar").stream().findFirst()
                .map(n -> ((javafx.scene.control.MenuBar) n).getMenus().get(1).getItems().get(1)).orElseThrow();
        assertEquals("Redo IOMMU mode (default domain): lazy → identity", redo.getText());
        robot.clickOn("#redo-item");
        waitUntil(() -> field(robot, GroupRows.DOMAIN).startsWith("identity: "));
        assertEquals(documents.getDocument().topology(), app.session().rules().getRules().topology(),
                "the topology is untouched");
    }
}
