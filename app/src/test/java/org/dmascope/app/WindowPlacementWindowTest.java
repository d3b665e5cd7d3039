package org.dmascope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.prefs.BackingStoreException;

import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;
import javafx.stage.Stage;

import org.dmascope.app.cli.Cli;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;

/** The window opens where it was closed, and {@code dmascope FILE} opens the file in it. */
@ExtendWith(ApplicationExtension.class)
class WindowPlacementWindowTest {
    private static final WindowPlacement LAST_TIME = new WindowPlacement(40, 30, 1000, 640, false);

    private final RunningApp running = new RunningApp();
    private Stage stage;
    private DocumentModel documents;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        running.preferences().setWindowPlacement(LAST_TIME);
        documents = running.startRemembered(stage);
    }

    @Stop
    void stop() {
        running.stop();
    }

    @AfterEach
    void tearDown() throws BackingStoreException {
        running.tearDown(false);
    }

    @Test
    void opensWhereItWasAndRemembersWhereItIsAtClose(FxRobot robot) {
        assertEquals(40, stage.getX());
        assertEquals(30, stage.getY());
        assertEquals(1000, stage.getScene().getWidth());
        assertEquals(640, stage.getScene().getHeight());

        // What the user does once the window manager has mapped the window is the user's (PlacementGuard).
        WaitForAsyncUtils.sleep(2500, TimeUnit.MILLISECONDS);
        robot.interact(() -> {
            stage.setX(60);
            stage.setWidth(stage.getWidth() + 20);
        });
        robot.interact(() -> stage.setMaximized(true));
        robot.interact(stage::hide);

        WindowPlacement remembered = running.preferences().windowPlacement().orElseThrow();
        assertEquals(60, remembered.x(), "the normal place, not the maximised one");
        assertEquals(30, remembered.y());
        assertEquals(1020, remembered.width());
        assertEquals(640, remembered.height());
        assertTrue(remembered.maximized());
    }

    @Test
    void aWindowManagerThatShrinksTheNewWindowIsUndone(FxRobot robot) {
        // As openbox does with GTK: the toolkit's initial 200×200 applied after JavaFX sized the window.
        robot.interact(() -> {
            stage.setWidth(200);
            stage.setHeight(200);
            stage.setX(0);
        });
        RunningApp.waitUntil(() -> stage.getScene().getWidth() == 1000 && stage.getScene().getHeight() == 640
                && stage.getX() == 40, 10);
    }

    @Test
    void aFileNamedOnTheCommandLineOpensInTheWindowAndTitlesIt(FxRobot robot) {
        Path file = Path.of(System.getProperty("dmascope.corpus"), "intel-icelake-sp-cx7-sriov.verbose.txt");
        Launch launch = Launch.of(new String[] {file.toString()}, Cli::isCommand);
        assertEquals(Launch.Kind.WINDOW, launch.kind());

        robot.interact(() -> documents.open(launch.files()));
        String title = "Imported: intel-icelake-sp-cx7-sriov.verbose.txt — dmascope";
        RunningApp.waitUntil(() -> stage.getTitle().equals(title), 60);
        assertTrue(documents.getDocument().imported());
    }

    @Test
    void aWindowLeftOnAScreenThatIsGoneComesBackOnThePrimaryScreen() {
        Rectangle2D primary = Screen.getPrimary().getVisualBounds();
        WindowPlacement away = new WindowPlacement(primary.getMaxX() + 500, 20, 900, 600, false)
                .onScreens(List.of(primary), primary);
        assertTrue(primary.contains(away.x(), away.y()), "back on the screen: " + away);
    }
}
