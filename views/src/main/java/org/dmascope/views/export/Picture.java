package org.dmascope.views.export;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * A picture that can be written as SVG, PNG or PDF through the back ends of this package: the
 * topology ({@link TopologyPicture}) or a sheet of tables and chains ({@link SheetPicture}: the P2P
 * matrix, the scatter list, the page walk).
 */
public interface Picture {
    /**
     * The most pixels a PNG gets (40 megapixels, 160 MB while drawn): a larger picture is drawn at a
     * smaller scale, and {@link #pngScale} says which.
     */
    double MAX_PNG_PIXELS = 40e6;
    /** The longest side a PNG can have in Java2D with room to spare. */
    int MAX_PNG_SIDE = 32_000;

    /** Width of the picture in layout pixels. */
    double width();

    /** Height of the picture in layout pixels. */
    double height();

    /**
     * Writes the picture.
     *
     * @param pngScale image pixels per layout pixel for a PNG (reduced to {@link #pngScale}); ignored otherwise
     */
    void write(PictureFormat format, double pngScale, OutputStream out) throws IOException;

    /** The scale a PNG is drawn at when {@code wanted} is asked: smaller when the image would be too large. */
    default double pngScale(double wanted) {
        double s = wanted;
        double pixels = width() * height() * s * s;
        if (pixels > MAX_PNG_PIXELS) s = Math.sqrt(MAX_PNG_PIXELS / (width() * height()));
        return Math.min(s, MAX_PNG_SIDE / Math.max(width(), height()));
    }

    /** The picture as bytes. */
    default byte[] bytes(PictureFormat format, double pngScale) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            write(format, pngScale, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
