package org.dmascope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.BooleanSupplier;
import java.util.prefs.BackingStoreException;

import javafx.application.Platform;
import javafx.event.Event;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.input.ContextMenuEvent;
import javafx.scene.input.PickResult;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;

import org.dmascope.app.cli.Cli;
import org.dmascope.model.io.SampleCatalog;
import org.dmascope.model.io.TopologyFiles;
import org.dmascope.model.io.pciids.PciIdSource;
import org.dmascope.model.kernel.TopologyRules;
import org.dmascope.model.kernel.p2p.P2pMapType;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.PortType;
import org.dmascope.model.topology.Topology;
import org.dmascope.views.inspector.InspectorView;
import org.dmascope.views.topology.TopologyCanvas;
import org.dmascope.views.topology.TopologyItem;
import org.dmascope.views.topology.TopologyView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

/**
 * The what-if editor in the window, the issue's done-when: on the default sample, the boot NVMe drive taken out of
 * root port 00:03.0 and the ConnectX-6 NIC moved there from the switch, both from the cards' context menus. The NIC's
 * P2P verdict with the NoLoad CMB and its IOMMU group change, Edit ▸ Undo brings both back, and the machine saved
 * with Save As differs from the sample file by exactly those changes ({@code dmascope diff}).
 */
@ExtendWith(ApplicationExtension.class)
class EditWindowTest {
    private static final Bdf NIC = Bdf.parse("0000:06:00.0");
    private static final Bdf NIC_MOVED = Bdf.parse("0000:07:00.0");
    private static final Bdf CMB = Bdf.parse("0000:05:00.0");
    private static final Bdf NIC_PORT = Bdf.parse("0000:02:03.0");
    private static final String SAMPLE = Path.of(System.getProperty("dmascope.samples", "../sample-topologies"))
            .resolve("switch-p2p-server.json").toString();

    private final RunningApp running = new RunningApp();
    private DmascopeApplication app;
    private DocumentModel documents;
    private Stage stage;

