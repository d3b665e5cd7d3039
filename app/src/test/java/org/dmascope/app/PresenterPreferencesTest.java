package org.dmascope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The UI scale and the playback speed are remembered, and what cannot be used reads as the default. */
class PresenterPreferencesTest {
    private final Preferences node = Preferences.userRoot().node(TestPreferences.newNodeName());

    @AfterEach
    void remove() throws BackingStoreException {
        TestPreferences.remove(node);
    }

    @Test
    void scaleAndSpeedAreRememberedAcrossInstances() {
        assertEquals(1.0, new AppPreferences(node).uiScale());
        assertEquals(1.0, new AppPreferences(node).playbackSpeed());
        AppPreferences p = new AppPreferences(node);
        p.setUiScale(1.6);
        p.setPlaybackSpeed(0.5);
        assertEquals(1.6, new AppPreferences(node).uiScale());
        assertEquals(0.5, new AppPreferences(node).playbackSpeed());
    }

    @Test
    void outOfRangeValuesAreClampedOrIgnored() {
        AppPreferences p = new AppPreferences(node);
        p.setUiScale(9);
        assertEquals(2.5, p.uiScale());
        p.setPlaybackSpeed(0.01);
        assertEquals(0.25, p.playbackSpeed());
        node.putDouble("uiScale", Double.NaN);
        node.put("playbackSpeed", "fast");
        assertEquals(1.0, p.uiScale(), "an unreadable scale is the normal size");
        assertEquals(1.0, p.playbackSpeed(), "an unreadable speed is the normal pace");
    }
}
