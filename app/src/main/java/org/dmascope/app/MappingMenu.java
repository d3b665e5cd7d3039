package org.dmascope.app;

import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

import org.dmascope.views.mapping.MappingDetailsView;
import org.dmascope.views.mapping.MappingViewModel;
import org.dmascope.views.mapping.MappingWorkspace;

/** The Mapping menu: the keyboard path to everything a drag does, and the commands on the result. */
final class MappingMenu {
    static final String MENU_ID = "mapping-menu";
    static final String ACROSS_ITEM_ID = "across-versions-item";

    private final Menu menu;

    static final String COPY_REPORT_ID = "copy-report-item";
    static final String SAVE_REPORT_ID = "save-report-item";

    /**
     * @param copyReport puts the current mapping's Markdown report on the clipboard
     * @param saveReport asks where and saves it
     */
    MappingMenu(MappingWorkspace workspace, Runnable copyReport, Runnable saveReport) {
        MappingViewModel model = workspace.model();
        MenuItem pick = item("Choose Buffer…", "choose-buffer-item", shortcut(KeyCode.B), workspace::focusBuffers);
        MenuItem settings = item("Buffer Settings…", "buffer-settings-item", null, workspace::openBufferSettings);
        MenuItem map = item("Map Buffer onto Selected Device", "map-buffer-item", shortcut(KeyCode.M),
                workspace::mapSelectedBufferOntoSelectedDevice);
        MenuItem again = item("Map Again (Keep the Last Mapping)", "map-again-item",
                new KeyCodeCombination(KeyCode.M, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN),
                        model::mapAgain);
        MenuItem replay = item("Replay Route", "replay-route-item", shortcut(KeyCode.R), workspace::replayRoute);
        MenuItem play = item("Play or Pause the Steps", "play-steps-item", shortcut(KeyCode.P), () -> {
            workspace.focusSteps();
            model.player().togglePlay();
        });
        MenuItem steps = item("Go to the Steps", "focus-steps-item", null, workspace::focusSteps);
        MenuItem live = item("Show Live Mappings", "show-live-item", null,
                () -> workspace.details().showTab(MappingDetailsView.LIVE_TAB_ID));
        MenuItem clear = item("Unmap Everything", "unmap-all-item", null, model.live()::clear);
        MenuItem across = item("Across Kernel Versions", ACROSS_ITEM_ID,
                new KeyCodeCombination(KeyCode.K, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN),
                () -> workspace.details().focusAcrossVersions());
        // Ctrl+Shift+C is the scatter list's "copy as CSV", Ctrl+R the route's replay: R for report.
        MenuItem copy = item("Copy Report", COPY_REPORT_ID,
                new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN),
                copyReport);
        MenuItem save = item("Save Report…", SAVE_REPORT_ID,
                new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN, KeyCombination.ALT_DOWN), saveReport);
        menu = new Menu("Mapping", null, pick, settings, map, again, new SeparatorMenuItem(), replay, play, steps,
                new SeparatorMenuItem(), copy, save, new SeparatorMenuItem(), live, clear, new SeparatorMenuItem(),
                across);
        menu.setId(MENU_ID);
        map.disableProperty().bind(model.selectedSourceProperty().isNull());
        again.disableProperty().bind(model.mappingProperty().isNull());
        replay.disableProperty().bind(model.routeProperty().isNull());
        play.disableProperty().bind(model.player().stepsProperty().emptyProperty());
        across.disableProperty().bind(model.mappingProperty().isNull());
        copy.disableProperty().bind(model.outcomeProperty().isNull());
        save.disableProperty().bind(model.outcomeProperty().isNull());
    }

    Menu menu() {
        return menu;
    }

    private static KeyCombination shortcut(KeyCode code) {
        return new KeyCodeCombination(code, KeyCombination.SHORTCUT_DOWN);
    }

    private static MenuItem item(String text, String id, KeyCombination key, Runnable action) {
        MenuItem m = new MenuItem(text);
        m.setId(id);
        if (key != null) m.setAccelerator(key);
        m.setOnAction(e -> action.run());
        return m;
    }
}
