package org.dmascope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.prefs.BackingStoreException;

import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.stage.Stage;

import org.dmascope.model.mapping.IommuMode;
import org.dmascope.model.session.MapOptions;
import org.dmascope.model.topology.Bdf;
import org.dmascope.views.inspector.GroupRows;
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

/**
 * Remembered choices act only on the machine they were made for, are marked "your choice" wherever
 * they act (options bar, verdict, inspector), and go back to "kernel decides" with one click; the
 * verdict never contradicts the platform facts beside it.
 */
@ExtendWith(ApplicationExtension.class)
class ChoicesWindowTest {
    private static final PseudoClass CHOSEN = PseudoClass.getPseudoClass("chosen");
    private final RunningApp running = new RunningApp();
    private DocumentModel documents;

    @Start
    void start(Stage stage) {
        documents = running.start(stage, 1280, 800);
        // TestFX hands every test the same stage: an earlier test may have left it at another size.
        stage.setWidth(1280);
        stage.setHeight(800);
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

    @Test
    void aStrictIommuChosenOnOneMachineIsMarkedThereAndNeverActsOnTheHaswellWithoutIommu(FxRobot robot) {
        MappingDriver d = new MappingDriver(robot, documents);
        String server = MachineChoices.machineOf(documents.getDocument());
        assertFalse(chosen(robot, "#option-iommu"), "nothing chosen yet: the kernel decides");
        assertFalse(robot.lookup("#options-kernel-decides").query().isVisible());
        choose(robot, "#option-iommu", "DMA, strict");
        d.drag(MappingDriver.chipOfRam(0), MappingDriver.device("03:00.0"));
        assertTrue(chosen(robot, "#option-iommu"), "the options bar marks the choice");
        assertTrue(robot.lookup("#options-kernel-decides").query().isVisible());
        assertTrue(text(robot, "#verdict-choice").startsWith("Your choice"), text(robot, "#verdict-choice"));
        assertEquals(Optional.of(IommuMode.DMA), running.preferences().mappingOptions(server).iommuMode(),
                "remembered for this machine");

        d.openSample("legacy-pci-no-iommu.json");
        String haswell = MachineChoices.machineOf(documents.getDocument());
        assertEquals(MapOptions.DEFAULTS, d.model().options().optionsProperty().get(),
                "another machine opens with what the kernel decides");
        assertFalse(chosen(robot, "#option-iommu"));
        assertEquals("kernel decides", robot.lookup("#option-iommu").queryAs(ComboBox.class).getValue().toString());
        d.drag(MappingDriver.chipOfRam(0), MappingDriver.device("01:00.0"));
        assertFalse(text(robot, "#verdict-headline").contains("IOMMU"), text(robot, "#verdict-headline"));
        assertFalse(robot.lookup("#verdict-choice").query().getParent().isVisible(), "no choice, no choice line");

        // Chosen here too: the verdict says it is a what-if against the platform's facts, as does the inspector.
        robot.interact(() -> d.canvas().setSelectedItem(TopologyItem.device(Bdf.parse("01:00.0"))));
        choose(robot, "#option-iommu", "DMA, strict");
        MappingDriver.waitUntil(() -> d.model().outcomeProperty().get().call().options().iommuMode().isPresent());
        d.waitForResult();
        assertTrue(text(robot, "#verdict-headline").startsWith("What if (your choice): "),
                text(robot, "#verdict-headline"));
        assertTrue(text(robot, "#verdict-choice").contains("not the kernel's"), text(robot, "#verdict-choice"));
        assertTrue(text(robot, "#verdict-choice").contains("no IOMMU"), text(robot, "#verdict-choice"));
        String group = running.app().inspector().value(GroupRows.CATEGORY, GroupRows.GROUP).orElseThrow();
        assertTrue(group.startsWith("none: no IOMMU"), group);
        String mapped = running.app().inspector().value(GroupRows.CATEGORY, GroupRows.CHOSEN).orElseThrow();
        assertTrue(mapped.contains("your choice") && mapped.contains("no IOMMU"), mapped);

        // One click back.
        robot.clickOn("#verdict-kernel-decides");
        MappingDriver.waitUntil(() -> d.model().outcomeProperty().get().call().options().iommuMode().isEmpty()
                && !d.model().runningProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(chosen(robot, "#option-iommu"));
        assertFalse(text(robot, "#verdict-headline").startsWith("What if"));
        assertTrue(running.app().inspector().value(GroupRows.CATEGORY, GroupRows.CHOSEN).isEmpty());
        assertEquals(MapOptions.DEFAULTS, running.preferences().mappingOptions(haswell));

        d.openSample("switch-p2p-server.json");
        assertEquals(Optional.of(IommuMode.DMA), d.model().options().optionsProperty().get().iommuMode(),
                "the server's own choice comes back with it");
        assertTrue(chosen(robot, "#option-iommu"));
    }

    private static void choose(FxRobot robot, String option, String value) {
        @SuppressWarnings("unchecked")
        ComboBox<Object> box = robot.lookup(option).queryAs(ComboBox.class);
        Object item = box.getItems().stream().filter(i -> i.toString().equals(value)).findFirst().orElseThrow();
        robot.interact(() -> box.setValue(item));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static boolean chosen(FxRobot robot, String option) {
        Node field = robot.lookup(option).query().getParent();
        return field.getPseudoClassStates().contains(CHOSEN);
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }
}
