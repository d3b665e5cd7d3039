package org.dmascope.app;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The files opened last, newest first, at most {@value #MAX}, kept in a preferences node. */
public final class RecentFiles {
    public static final int MAX = 10;
    private static final String KEY = "file.";

    private final Preferences node;
    private final ObservableList<Path> files = FXCollections.observableArrayList();
    // One wrapper for everyone: a wrapper listens weakly to the list, so a throwaway one loses its listeners.
    private final ObservableList<Path> readOnly = FXCollections.unmodifiableObservableList(files);

    public RecentFiles(Preferences node) {
        this.node = node;
        for (int i = 0; i < MAX; i++) {
            String s = node.get(KEY + i, null);
            if (s == null) continue;
            try {
                Path p = Path.of(s);
                if (!files.contains(p)) files.add(p);
            } catch (InvalidPathException e) {
                // A path from another machine or OS: drop it.
            }
        }
    }

    public ObservableList<Path> files() {
        return readOnly;
    }

    public void add(Path file) {
        Path p = file.toAbsolutePath().normalize();
        List<Path> list = new ArrayList<>(files);
        list.remove(p);
        list.add(0, p);
        while (list.size() > MAX) list.remove(list.size() - 1);
        files.setAll(list);
        save();
    }

    public void remove(Path file) {
        if (files.remove(file)) save();
    }

    public void clear() {
        files.clear();
        save();
    }

    private void save() {
        try {
            for (int i = 0; i < MAX; i++) {
                if (i < files.size()) node.put(KEY + i, files.get(i).toString());
                else node.remove(KEY + i);
            }
            node.flush();
        } catch (BackingStoreException | IllegalStateException e) {
            // The list still works for this session; it just is not remembered (the store failed, or the node was
            // removed while the window was open: a settings reset, a test's clean-up).
        }
    }
}
