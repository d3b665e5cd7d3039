package org.dmascope.app;

import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

import org.dmascope.views.common.Theme;

/** What the app remembers between runs: the theme, the group colouring and the recent files. */
public final class AppPreferences {
    private static final String THEME = "theme";
    private static final String COLOUR_BY_GROUP = "colourByIommuGroup";

    private final Preferences node;
    private final RecentFiles recentFiles;

    public AppPreferences(Preferences node) {
        this.node = node;
        this.recentFiles = new RecentFiles(node.node("recent"));
    }

    public Theme theme() {
        return Theme.byKey(node.get(THEME, Theme.LIGHT.key())).orElse(Theme.LIGHT);
    }

    public void setTheme(Theme theme) {
        node.put(THEME, theme.key());
        flush();
    }

    /** View ▸ Colour by IOMMU Group. */
    public boolean colourByGroup() {
        return node.getBoolean(COLOUR_BY_GROUP, false);
    }

    public void setColourByGroup(boolean on) {
        node.putBoolean(COLOUR_BY_GROUP, on);
        flush();
    }

    private void flush() {
        try {
            node.flush();
        } catch (BackingStoreException e) {
            // Remembered for this session only.
        }
    }

    public RecentFiles recentFiles() {
        return recentFiles;
    }
}
