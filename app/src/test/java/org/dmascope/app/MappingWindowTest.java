package org.dmascope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;

import org.dmascope.model.kernel.p2p.P2pMapType;
import org.dmascope.model.kernel.profile.KernelProfile;
import org.dmascope.model.mapping.Mapping;
import org.dmascope.model.topology.Bdf;
import org.dmascope.views.topology.TopologyItem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;

/** The core interaction in the whole window: drag a buffer onto a device, or do the same with the keyboard. */
@ExtendWith(ApplicationExtension.class)
class MappingWindowTest {
    private static final String CMB = MappingDriver.chipOfP2p("05:00.0", 2);
    private final String prefsNode = TestPreferences.newNodeName();
    private DmascopeApplication app;
    private DocumentModel documents;

    @Start
    void start(Stage stage) {
        System.setProperty(DmascopeApplication.PREFERENCES_PROPERTY, prefsNode);
        app = new DmascopeApplication();
        documents = app.start(stage, 1280, 800);
    }

    @Stop
    void stop() {
        if (app != null) app.stop();
    }

    @BeforeEach
    void clearDragView() throws ReflectiveOperationException {
        MappingDriver.clearMonocleDragView();
    }

    @AfterEach
    void tearDown() throws BackingStoreException {
        TestPreferences.remove(Preferences.userRoot().node(prefsNode));
        System.clearProperty(DmascopeApplication.PREFERENCES_PROPERTY);
    }

    private static String code(FxRobot robot) {
        return robot.lookup("#verdict-code").queryAs(Label.class).getText();
    }

    @Test
    void draggingTheCmbOntoAT4OnTheDefaultSampleStaysInsideTheSwitch(FxRobot robot) {
        MappingDriver d = new MappingDriver(robot, documents);
        d.drag(CMB, MappingDriver.device("03:00.0"));
        Mapping m = d.model().mappingProperty().get();
        assertEquals("BUS_ADDR", code(robot));
        assertEquals(P2pMapType.BUS_ADDR, m.mapType());
        assertEquals(5, m.route().orElseThrow().hops().size(),
                "T4 → its port → switch upstream port → NoLoad's port → NoLoad");
        assertEquals(1, m.segments().count());
        assertEquals(5, d.canvas().routeStopsShownProperty().get(), "every hop is drawn");
        assertEquals("NVIDIA Tesla T4", robot.lookup("#inspector-title").queryAs(Label.class).getText(),
                "the initiator is selected, so the inspector shows its DMA parameters");
    }

    @Test
    void theKeyboardAloneMapsABufferThroughTheMappingMenu(FxRobot robot) {
        MappingDriver d = new MappingDriver(robot, documents);
        robot.press(KeyCode.CONTROL).type(KeyCode.B).release(KeyCode.CONTROL);
        robot.type(KeyCode.RIGHT, KeyCode.ENTER);
        assertTrue(d.model().armedProperty().get());
        for (int i = 0; i < 30 && !TopologyItem.device(Bdf.parse("04:00.0")).equals(d.canvas()
                .getSelectedItem()); i++) {
            robot.type(KeyCode.TAB);
        }
        robot.type(KeyCode.ENTER);
        d.waitForResult();
        assertEquals(Bdf.parse("0000:04:00.0"), d.model().mappingProperty().get().request().initiator());
        assertEquals("BUS_ADDR", code(robot));
        // Ctrl+M maps the chosen buffer for the selected device again; the first stays live, so a second one lands
        // beside it.
        robot.press(KeyCode.CONTROL).type(KeyCode.M).release(KeyCode.CONTROL);
        d.waitForResult();
        assertEquals(2, d.model().live().snapshotProperty().get().liveCount());
        // Seen by a listener, not sampled afterwards: on a loaded machine the replay may be over by then.
        int[] fewest = {Integer.MAX_VALUE};
        robot.interact(() -> d.canvas().routeStopsShownProperty().addListener((o, a, n) -> fewest[0] = Math.min(
                fewest[0], n.intValue())));
        robot.press(KeyCode.CONTROL).type(KeyCode.R).release(KeyCode.CONTROL);
        MappingDriver.waitUntil(() -> fewest[0] < 5);
        assertTrue(fewest[0] < 5, "Ctrl+R draws the route again from its start");
        MappingDriver.waitUntil(() -> d.canvas().routeStopsShownProperty().get() == 5);
    }

