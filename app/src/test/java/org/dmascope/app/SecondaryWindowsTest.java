package org.dmascope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.prefs.BackingStoreException;

import javafx.scene.control.MenuItem;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Dialogs and tool windows open owned by the main window, modeless (a modal one un-maximises the main
 * window on Linux), resizable, sized to their content and centred on the main window, which stays as
 * it was; the keyboard-shortcut sheet lists every accelerator of the menus and can be searched.
 */
@ExtendWith(ApplicationExtension.class)
class SecondaryWindowsTest {
    private final RunningApp running = new RunningApp();
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        running.start(stage, 1280, 800);
        // TestFX hands every test the same stage: an earlier test may have left it at another size.
        stage.setWidth(1280);
        stage.setHeight(800);
    }

    @Stop
    void stop() {
        running.stop();
    }

    @AfterEach
    void tearDown() throws BackingStoreException {
        running.tearDown(true);
    }

    @Test
    void everySecondaryWindowIsOwnedModelessResizableAndCentredOnTheMainWindow(FxRobot robot) {
        robot.interact(() -> {
            stage.setX(40);
            stage.setY(30);
        });
        WaitForAsyncUtils.waitForFxEvents();
        for (String[] open : new String[][] {{"Help", "Keyboard Shortcuts"}, {"Help", "About dmascope"},
            {"Tools", "P2P Matrix…"}, {"Tools", "Platform & Kernel…"}}) {
            robot.clickOn(open[0]).clickOn(open[1]);
            RunningApp.waitUntil(() -> secondary().isPresent(), 10);
            Stage w = (Stage) secondary().orElseThrow();
            String what = open[1];
            assertSame(stage, w.getOwner(), what + " is owned by the main window");
            assertEquals(Modality.NONE, w.getModality(), what + " is modeless");
            assertTrue(w.isResizable(), what + " can be resized");
            assertTrue(w.getWidth() <= stage.getWidth() && w.getHeight() <= stage.getHeight(),
                    what + " fits in the main window: " + w.getWidth() + "×" + w.getHeight());
            double dx = w.getX() + w.getWidth() / 2 - (stage.getX() + stage.getWidth() / 2);
            double dy = w.getY() + w.getHeight() / 2 - (stage.getY() + stage.getHeight() / 2);
            assertTrue(Math.abs(dx) < 30 && Math.abs(dy) < 40, what + " is centred on the main window: " + dx
                    + ", " + dy);
            assertEquals(40, stage.getX(), what + " leaves the main window where it was");
            assertEquals(1280, stage.getWidth(), what + " leaves the main window's size alone");
            robot.interact(w::close);
            WaitForAsyncUtils.waitForFxEvents();
        }
    }

    @Test
    void theShortcutSheetListsEveryMenuAcceleratorAndFindsThem(FxRobot robot) {
        robot.press(KeyCode.F1).release(KeyCode.F1);
        RunningApp.waitUntil(() -> robot.lookup("#" + ShortcutSheet.TABLE_ID).tryQuery().isPresent(), 10);
        @SuppressWarnings("unchecked")
        TableView<Shortcuts.Shortcut> table = robot.lookup("#" + ShortcutSheet.TABLE_ID).queryAs(TableView.class);
        List<String> keys = table.getItems().stream().map(Shortcuts.Shortcut::keys).toList();
        int accelerators = 0;
        for (MenuItem m : allItems(robot)) {
            if (m.getAccelerator() == null) continue;
            accelerators++;
            assertTrue(keys.contains(m.getAccelerator().getDisplayText()), m.getText() + " is on the sheet");
        }
        assertTrue(accelerators >= 20, "the menus carry the window's shortcuts: " + accelerators);
        assertTrue(table.getItems().size() >= accelerators + Shortcuts.IN_PLACE.size());
        robot.interact(() -> robot.lookup("#" + ShortcutSheet.SEARCH_ID).queryTextInputControl().setText("ctrl+m"));
        assertTrue(table.getItems().stream().allMatch(s -> s.keys().toLowerCase().contains("ctrl+m")),
                "the search filters as one types");
        assertTrue(table.getItems().stream().anyMatch(s -> s.what().startsWith("Map Buffer")));
        robot.interact(() -> robot.lookup("#" + ShortcutSheet.SEARCH_ID).queryTextInputControl().setText("steps"));
        assertTrue(table.getItems().stream().anyMatch(s -> s.keys().equals("Space")), "the in-place keys too");
        robot.interact(() -> secondary().ifPresent(Window::hide));
    }

    private List<MenuItem> allItems(FxRobot robot) {
        List<MenuItem> out = new java.util.ArrayList<>();
        javafx.scene.control.MenuBar bar = robot.lookup("#" + MainMenu.MENU_BAR_ID).queryAs(
                javafx.scene.control.MenuBar.class);
        for (javafx.scene.control.Menu m : bar.getMenus()) collect(m, out);
        return out;
    }

    private static void collect(javafx.scene.control.Menu menu, List<MenuItem> out) {
        for (MenuItem i : menu.getItems()) {
            if (i instanceof javafx.scene.control.Menu sub) collect(sub, out);
            else out.add(i);
        }
    }

    private java.util.Optional<Window> secondary() {
        return Window.getWindows().stream().filter(w -> w != stage && w instanceof Stage && w.isShowing())
                .findFirst();
    }
}
