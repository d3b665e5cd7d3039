package org.dmascope.views.export;

import java.io.IOException;
import java.io.OutputStream;

/**
 * What a picture is drawn on: one back end per file format (SVG, PNG, PDF). Coordinates are the
 * layout's, in pixels at zoom 1, with y growing downwards; each back end maps them to its own. Text is
 * placed at its baseline and stays text where the format can keep it so.
 */
interface Surface {
    /** A rectangle with corners rounded by {@code radius}, filled and/or outlined (null: neither). */
    void rect(double x, double y, double w, double h, double radius, Colour fill, Stroke stroke);

    /** Connected straight lines through x0, y0, x1, y1, …, not closed, not filled. */
    void polyline(double[] points, Stroke stroke);

    void circle(double cx, double cy, double r, Colour fill, Stroke stroke);

    /** Text from {@code x} on the baseline {@code baseline}. */
    void text(String text, double x, double baseline, TextStyle style, Colour colour);

    /** An icon of the 24×24 view box, scaled to {@code size} with its top left at x, y. */
    void icon(IconShape icon, double x, double y, double size, Colour fill);

    /**
     * Starts a group of marks for one thing on the canvas (a card, a host bridge): the SVG back end
     * makes it a {@code <g>} with this id and a {@code <title>} a viewer shows as a tooltip.
     */
    default void beginItem(String id, String title) {
    }

    default void endItem() {
    }

    /** Writes the finished picture. */
    void finish(OutputStream out) throws IOException;

    /**
     * A line's paint.
     *
     * @param dash  on and off lengths, empty for a solid line
     * @param round round caps and joins, as the route has
     */
    record Stroke(Colour colour, double width, double[] dash, boolean round) {
        static Stroke solid(Colour c, double width) {
            return new Stroke(c, width, new double[0], false);
        }

        static Stroke dashed(Colour c, double width, double... dash) {
            return new Stroke(c, width, dash, false);
        }

        Stroke rounded() {
            return new Stroke(colour, width, dash, true);
        }
    }
}
