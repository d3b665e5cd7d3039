package org.dmascope.app;

import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/** Preferences nodes for tests, under /dmascope-test, removed from disk afterwards. */
final class TestPreferences {
    static final String ROOT = "/dmascope-test";

    private TestPreferences() {
    }

    static String newNodeName() {
        return ROOT + "/" + java.util.UUID.randomUUID();
    }

    /** Removes the node and flushes its parent, so the removal reaches the disk now, not at some later sync. */
    static void remove(Preferences node) throws BackingStoreException {
        Preferences parent = node.parent();
        node.removeNode();
        if (parent.absolutePath().equals(ROOT) && parent.childrenNames().length == 0) {
            Preferences root = parent.parent();
            parent.removeNode();
            root.flush();
        } else {
            parent.flush();
        }
    }
}
