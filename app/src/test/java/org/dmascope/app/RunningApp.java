package org.dmascope.app;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

import javafx.stage.Stage;
import javafx.stage.Window;

import org.dmascope.views.inspector.InspectorView;
import org.dmascope.views.mapping.MappingDetailsView;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The whole application started in a TestFX stage, with a preferences node of its own so a test never
 * touches the user's settings or another test's. Window tests create one, call {@link #start} from
 * {@code @Start}, {@link #stop} from {@code @Stop} and {@link #tearDown} from {@code @AfterEach}.
 */
final class RunningApp {
    private final String prefsNode = TestPreferences.newNodeName();
    private DmascopeApplication app;
    private Stage stage;

    DocumentModel start(Stage stage, double width, double height) {
        this.stage = stage;
        System.setProperty(DmascopeApplication.PREFERENCES_PROPERTY, prefsNode);
        app = new DmascopeApplication();
        return app.start(stage, width, height);
    }

    /** Starts the app as {@code java -jar} does: where the preferences say the window was. */
    DocumentModel startRemembered(Stage stage) {
        this.stage = stage;
        System.setProperty(DmascopeApplication.PREFERENCES_PROPERTY, prefsNode);
        app = new DmascopeApplication();
        return app.start(stage, MainWindow::placement);
    }

    DmascopeApplication app() {
        return app;
    }

    /** What the app remembers, as it stored it for this test. */
    AppPreferences preferences() {
        return new AppPreferences(Preferences.userRoot().node(prefsNode));
    }

    void stop() {
        if (app != null) app.stop();
    }

    /**
     * Removes the test's preferences.
     *
     * @param noStrayWindows also assert that the test closed every window it opened
     */
    void tearDown(boolean noStrayWindows) throws BackingStoreException {
        if (noStrayWindows) {
            assertTrue(Window.getWindows().stream().noneMatch(w -> w != stage && w instanceof Stage && w.isShowing()),
                    "a test closes the windows it opened");
        }
        TestPreferences.remove(Preferences.userRoot().node(prefsNode));
        System.clearProperty(DmascopeApplication.PREFERENCES_PROPERTY);
    }

    /**
     * Waits until the panels the window's first frame holds back are in it (the result tabs under the machine, then
     * the inspector in the right-hand column, the last to join): a test that reaches into them before any
     * interaction starts with this.
     */
    static void awaitPanels(FxRobot robot) {
        waitUntil(() -> robot.lookup("#" + MappingDetailsView.ID).tryQuery().isPresent()
                && robot.lookup("#" + InspectorView.SHEET_ID).tryQuery().isPresent(), 10);
    }

    /** Waits for a condition the app reaches asynchronously, then for the FX events it queued. */
    static void waitUntil(BooleanSupplier condition, int seconds) {
        try {
            WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition::getAsBoolean);
        } catch (TimeoutException e) {
            throw new AssertionError("timed out waiting", e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }
}
