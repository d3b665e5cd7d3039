package org.dmascope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

import javafx.scene.control.Label;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;

import org.dmascope.model.testing.Corpus;
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

/**
 * Dropping a topology file on the window opens it; dropping several exports of one machine imports them
 * as one. The files come from drag sources the test adds to the window.
 */
@ExtendWith(ApplicationExtension.class)
class FileDropTest {
    @TempDir
    static Path dir;
    private final String prefsNode = TestPreferences.newNodeName();
    private DmascopeApplication app;
    private Stage stage;

    @Start
    void start(Stage stage) throws IOException {
        this.stage = stage;
        System.setProperty(DmascopeApplication.PREFERENCES_PROPERTY, prefsNode);
        app = new DmascopeApplication();
        app.start(stage, 1100, 760);
        stage.setX(0);
        stage.setY(0);
        Path file = TestFiles.smaller(dir);
        Label source = new Label("smaller.json");
        source.setId("drag-source");
        source.setStyle("-fx-padding: 30;");
        source.setOnDragDetected(e -> {
            Dragboard db = source.startDragAndDrop(TransferMode.COPY);
            ClipboardContent c = new ClipboardContent();
            c.putFiles(List.of(file.toFile()));
            db.setContent(c);
            e.consume();
        });
        Label exports = new Label("icelake exports");
        exports.setId("drag-exports");
        exports.setStyle("-fx-padding: 30;");
        exports.setOnDragDetected(e -> {
            Dragboard db = exports.startDragAndDrop(TransferMode.COPY);
            ClipboardContent c = new ClipboardContent();
            c.putFiles(List.of(Corpus.file("intel-icelake-sp-cx7-sriov.tree.txt").toFile(),
                    Corpus.file("intel-icelake-sp-cx7-sriov.verbose.txt").toFile(),
                    Corpus.file("intel-icelake-sp-cx7-sriov.iommu-groups.txt").toFile()));
            db.setContent(c);
            e.consume();
        });
        // The sources sit in the window itself: under Monocle a drag from a second window never arrived.
        ((BorderPane) stage.getScene().getRoot()).setLeft(new javafx.scene.layout.VBox(source, exports));
    }

    /**
     * Monocle keeps the view of an earlier mouse drag in {@code MouseInput.dragView}; a later drag and
     * drop then fails in {@code View.notifyDragLeave}. Clearing the stale field avoids that (toolchain.md).
     */
    @BeforeEach
    void clearMonocleDragView() throws ReflectiveOperationException {
        Class<?> glass = Class.forName("com.sun.glass.ui.Application").getMethod("GetApplication").invoke(null)
                .getClass();
        if (!glass.getName().contains("monocle")) return;
        Class<?> mouseInput = Class.forName("com.sun.glass.ui.monocle.MouseInput");
        var getInstance = mouseInput.getDeclaredMethod("getInstance");
        getInstance.setAccessible(true);
        Object instance = getInstance.invoke(null);
        Field dragView = mouseInput.getDeclaredField("dragView");
        dragView.setAccessible(true);
        dragView.set(instance, null);
    }

    @Stop
    void stop() {
        if (app != null) app.stop();
    }

    @AfterEach
    void tearDown() throws BackingStoreException {
        TestPreferences.remove(Preferences.userRoot().node(prefsNode));
        System.clearProperty(DmascopeApplication.PREFERENCES_PROPERTY);
    }

    @Test
    void droppingATopologyFileOnTheWindowOpensIt(FxRobot robot) throws TimeoutException {
        robot.drag("#drag-source").dropTo("#topology-canvas");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> "smaller.json — dmascope".equals(stage.getTitle()));
        // The inspector follows the new document in a pulse of its own: on a loaded machine, later than the title.
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> "Smaller server".equals(robot.lookup("#inspector-title").queryLabeled().getText()));
        assertEquals("Smaller server", robot.lookup("#inspector-title").queryLabeled().getText());
    }

    @Test
    void droppingThreeExportsImportsOneMachine(FxRobot robot) throws TimeoutException {
        robot.drag("#drag-exports").dropTo("#topology-canvas");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                () -> stage.getTitle().startsWith("Imported: intel-icelake-sp-cx7-sriov.tree.txt"));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(17, robot.lookup("#topology-canvas").queryAs(org.dmascope.views.topology.TopologyCanvas.class)
                .getTopology().functions().size());
        assertEquals("3 warnings", robot.lookup("#status-warnings").queryLabeled().getText());
    }
}
