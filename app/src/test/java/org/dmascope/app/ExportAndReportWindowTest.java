package org.dmascope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.prefs.BackingStoreException;

import javax.xml.parsers.DocumentBuilderFactory;

import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.input.Clipboard;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;

import org.dmascope.views.export.PictureOptions;
import org.dmascope.views.topology.Rect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;
import org.w3c.dom.Element;

/** File ▸ Export Picture… and Mapping ▸ Copy Report / Save Report… in the running window. */
@ExtendWith(ApplicationExtension.class)
class ExportAndReportWindowTest {
    private static final String CMB = MappingDriver.chipOfP2p("05:00.0", 2);

    @TempDir
    Path dir;
    private final RunningApp running = new RunningApp();
    private DocumentModel documents;

    @Start
    void start(Stage stage) {
        documents = running.start(stage, 1280, 800);
    }

    @Stop
    void stop() {
        running.stop();
    }

    @BeforeEach
    void clearDragView() throws ReflectiveOperationException {
        MappingDriver.clearMonocleDragView();
    }

    @AfterEach
    void tearDown() throws BackingStoreException {
        running.tearDown(true);
    }

    private static List<MenuItem> items(FxRobot robot) {
        List<MenuItem> out = new ArrayList<>();
        robot.lookup("#" + MainMenu.MENU_BAR_ID).queryAs(MenuBar.class).getMenus()
                .forEach(m -> out.addAll(m.getItems()));
        return out;
    }

    private static MenuItem item(FxRobot robot, String id) {
        return items(robot).stream().filter(i -> id.equals(i.getId())).findFirst().orElseThrow();
    }

    @Test
    void theMenusCarryTheExportAndReportItemsWithTheirKeys(FxRobot robot) {
        assertEquals("Ctrl+E", item(robot, MainMenu.EXPORT_PICTURE_ID).getAccelerator().getDisplayText());
        assertEquals("Ctrl+Shift+R", item(robot, MappingMenu.COPY_REPORT_ID).getAccelerator().getDisplayText());
        assertEquals("Ctrl+Alt+R", item(robot, MappingMenu.SAVE_REPORT_ID).getAccelerator().getDisplayText());
        assertTrue(item(robot, MappingMenu.COPY_REPORT_ID).isDisable(), "no mapping yet, no report");
    }

    @Test
    void copyReportPutsTheMarkdownOfTheCurrentMappingOnTheClipboard(FxRobot robot) throws Exception {
        MappingDriver d = new MappingDriver(robot, documents);
        d.drag(CMB, MappingDriver.device("03:00.0"));
        assertFalse(item(robot, MappingMenu.COPY_REPORT_ID).isDisable());
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT).type(KeyCode.R).release(KeyCode.SHIFT, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        AtomicReference<String> copied = new AtomicReference<>();
        robot.interact(() -> copied.set(Clipboard.getSystemClipboard().getString()));
        String md = copied.get();
        assertTrue(md != null && md.startsWith("# DMA mapping report: bar:0000:05:00.0:2"), String.valueOf(md));
        assertTrue(md.contains("**Verdict: BUS_ADDR**"), md);
        assertTrue(md.contains("1. `0000:03:00.0` requester"), md);
        ReportActions r = new ReportActions(d.model(), (text, problem) -> { });
        Path saved = dir.resolve("report.md");
        robot.interact(() -> assertEquals(Optional.empty(), ReportActions.write(saved, r.report().orElseThrow())));
        assertEquals(md, Files.readString(saved));
    }

