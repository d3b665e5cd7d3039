package org.dmascope.app;

import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.SplitPane;

/**
 * Remembers where the user left the dividers of the window's split panes (canvas and inspector, topology
 * and details, step list and step detail): each split with an id gets its stored positions back when the
 * window opens, and every move of a divider is stored ({@link AppPreferences#save()} writes them out when
 * the window closes).
 */
final class SplitMemory {
    private final AppPreferences preferences;

    SplitMemory(AppPreferences preferences) {
        this.preferences = preferences;
    }

    /** Restores and then follows every split pane with an id under {@code root}. */
    void follow(Parent root) {
        for (Node n : root.lookupAll(".split-pane")) {
            if (n instanceof SplitPane s && s.getId() != null) follow(s);
        }
    }

    private void follow(SplitPane split) {
        preferences.dividers(split.getId()).filter(d -> d.length == split.getDividers().size())
                .ifPresent(split::setDividerPositions);
        for (SplitPane.Divider d : split.getDividers()) {
            d.positionProperty().addListener((o, a, b) -> preferences.setDividers(split.getId(),
                    split.getDividerPositions()));
        }
    }
}