    @Test
    void theKernelProfileDecidesOnTheAcsSampleAndIsRemembered(FxRobot robot) {
        MappingDriver d = new MappingDriver(robot, documents);
        d.openSample("acs-redirect-server.json");
        d.drag(CMB, MappingDriver.device("03:00.0"));
        assertEquals("THRU_HOST_BRIDGE", code(robot));
        assertEquals(9, d.model().mappingProperty().get().route().orElseThrow().hops().size(),
                "up to the root complex and back");
        robot.clickOn("#option-kernel").clickOn("5.4 LTS");
        MappingDriver.waitUntil(() -> "NOT_SUPPORTED".equals(d.model().verdictProperty().get().code()));
        d.waitForResult();
        assertEquals("NOT_SUPPORTED", code(robot));
        String toast = robot.lookup("#" + org.dmascope.views.mapping.MappingWorkspace.TOAST_ID).queryAs(Label.class)
                .getText();
        assertTrue(toast.contains("boots with nothing mapped") && toast.contains("1 live mapping"),
                "the kernel change says the live mapping went with the old kernel: " + toast);
        assertFalse(d.model().mappingProperty().get().verdict().isOk());
        assertTrue(robot.lookup("#verdict-remedy").queryAs(Label.class).getText().contains("pci=disable_acs_redir="));
        AppPreferences stored = new AppPreferences(Preferences.userRoot().node(prefsNode));
        assertEquals(KernelProfile.V5_4, stored.kernel(), "the kernel is remembered");
    }

    @Test
    void acrossKernelVersionsIsOneShortcutAwayAndShowsWhenThePairBecameMappable(FxRobot robot) {
        MappingDriver d = new MappingDriver(robot, documents);
        d.openSample("acs-redirect-server.json");
        d.drag(CMB, MappingDriver.device("03:00.0"));
        assertEquals("THRU_HOST_BRIDGE", code(robot));
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT).type(KeyCode.K).release(KeyCode.SHIFT, KeyCode.CONTROL);
        TableView<?> table = robot.lookup("#across-versions-table").queryAs(TableView.class);
        MappingDriver.waitUntil(() -> !table.getItems().isEmpty());
        assertTrue(table.isFocused(), "the keyboard is on the table");
        assertEquals("across-versions-tab", robot.lookup("#mapping-details").queryAs(TabPane.class)
                .getSelectionModel().getSelectedItem().getId());
        List<String> kernels = d.model().across().tableProperty().get().rows().stream()
                .map(r -> r.outcome().kernel().id()).toList();
        assertEquals("5.4", kernels.get(0), "the oldest profile opens the table");
        assertEquals("6.1", kernels.get(1), "the Ice Lake whitelist entry (5.18) lets it through: " + kernels);
    }

    @Test
    void theLastRouteIsNotDrawnWhileANewBufferIsDraggedAndComesBackIfNothingIsDropped(FxRobot robot) {
        MappingDriver d = new MappingDriver(robot, documents);
        d.drag(CMB, MappingDriver.device("03:00.0"));
        assertTrue(d.canvas().getRoute() != null);
        robot.drag(MappingDriver.chipOfRam(0)).moveTo(MappingDriver.device("04:00.0"));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(d.canvas().getRoute() == null, "no route of the last mapping while a new buffer is dragged");
        robot.moveTo("#verdict-banner").drop();
        MappingDriver.waitUntil(() -> d.canvas().getRoute() != null);
        assertEquals(d.model().routeProperty().get(), d.canvas().getRoute(), "dropped nowhere: the shown result's");
    }
}
