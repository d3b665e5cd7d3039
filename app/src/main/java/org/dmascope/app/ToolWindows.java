package org.dmascope.app;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import javafx.application.Platform;
import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.stage.Stage;

import org.dmascope.app.undo.UndoStack;
import org.dmascope.views.common.OwnedWindows;
import org.dmascope.views.common.Theme;

/**
 * The main window's tool windows (P2P matrix, platform panel, keyboard shortcuts): one of each, owned by
 * the main window and centred on it, in its theme, with Undo and Redo on their keys too. Closing one disposes
 * its content.
 */
final class ToolWindows {
    /**
     * What a tool window shows, and how to let go of it.
     *
     * @param filled changes when content computed in the background arrives (the P2P matrix's rows): the window,
     *               sized to the empty view when it opened, grows to the content then
     */
    record Content(Parent root, Runnable dispose, Optional<Observable> filled) {
        Content(Parent root, Runnable dispose) {
            this(root, dispose, Optional.empty());
        }
    }

    /** Content that is small (a few matrix rows) still opens big enough to read without resizing. */
    private static final double MIN_WIDTH = 640;
    private static final double MIN_HEIGHT = 520;

    private final Stage owner;
    private final UndoStack undo;
    private final Map<String, Stage> open = new LinkedHashMap<>();
    private Theme theme;

    ToolWindows(Stage owner, UndoStack undo, Theme theme) {
        this.owner = owner;
        this.undo = undo;
        this.theme = theme;
    }

    /**
     * Shows the window {@code key}, creating it the first time (or after it was closed): owned by the main
     * window, sized to its content (at most {@code maxWidth} × {@code maxHeight}, and never beyond the main
     * window), centred on it, resizable, and modeless, so the main window keeps its state ({@link OwnedWindows}).
     */
    Stage show(String key, String title, double maxWidth, double maxHeight, Supplier<Content> content) {
        Stage s = open.get(key);
        if (s != null) {
            s.show();
            s.toFront();
            return s;
        }
        Content c = content.get();
        Stage stage = new Stage();
        stage.setTitle(title + " — dmascope");
        Scene scene = new Scene(c.root());
        theme.applyTo(scene);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN), undo::undo);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN,
                KeyCombination.SHIFT_DOWN), undo::redo);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.W, KeyCombination.SHORTCUT_DOWN), stage::close);
        stage.setScene(scene);
        stage.getIcons().setAll(owner.getIcons());
        stage.setOnHidden(e -> {
            open.remove(key);
            c.dispose().run();
        });
        OwnedWindows.prepare(stage, owner, MIN_WIDTH, MIN_HEIGHT, maxWidth, maxHeight);
        open.put(key, stage);
        stage.show();
        c.filled().ifPresent(f -> refitWhenFilled(stage, f, maxWidth, maxHeight));
        return stage;
    }

    /**
     * Sizes {@code stage} to its content again when {@code filled} first changes: larger where the content wants it,
     * never smaller (the user or the window manager may have sized it meanwhile).
     */
    private void refitWhenFilled(Stage stage, Observable filled, double maxWidth, double maxHeight) {
        InvalidationListener once = new InvalidationListener() {
            @Override
            public void invalidated(Observable o) {
                filled.removeListener(this);
                // after the pulse that lays the content out, so its preferred size counts the rows
                Platform.runLater(() -> {
                    if (stage.isShowing() && !stage.isMaximized()) {
                        OwnedWindows.grow(stage, owner, MIN_WIDTH, MIN_HEIGHT, maxWidth, maxHeight);
                    }
                });
            }
        };
        filled.addListener(once);
    }

    Optional<Stage> window(String key) {
        return Optional.ofNullable(open.get(key));
    }

    void applyTheme(Theme t) {
        theme = t;
        for (Stage s : open.values()) t.applyTo(s.getScene());
    }

    void closeAll() {
        for (Stage s : open.values().toArray(new Stage[0])) s.close();
    }
}
