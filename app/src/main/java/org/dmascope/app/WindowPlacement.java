package org.dmascope.app;

import java.util.List;
import java.util.Optional;
import java.util.prefs.Preferences;

import javafx.geometry.Rectangle2D;

/**
 * Where the main window was, how big, and whether maximised, remembered between runs. The bounds are the
 * window's normal (not maximised) ones, so un-maximising after a restart gives back what the user had.
 *
 * @param x         left edge, screen coordinates
 * @param y         top edge
 * @param width     width
 * @param height    height
 * @param maximized whether the window was maximised
 */
public record WindowPlacement(double x, double y, double width, double height, boolean maximized) {
    /** How much of the title bar must lie on a screen for the user to grab the window there. */
    private static final double GRAB_WIDTH = 120;
    private static final double GRAB_HEIGHT = 24;
    /** The first window's share of the screen, and the size beyond which more pixels only spread the drawing. */
    private static final double FIRST_SHARE = 0.85;
    private static final double FIRST_MAX_WIDTH = 1920;
    private static final double FIRST_MAX_HEIGHT = 1200;
    /** Room for the window manager's frame and title bar, which the stored bounds do not include. */
    private static final double FRAME = 48;

    /** The first window on a screen: most of it, centred, never below the window's minimum size. */
    public static WindowPlacement firstRun(Rectangle2D screen, double minWidth, double minHeight) {
        double w = Math.min(screen.getWidth(), Math.max(minWidth, Math.min(FIRST_MAX_WIDTH,
                screen.getWidth() * FIRST_SHARE)));
        double h = Math.min(screen.getHeight(), Math.max(minHeight, Math.min(FIRST_MAX_HEIGHT,
                screen.getHeight() * FIRST_SHARE)));
        return centred(screen, w, h, false);
    }

    /** A window of the given size centred on {@code screen}. */
    public static WindowPlacement centred(Rectangle2D screen, double width, double height, boolean maximized) {
        return new WindowPlacement(screen.getMinX() + (screen.getWidth() - width) / 2,
                screen.getMinY() + (screen.getHeight() - height) / 2, width, height, maximized);
    }

    /**
     * This placement where the user can reach it and see it whole: unchanged when part of its title bar lies on one of
     * {@code screens}, each of its corners lies on some screen (a window may straddle two) and a window within one
     * screen leaves room for its frame; moved into the screen that holds its title bar when it hangs off the screens'
     * edges, maximised there if it is larger (a resolution lowered: a window remembered at 1632×918 on a 1280×800
     * screen); otherwise (a screen unplugged, the title bar off every screen) the same size, shrunk to fit, centred on
     * {@code primary}.
     */
    public WindowPlacement onScreens(List<Rectangle2D> screens, Rectangle2D primary) {
        Rectangle2D grab = new Rectangle2D(x + Math.max(0, (width - GRAB_WIDTH) / 2), y,
                Math.min(GRAB_WIDTH, width), GRAB_HEIGHT);
        for (Rectangle2D s : screens) {
            if (overlapWidth(s, grab) >= GRAB_WIDTH / 3 && s.getMinY() <= grab.getMinY()
                    && grab.getMaxY() <= s.getMaxY()) {
                // a window the screen's size leaves its frame no room; one spanning two screens is the user's choice
                boolean tight = !maximized && s.contains(x, y, width, height)
                        && (width > s.getWidth() - FRAME || height > s.getHeight() - FRAME);
                return cornersOn(screens) && !tight ? this : within(s);
            }
        }
        return centred(primary, Math.min(width, primary.getWidth()), Math.min(height, primary.getHeight()),
                maximized);
    }

    private boolean cornersOn(List<Rectangle2D> screens) {
        double right = x + width - 1;
        double bottom = y + height - 1;
        return onAny(screens, x, y) && onAny(screens, right, y) && onAny(screens, x, bottom)
                && onAny(screens, right, bottom);
    }

    private static boolean onAny(List<Rectangle2D> screens, double px, double py) {
        return screens.stream().anyMatch(s -> s.contains(px, py));
    }

    /**
     * The same window moved into {@code s}; one that cannot fit there with its frame opens maximised there (the
     * window manager then fits the frame too, which a window of the screen's size would push off the bottom), its
     * normal size the first run's.
     */
    private WindowPlacement within(Rectangle2D s) {
        if (width > s.getWidth() - FRAME || height > s.getHeight() - FRAME) {
            return centred(s, s.getWidth() * FIRST_SHARE, s.getHeight() * FIRST_SHARE, true);
        }
        double nx = Math.max(s.getMinX(), Math.min(x, s.getMaxX() - width));
        double ny = Math.max(s.getMinY(), Math.min(y, s.getMaxY() - height));
        return new WindowPlacement(nx, ny, width, height, maximized);
    }

    private static double overlapWidth(Rectangle2D a, Rectangle2D b) {
        return Math.min(a.getMaxX(), b.getMaxX()) - Math.max(a.getMinX(), b.getMinX());
    }

    /** The placement stored under {@code node}, if a whole, sane one is there. */
    public static Optional<WindowPlacement> read(Preferences node) {
        double w = node.getDouble("width", -1);
        double h = node.getDouble("height", -1);
        double x = node.getDouble("x", Double.NaN);
        double y = node.getDouble("y", Double.NaN);
        if (!(w > 0 && h > 0 && Double.isFinite(x) && Double.isFinite(y))) return Optional.empty();
        return Optional.of(new WindowPlacement(x, y, w, h, node.getBoolean("maximized", false)));
    }

    public void write(Preferences node) {
        node.putDouble("x", x);
        node.putDouble("y", y);
        node.putDouble("width", width);
        node.putDouble("height", height);
        node.putBoolean("maximized", maximized);
    }
}
