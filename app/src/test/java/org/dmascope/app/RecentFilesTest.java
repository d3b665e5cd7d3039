package org.dmascope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RecentFilesTest {
    private final Preferences node = Preferences.userRoot().node(TestPreferences.newNodeName());

    @AfterEach
    void tearDown() throws BackingStoreException {
        TestPreferences.remove(node);
    }

    private static Path p(String name) {
        return Path.of("/data", name).toAbsolutePath();
    }

    @Test
    void newestFirstWithoutDuplicatesAndPersisted() {
        RecentFiles recent = new RecentFiles(node);
        recent.add(p("a.json"));
        recent.add(p("b.json"));
        recent.add(p("a.json"));
        assertEquals(List.of(p("a.json"), p("b.json")), recent.files());
        assertEquals(List.of(p("a.json"), p("b.json")), new RecentFiles(node).files(), "read back from preferences");
    }

    @Test
    void keepsAtMostTen() {
        RecentFiles recent = new RecentFiles(node);
        IntStream.range(0, 14).forEach(i -> recent.add(p(i + ".json")));
        assertEquals(RecentFiles.MAX, recent.files().size());
        assertEquals(p("13.json"), recent.files().get(0));
        assertEquals(p("4.json"), recent.files().get(9));
        assertEquals(10, new RecentFiles(node).files().size());
    }

    @Test
    void removeAndClearPersist() {
        RecentFiles recent = new RecentFiles(node);
        recent.add(p("a.json"));
        recent.add(p("b.json"));
        recent.remove(p("b.json"));
        assertEquals(List.of(p("a.json")), new RecentFiles(node).files());
        recent.clear();
        assertEquals(List.of(), new RecentFiles(node).files());
    }
}
