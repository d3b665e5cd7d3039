package org.dmascope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

import javafx.geometry.Rectangle2D;

import org.junit.jupiter.api.Test;

class WindowPlacementTest {
    private static final Rectangle2D LAPTOP = new Rectangle2D(0, 0, 1280, 800);
    private static final Rectangle2D MONITOR = new Rectangle2D(1280, 0, 2560, 1440);

    @Test
    void theFirstWindowFillsMostOfTheScreenCentred() {
        assertEquals(new WindowPlacement(96, 60, 1088, 680, false), WindowPlacement.firstRun(LAPTOP, 960, 600));
        // A large monitor gets a generous window, not a wall.
        WindowPlacement big = WindowPlacement.firstRun(new Rectangle2D(0, 0, 3840, 2160), 960, 600);
        assertEquals(1920, big.width());
        assertEquals(1200, big.height());
        assertEquals(960, big.x());
        // A screen smaller than the minimum: the whole screen, not beyond it.
        WindowPlacement tiny = WindowPlacement.firstRun(new Rectangle2D(0, 0, 800, 600), 960, 600);
        assertEquals(800, tiny.width());
        assertEquals(600, tiny.height());
    }

    @Test
    void aWindowOnAScreenThatStillExistsStaysWhereItWas() {
        WindowPlacement onMonitor = new WindowPlacement(1500, 100, 1400, 900, true);
        assertEquals(onMonitor, onMonitor.onScreens(List.of(LAPTOP, MONITOR), LAPTOP));
        // Straddling the two screens, its title bar half on each: still reachable.
        WindowPlacement straddling = new WindowPlacement(700, 10, 1160, 700, false);
        assertEquals(straddling, straddling.onScreens(List.of(LAPTOP, MONITOR), LAPTOP));
        // Spread over both on purpose, wider than either.
        WindowPlacement wide = new WindowPlacement(100, 10, 3000, 700, false);
        assertEquals(wide, wide.onScreens(List.of(LAPTOP, MONITOR), LAPTOP));
    }

    @Test
    void aWindowHangingOffItsScreenAfterTheResolutionWasLoweredIsMovedOntoItOrMaximisedThere() {
        // Remembered on a 1920×1080 screen, started on a 1280×800 one: the title bar is on it, the rest is not.
        WindowPlacement big = new WindowPlacement(146, 121, 1632, 918, false);
        assertEquals(new WindowPlacement(96, 60, 1088, 680, true), big.onScreens(List.of(LAPTOP), LAPTOP),
                "maximised there, its normal size the first run's");
        // The screen's own size, pushed down by a title bar: no room for the frame, so maximised too.
        assertEquals(new WindowPlacement(96, 60, 1088, 680, true),
                new WindowPlacement(2, 40, 1280, 800, false).onScreens(List.of(LAPTOP), LAPTOP));
        assertEquals(new WindowPlacement(96, 60, 1088, 680, true),
                new WindowPlacement(0, 0, 1280, 800, false).onScreens(List.of(LAPTOP), LAPTOP));
        // Small enough, only hanging off the right and bottom edges: moved in, its size kept.
        WindowPlacement off = new WindowPlacement(900, 500, 600, 400, false);
        assertEquals(new WindowPlacement(680, 400, 600, 400, false), off.onScreens(List.of(LAPTOP), LAPTOP));
        // Its lower left corner on no screen (the laptop is shorter than the monitor): moved into the laptop.
        WindowPlacement gap = new WindowPlacement(1000, 700, 600, 300, false);
        assertEquals(new WindowPlacement(680, 500, 600, 300, false), gap.onScreens(List.of(LAPTOP, MONITOR), LAPTOP));
    }

    @Test
    void aWindowWhoseScreenIsGoneComesBackCentredOnThePrimaryShrunkToFit() {
        WindowPlacement onMonitor = new WindowPlacement(1500, 100, 1400, 900, true);
        assertEquals(new WindowPlacement(0, 0, 1280, 800, true), onMonitor.onScreens(List.of(LAPTOP), LAPTOP));
        // Title bar above the top of the screen: unreachable, so moved.
        WindowPlacement above = new WindowPlacement(100, -200, 800, 600, false);
        assertEquals(new WindowPlacement(240, 100, 800, 600, false), above.onScreens(List.of(LAPTOP), LAPTOP));
    }

    @Test
    void readsBackWhatItWroteAndNothingFromAPartialRecord() throws BackingStoreException {
        Preferences node = Preferences.userRoot().node(TestPreferences.newNodeName());
        try {
            assertEquals(Optional.empty(), WindowPlacement.read(node));
            node.putDouble("width", 900);
            assertEquals(Optional.empty(), WindowPlacement.read(node), "no place, no height");
            WindowPlacement p = new WindowPlacement(12.5, 30, 900, 640, true);
            p.write(node);
            assertEquals(Optional.of(p), WindowPlacement.read(node));
        } finally {
            TestPreferences.remove(node);
        }
    }
}