    @TempDir
    Path tmp;

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
        running.tearDown(false);
    }

    private static void waitUntil(BooleanSupplier condition) {
        RunningApp.waitUntil(condition, 15);
    }

    private Topology topology() {
        return documents.getDocument().topology();
    }

    /** The rules the window published for the machine it shows now. */
    private Optional<TopologyRules> rules() {
        return app.session().rules().rulesFor(topology());
    }

    private void waitForRules() {
        waitUntil(() -> rules().isPresent());
    }

    private void contextMenuOn(FxRobot robot, String address) {
        Node card = robot.lookup("#device-" + address.replace(':', '-').replace('.', '-')).query();
        // Headless Monocle makes no context-menu event of a secondary click; the platform's event is made here
        // as a right click on the card's centre makes it.
        robot.interact(() -> {
            Bounds b = card.localToScreen(card.getBoundsInLocal());
            Point2D local = new Point2D(card.getBoundsInLocal().getCenterX(), card.getBoundsInLocal().getCenterY());
            Event.fireEvent(card, new ContextMenuEvent(ContextMenuEvent.CONTEXT_MENU_REQUESTED, local.getX(),
                    local.getY(), b.getCenterX(), b.getCenterY(), false, new PickResult(card, b.getCenterX(),
                            b.getCenterY())));
        });
        TopologyView view = robot.lookup(".topology-view").queryAs(TopologyView.class);
        waitUntil(() -> view.editMenu().isPresent());
    }

    @Test
    void movingTheNicToTheOtherRootPortChangesItsVerdictAndGroupUndoBringsThemBackAndDiffSaysSo(FxRobot robot)
            throws Exception {
        waitForRules();
        TopologyRules original = rules().orElseThrow();
        assertEquals(P2pMapType.BUS_ADDR, original.p2p(CMB, NIC).mapType());
        Integer nicGroup = original.groups().assignment().get(NIC);
        assertEquals(original.groups().assignment().get(NIC_PORT), nicGroup);

        contextMenuOn(robot, "0000:07:00.0");
        robot.clickOn("#edit-remove");
        waitUntil(() -> topology().edits().equals(List.of("Remove 07:00.0")));
        assertTrue(stage.getTitle().startsWith("• "), stage.getTitle());

        contextMenuOn(robot, "0000:06:00.0");
        robot.clickOn("#edit-move");
        robot.clickOn("#edit-move-00-03-0");
        waitUntil(() -> topology().edits().size() == 2);
        waitForRules();
        TopologyRules edited = rules().orElseThrow();
        assertEquals(P2pMapType.THRU_HOST_BRIDGE, edited.p2p(CMB, NIC_MOVED).mapType());
        assertFalse(edited.groups().assignment().get(NIC_MOVED).equals(edited.groups().assignment().get(NIC_PORT)),
                "the NIC has a group of its own below the root port");
        assertEquals("Undo Move 06:00.0 to 00:03.0", app.session().undoStack().undoTextProperty().get());
        TopologyCanvas canvas = robot.lookup("#" + TopologyView.CANVAS_ID).queryAs(TopologyCanvas.class);
        assertEquals(TopologyItem.device(NIC_MOVED), canvas.getSelectedItem(),
                "the moved card stays selected at its new address");

        Path saved = tmp.resolve("edited.json");
        robot.interact(() -> documents.saveAs(saved));
        waitUntil(() -> stage.getTitle().startsWith("edited.json"));
        Topology back = TopologyFiles.load(saved).topology().orElseThrow();
        assertEquals(List.of("Remove 07:00.0", "Move 06:00.0 to 00:03.0"), back.edits());

        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        waitUntil(() -> topology().edits().isEmpty());
        waitForRules();
        TopologyRules undone = rules().orElseThrow();
        assertEquals(P2pMapType.BUS_ADDR, undone.p2p(CMB, NIC).mapType(), "undo brings the verdict back");
        assertEquals(undone.groups().assignment().get(NIC_PORT), undone.groups().assignment().get(NIC),
                "and the group");
        assertEquals("Redo Remove 07:00.0", app.session().undoStack().redoTextProperty().get());

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = Cli.with(PciIdSource.shipped()).run(new String[] {"diff", SAMPLE, saved.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream(), true,
                        StandardCharsets.UTF_8));
        String diff = out.toString(StandardCharsets.UTF_8);
        assertEquals(1, status, diff);
        List<String> heads = diff.lines().filter(l -> !l.startsWith("           ") && !l.startsWith("             "))
                .toList();
        assertEquals(List.of(
                "functions: 0 added, 1 removed, 1 moved, 1 changed",
                "  removed  0000:07:00.0  NVMe SSD Controller PM9A1/PM9A3/980PRO",
                "  moved    0000:06:00.0 -> 0000:07:00.0  MT2892 Family [ConnectX-6 Dx]",
                "  changed  0000:02:03.0  PEX880xx PCIe Gen 4 Switch",
                "IOMMU groups (R-GRP-2): 1 split, 0 merged",
                "  split    {02:03.0, 07:00.0} -> {02:03.0} + {07:00.0}",
                "P2P matrix (R-P2P-5): 6 cells changed",
                // CHECKSTYLE.OFF: LineLength
                "  03:00.0 -> 07:00.0  BUS_ADDR (distance 4) -> THRU_HOST_BRIDGE (distance 6)  R-P2P-5, R-P2P-4, R-P2P-3",
                "  04:00.0 -> 07:00.0  BUS_ADDR (distance 4) -> THRU_HOST_BRIDGE (distance 6)  R-P2P-5, R-P2P-4, R-P2P-3",
                "  05:00.0 -> 07:00.0  BUS_ADDR (distance 4) -> THRU_HOST_BRIDGE (distance 6)  R-P2P-5, R-P2P-4, R-P2P-3",
                "  07:00.0 -> 03:00.0  BUS_ADDR (distance 4) -> THRU_HOST_BRIDGE (distance 6)  R-P2P-5, R-P2P-4, R-P2P-3",
                "  07:00.0 -> 04:00.0  BUS_ADDR (distance 4) -> THRU_HOST_BRIDGE (distance 6)  R-P2P-5, R-P2P-4, R-P2P-3",
                "  07:00.0 -> 05:00.0  BUS_ADDR (distance 4) -> THRU_HOST_BRIDGE (distance 6)  R-P2P-5, R-P2P-4, R-P2P-3"),
                // CHECKSTYLE.ON: LineLength
                heads.stream().filter(l -> !l.isBlank()).toList(), diff);
        assertTrue(diff.contains("link.status: 16GT/s x16 -> 16GT/s x4"), diff);
        assertTrue(Files.exists(saved));
    }

    @Test
    void theSelectedDevicesEditsAreInTheEditMenuAndUnsavedEditsAreAskedAboutBeforeAnotherMachineOpens(FxRobot robot) {
        waitForRules();
        TopologyCanvas canvas = robot.lookup("#" + TopologyView.CANVAS_ID).queryAs(TopologyCanvas.class);
        robot.interact(() -> canvas.setSelectedItem(TopologyItem.device(NIC_PORT)));
        assertTrue(robot.lookup("#" + InspectorView.EDIT_ID).query().isVisible(), "the inspector offers the edits");
        robot.clickOn("Edit");
        robot.clickOn("#" + DeviceEditsMenu.ID);
        robot.clickOn("#edit-acs");
        // The third level of menus is out of reach of headless pointer lookups; its item is fired as a click does.
        robot.interact(() -> item(menu("Edit"), "edit-acs-rr").fire());
        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
        waitUntil(() -> topology().edits().equals(List.of("ACS of 02:03.0: SV|RR|UF")));
        assertTrue(stage.getTitle().startsWith("• "), stage.getTitle());

        waitUntil(() -> !documents.samplesProperty().isEmpty());
        SampleCatalog.Sample other = documents.samplesProperty().get(1);
        Platform.runLater(() -> documents.openSample(other));
        answer(robot, ButtonType.CANCEL);
        assertEquals(1, topology().edits().size(), "cancelled: the edited machine stays");

        Platform.runLater(() -> documents.openSample(other));
        answer(robot, null);
        waitUntil(() -> topology() == other.topology());
        assertFalse(stage.getTitle().startsWith("• "), stage.getTitle());
        assertFalse(app.session().undoStack().canUndoProperty().get(), "the edits belonged to the other machine");
    }

    @Test
    void theDmaSegmentLimitsAndASwitchOfAChosenSizeAreEditsOfTheEditMenu(FxRobot robot) {
        waitForRules();
        TopologyCanvas canvas = robot.lookup("#" + TopologyView.CANVAS_ID).queryAs(TopologyCanvas.class);
        fireSelectedDeviceEdit(robot, canvas, NIC, "edit-dma-segment-ffffffff");
        waitUntil(() -> topology().edits().size() == 1);
        assertEquals(OptionalLong.of(0xFFFF_FFFFL), topology().function(NIC).orElseThrow().dma().maxSegmentSize());
        fireSelectedDeviceEdit(robot, canvas, NIC, "edit-dma-boundary-ffff");
        waitUntil(() -> topology().edits().size() == 2);
        assertEquals(OptionalLong.of(0xFFFFL), topology().function(NIC).orElseThrow().dma().segmentBoundaryMask());
        assertEquals(OptionalLong.of(0xFFFF_FFFFL), topology().function(NIC).orElseThrow().dma().maxSegmentSize(),
                "the other limit stays");

        fireSelectedDeviceEdit(robot, canvas, Bdf.parse("0000:00:03.0"), "edit-add-switch-8");
        waitUntil(() -> topology().edits().size() == 3);
        assertEquals("Undo Add switch with 8 downstream ports below 00:03.0",
                app.session().undoStack().undoTextProperty().get());
        assertEquals(8 + downstreamPorts(SampleCatalog.loadDefault()), downstreamPorts(topology()));
    }

    private static long downstreamPorts(Topology t) {
        return t.functions().stream().filter(f -> f.portType().map(p -> p == PortType.SWITCH_DOWNSTREAM)
                .orElse(false)).count();
    }

    /** Selects {@code device}, opens Edit and fires the Selected Device item {@code id} as a click does. */
    private void fireSelectedDeviceEdit(FxRobot robot, TopologyCanvas canvas, Bdf device, String id) {
        robot.interact(() -> canvas.setSelectedItem(TopologyItem.device(device)));
        robot.clickOn("Edit");
        waitUntil(() -> menu("Edit").isShowing());
        robot.interact(() -> item(menu("Edit"), id).fire());
        // Escape closes a menu still open; with none open it would clear the canvas selection.
        if (menu("Edit").isShowing()) robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
        waitUntil(() -> !menu("Edit").isShowing());
    }

    /** Answers the discard question: {@code button}, or the other one (Discard Edits) when null. */
    private static void answer(FxRobot robot, ButtonType button) {
        waitUntil(() -> robot.lookup(".dialog-pane").tryQuery().isPresent());
        DialogPane pane = robot.lookup(".dialog-pane").queryAs(DialogPane.class);
        assertTrue(pane.getHeaderText().startsWith("Discard the edits to "), pane.getHeaderText());
        ButtonType choice = button != null ? button : pane.getButtonTypes().stream()
                .filter(b -> b != ButtonType.CANCEL).findFirst().orElseThrow();
        robot.interact(() -> ((Button) pane.lookupButton(choice)).fire());
        waitUntil(() -> robot.lookup(".dialog-pane").tryQuery().isEmpty());
    }

    private Menu menu(String text) {
        MenuBar bar = (MenuBar) stage.getScene().getRoot().lookup(".menu-bar");
        return bar.getMenus().stream().filter(m -> m.getText().equals(text)).findFirst().orElseThrow();
    }

    /** The item with {@code id} anywhere below {@code m}. */
    private static MenuItem item(Menu m, String id) {
        for (MenuItem i : m.getItems()) {
            if (id.equals(i.getId())) return i;
            if (i instanceof Menu sub) {
                try {
                    return item(sub, id);
                } catch (AssertionError e) {
                    // not in this submenu
                }
            }
        }
        throw new AssertionError("no menu item " + id + " in " + m.getText());
    }
}
