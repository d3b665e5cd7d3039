package org.dmascope.views.common;

import javafx.geometry.Rectangle2D;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.stage.WindowEvent;

/**
 * How every secondary window of the app opens: owned by the main window, modeless, resizable, sized
 * to its content (never larger than the owner's screen area allows), and centred on the owner.
 *
 * <p>Modeless on purpose: on Linux a modal window makes GTK freeze its owner's size while it shows,
 * and window managers (openbox, KWin) then take the owner out of its maximised state
 * (JDK-8332222, fixed in JavaFX 23). A window that is owned stays in front of the main window anyway.
 */
public final class OwnedWindows {
    /** Margin kept between a secondary window and the edges of its owner. */
    private static final double MARGIN = 40;

    private OwnedWindows() {
    }

    /**
     * Owns {@code window} by {@code owner} and, each time it is shown, sizes it to its scene's content
     * (at least {@code minWidth} × {@code minHeight}, at most the owner less a margin) and centres it on the
     * owner. Call before the window is first shown.
     */
    public static void prepare(Stage window, Window owner, double minWidth, double minHeight) {
        prepare(window, owner, minWidth, minHeight, Double.MAX_VALUE, Double.MAX_VALUE);
    }

    /** {@link #prepare(Stage, Window, double, double)}, never larger than {@code maxWidth} × {@code maxHeight}. */
    public static void prepare(Stage window, Window owner, double minWidth, double minHeight, double maxWidth,
            double maxHeight) {
        if (window.getOwner() == null && owner != null) window.initOwner(owner);
        window.setResizable(true);
        window.setMinWidth(Math.min(minWidth, 400));
        window.setMinHeight(Math.min(minHeight, 240));
        fit(window, owner, minWidth, minHeight, maxWidth, maxHeight);
        window.addEventHandler(WindowEvent.WINDOW_SHOWING, e -> fit(window, owner, minWidth, minHeight,
                maxWidth, maxHeight));
        // A window manager may size and place the window itself when it maps it; once shown, it gets the size and
        // the place we said.
        window.addEventHandler(WindowEvent.WINDOW_SHOWN, e -> fit(window, owner, minWidth, minHeight, maxWidth,
                maxHeight));
    }

    /** The area a secondary window may take: the owner's bounds, or the screen's when there is no owner yet. */
    static Rectangle2D area(Window owner) {
        if (owner != null && owner.isShowing() && owner.getWidth() > 0) {
            return new Rectangle2D(owner.getX(), owner.getY(), owner.getWidth(), owner.getHeight());
        }
        return Screen.getPrimary().getVisualBounds();
    }

    /** Sizes {@code window} to its content within the owner. */
    public static void fit(Stage window, Window owner, double minWidth, double minHeight, double maxWidth,
            double maxHeight) {
        size(window, owner, minWidth, minHeight, maxWidth, maxHeight, false);
    }

    /**
     * Sizes {@code window} to its content within the owner, as {@link #fit}, but never smaller than it is: for
     * content that arrives after the window opened (the rows of a matrix computed in the background), which
     * must not undo what the window manager or the user made of its size.
     */
    public static void grow(Stage window, Window owner, double minWidth, double minHeight, double maxWidth,
            double maxHeight) {
        size(window, owner, minWidth, minHeight, maxWidth, maxHeight, true);
    }

    private static void size(Stage window, Window owner, double minWidth, double minHeight, double maxWidth,
            double maxHeight, boolean growOnly) {
        if (window.getScene() == null || window.getScene().getRoot() == null) return;
        Rectangle2D a = area(owner);
        Parent root = window.getScene().getRoot();
        root.applyCss();
        root.autosize();
        double prefW = root.prefWidth(-1);
        double prefH = root.prefHeight(prefW);
        double maxW = Math.max(minWidth, Math.min(maxWidth, a.getWidth() - 2 * MARGIN));
        double maxH = Math.max(minHeight, Math.min(maxHeight, a.getHeight() - 2 * MARGIN));
        double w = clamp(prefW + frame(window, true), minWidth, maxW);
        double h = clamp(prefH + frame(window, false), minHeight, maxH);
        window.setWidth(growOnly ? Math.max(w, window.getWidth()) : w);
        window.setHeight(growOnly ? Math.max(h, window.getHeight()) : h);
        // autosize gave the root its preferred size; the scene sizes its root again only when its own size
        // changes, which a shown window of unchanged width or height does not do
        Scene scene = window.getScene();
        if (window.isShowing() && scene.getWidth() > 0) root.resize(scene.getWidth(), scene.getHeight());
        centre(window, owner);
    }

    /** Centres {@code window} on its owner (on the screen when there is none). */
    public static void centre(Stage window, Window owner) {
        Rectangle2D a = area(owner);
        double w = window.getWidth() > 0 ? window.getWidth() : 400;
        double h = window.getHeight() > 0 ? window.getHeight() : 300;
        window.setX(a.getMinX() + Math.max(0, (a.getWidth() - w) / 2));
        window.setY(a.getMinY() + Math.max(0, (a.getHeight() - h) / 2));
    }

    /** What the window's decorations add to its scene, once known; nothing before the first showing. */
    private static double frame(Stage window, boolean horizontal) {
        if (!window.isShowing() || window.getScene() == null) return 0;
        return horizontal ? Math.max(0, window.getWidth() - window.getScene().getWidth())
                : Math.max(0, window.getHeight() - window.getScene().getHeight());
    }

    private static double clamp(double v, double min, double max) {
        return Math.max(min, Math.min(max, v));
    }
}
