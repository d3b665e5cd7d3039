package org.dmascope.app;

import java.util.List;

import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;

import org.dmascope.views.topology.EditMenu;
import org.dmascope.views.topology.TopologyCanvas;
import org.dmascope.views.topology.TopologyItem;

/**
 * Edit ▸ Selected Device: the selected card's what-if edits, the same as its context menu, filled in each time
 * the Edit menu opens, so they are a menu and a key away (Alt+E) as well as a right click; the inspector's Edit
 * button offers the same.
 */
final class DeviceEditsMenu {
    static final String ID = "edit-selected";

    private DeviceEditsMenu() {
    }

    /** The selected card's edits; empty when no device is selected. */
    static List<MenuItem> items(DocumentModel documents, TopologyCanvas canvas, TopologyEditor editor) {
        DocumentModel.Document d = documents.getDocument();
        return d != null && canvas.getSelectedItem() instanceof TopologyItem.Device dev
                ? EditMenu.items(d.topology(), dev.address(), editor::apply) : List.of();
    }

    /** Adds the submenu to {@code edit}, below what it holds. */
    static void addTo(Menu edit, DocumentModel documents, TopologyCanvas canvas, TopologyEditor editor) {
        Menu selected = new Menu("Selected Device");
        selected.setId(ID);
        selected.setMnemonicParsing(false);
        edit.getItems().addAll(new SeparatorMenuItem(), selected);
        edit.setOnShowing(e -> {
            List<MenuItem> items = items(documents, canvas, editor);
            selected.getItems().setAll(items);
            selected.setText(canvas.getSelectedItem() instanceof TopologyItem.Device dev
                    ? "Device " + dev.address().shortText() : "Selected Device");
            selected.setDisable(items.isEmpty());
        });
    }
}