    @Test
    void exportDrawsWhatTheCanvasShowsTheWholeMachineOrTheVisiblePart(FxRobot robot) throws Exception {
        MappingDriver d = new MappingDriver(robot, documents);
        d.drag(CMB, MappingDriver.device("03:00.0"));
        PictureExport export = new PictureExport(d.canvas(), Runnable::run, d.model(),
                running.app().session().rules());
        PictureExport.Choices all = new PictureExport.Choices(false, true, true, true);
        AtomicReference<PictureOptions> whole = new AtomicReference<>();
        robot.interact(() -> whole.set(export.options(all)));
        assertTrue(whole.get().route().isPresent(), "the route the canvas shows");
        assertEquals(d.canvas().getSelectedItem(), whole.get().selection().orElseThrow());
        assertTrue(whole.get().area().isEmpty(), "the whole machine");

        robot.interact(() -> d.canvas().setZoom(2.0));
        WaitForAsyncUtils.waitForFxEvents();
        // the visible part and the picture of it in one go: a layout pass between them may add a scroll bar
        AtomicReference<Optional<Rect>> visible = new AtomicReference<>();
        Path svg = dir.resolve("visible.svg");
        AtomicReference<PictureExport.Result> result = new AtomicReference<>();
        robot.interact(() -> {
            visible.set(d.canvas().visibleArea());
            export.write(svg, new PictureExport.Choices(true, false, true, false), result::set);
        });
        Rect v = visible.get().orElseThrow();
        Rect bounds = d.canvas().getLayout().bounds();
        assertTrue(v.width() < bounds.width() && v.height() <= bounds.height(), v + " inside " + bounds);
        RunningApp.waitUntil(() -> result.get() != null, 10);
        assertEquals(Optional.empty(), result.get().error());
        Element root = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(svg.toFile()).getDocumentElement();
        assertEquals(v.width(), Double.parseDouble(root.getAttribute("width")), 0.01, "the visible part's width");
        assertEquals(v.height(), Double.parseDouble(root.getAttribute("height")), 0.01, "no legend: no groups");
        assertTrue(Files.readString(svg).contains("id=\"route-stop-1\""), "the route");
    }

    @Test
    void ctrlEAsksWhatToDrawAndCancelWritesNothing(FxRobot robot) {
        robot.press(KeyCode.CONTROL).type(KeyCode.E).release(KeyCode.CONTROL);
        RunningApp.waitUntil(() -> robot.lookup("#" + PictureExport.DIALOG_ID).tryQuery().isPresent(), 10);
        DialogPane pane = robot.lookup("#" + PictureExport.DIALOG_ID).queryAs(DialogPane.class);
        assertTrue(robot.lookup("#" + PictureExport.VISIBLE_ID).tryQuery().isPresent());
        robot.interact(() -> ((Button) pane.lookupButton(ButtonType.CANCEL)).fire());
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#" + PictureExport.DIALOG_ID).tryQuery().isEmpty());
    }

    @Test
    void theMatrixScatterListAndPageWalkOfTheCurrentMappingAreExportedFromTheWindow(FxRobot robot) throws Exception {
        MappingDriver d = new MappingDriver(robot, documents);
        PictureExport export = new PictureExport(d.canvas(), Runnable::run, d.model(),
                running.app().session().rules());
        AtomicReference<Boolean> before = new AtomicReference<>();
        robot.interact(() -> before.set(export.possible(PictureExport.What.PAGE_WALK)));
        assertFalse(before.get(), "no mapping yet, no page walk");
        d.drag(MappingDriver.chipOfRam(0), MappingDriver.device("03:00.0"));
        for (PictureExport.What w : List.of(PictureExport.What.MATRIX, PictureExport.What.SCATTER_LIST,
                PictureExport.What.PAGE_WALK)) {
            Path svg = dir.resolve(w + ".svg");
            AtomicReference<PictureExport.Result> result = new AtomicReference<>();
            robot.interact(() -> {
                assertTrue(export.possible(w), w + " can be drawn");
                export.write(svg, w, result::set);
            });
            RunningApp.waitUntil(() -> result.get() != null, 10);
            assertEquals(Optional.empty(), result.get().error(), w.toString());
            String text = Files.readString(svg);
            String want = switch (w) {
                case MATRIX -> "P2P matrix";
                case SCATTER_LIST -> "Scatter list";
                default -> "Page walk";
            };
            assertTrue(text.contains(want + " · "), w + " heading in " + svg);
            if (w != PictureExport.What.MATRIX) {
                assertTrue(text.contains("for 0000:03:00.0"), w + " names the initiator");
            }
        }
    }

    @Test
    void theDialogOffersTheTabsPicturesOnceThereIsAMapping(FxRobot robot) {
        MappingDriver d = new MappingDriver(robot, documents);
        d.drag(MappingDriver.chipOfRam(0), MappingDriver.device("03:00.0"));
        robot.press(KeyCode.CONTROL).type(KeyCode.E).release(KeyCode.CONTROL);
        RunningApp.waitUntil(() -> robot.lookup("#" + PictureExport.DIALOG_ID).tryQuery().isPresent(), 10);
        ComboBox<?> what = robot.lookup("#" + PictureExport.WHAT_ID).queryAs(ComboBox.class);
        assertEquals(List.of(PictureExport.What.values()), List.copyOf(what.getItems()));
        DialogPane pane = robot.lookup("#" + PictureExport.DIALOG_ID).queryAs(DialogPane.class);
        robot.interact(() -> ((Button) pane.lookupButton(ButtonType.CANCEL)).fire());
        WaitForAsyncUtils.waitForFxEvents();
    }
}
