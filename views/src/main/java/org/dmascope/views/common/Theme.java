package org.dmascope.views.common;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import javafx.scene.Parent;
import javafx.scene.Scene;

/**
 * Light and dark looks. Both share {@code dmascope.css}; each theme file only sets looked-up colours
 * (Modena's base colours and the {@code -dm-…} palette), so every feature stylesheet works in both.
 */
public enum Theme {
    LIGHT("Light", "theme-light.css"), DARK("Dark", "theme-dark.css");

    private static final String BASE = Resources.stylesheet(Theme.class, "dmascope.css");

    private final String title;
    private final String stylesheet;

    Theme(String title, String file) {
        this.title = title;
        this.stylesheet = Resources.stylesheet(Theme.class, file);
    }

    public String title() {
        return title;
    }

    /** The stylesheets, base first, to put on a scene or dialog pane. */
    public List<String> stylesheets() {
        return List.of(BASE, stylesheet);
    }

    public void applyTo(Scene scene) {
        scene.getStylesheets().setAll(stylesheets());
    }

    public void applyTo(Parent root) {
        root.getStylesheets().setAll(stylesheets());
    }

    /** The name stored in preferences. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Theme> byKey(String key) {
        for (Theme t : values()) if (t.key().equals(key)) return Optional.of(t);
        return Optional.empty();
    }
}
