package org.dmascope.views.export;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

import org.dmascope.model.topology.Topology;
import org.dmascope.views.topology.LayoutResult;
import org.dmascope.views.topology.Rect;

/**
 * A picture of a topology drawn from the same layout as the canvas, in SVG, PNG or PDF, without the
 * JavaFX toolkit: the command line's {@code dmascope draw} and the window's File ▸ Export Picture both
 * draw through here. Make one with {@link #of}, then {@link #write} it.
 */
public final class TopologyPicture {
    /**
     * The most pixels a PNG gets (40 megapixels, 160 MB while drawn): a larger picture is drawn at a
     * smaller scale, and {@link #pngScale} says which.
     */
    public static final double MAX_PNG_PIXELS = 40e6;
    /** The longest side a PNG can have in Java2D with room to spare. */
    public static final int MAX_PNG_SIDE = 32_000;

    private final Topology topology;
    private final TextMeasure measure = new TextMeasure();
    private final TopologyPainter painter;
    private final Rect view;
    private final double legend;

    private TopologyPicture(Topology topology, LayoutResult layout, PictureOptions options) {
        this.topology = topology;
        this.painter = new TopologyPainter(topology, layout, options, CanvasPalette.light(), measure);
        Rect whole = layout.bounds();
        this.view = options.area().map(a -> clip(a, whole)).orElse(whole);
        this.legend = painter.legendHeight(view.width());
    }

    /** A picture of {@code layout} (computed for {@code topology}) showing what {@code options} ask. */
    public static TopologyPicture of(Topology topology, LayoutResult layout, PictureOptions options) {
        return new TopologyPicture(topology, layout, options);
    }

    private static Rect clip(Rect area, Rect whole) {
        double x = Math.max(whole.x(), area.x());
        double y = Math.max(whole.y(), area.y());
        double maxX = Math.min(whole.maxX(), area.maxX());
        double maxY = Math.min(whole.maxY(), area.maxY());
        if (maxX - x < 1 || maxY - y < 1) return whole;
        return new Rect(x, y, maxX - x, maxY - y);
    }

    /** Width of the picture in layout pixels. */
    public double width() {
        return view.width();
    }

    /** Height of the picture in layout pixels, the legend band included. */
    public double height() {
        return view.height() + legend;
    }

    /** The scale a PNG is drawn at when {@code wanted} is asked: smaller when the image would be too large. */
    public double pngScale(double wanted) {
        double s = wanted;
        double pixels = width() * height() * s * s;
        if (pixels > MAX_PNG_PIXELS) s = Math.sqrt(MAX_PNG_PIXELS / (width() * height()));
        s = Math.min(s, MAX_PNG_SIDE / Math.max(width(), height()));
        return s;
    }

    /**
     * Writes the picture.
     *
     * @param pngScale image pixels per layout pixel for a PNG (reduced to {@link #pngScale}); ignored otherwise
     */
    public void write(PictureFormat format, double pngScale, OutputStream out) throws IOException {
        Surface s = surface(format, pngScale);
        painter.paint(s, view);
        s.finish(out);
    }

    /** The picture as bytes. */
    public byte[] bytes(PictureFormat format, double pngScale) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            write(format, pngScale, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private Surface surface(PictureFormat format, double pngScale) {
        String title = TopologyPainter.title(topology);
        double top = view.y() - legend;
        return switch (format) {
            case SVG -> new SvgSurface(width(), height(), view.x(), top, title);
            case PDF -> new PdfSurface(width(), height(), view.x(), top, title);
            case PNG -> {
                double s = pngScale(pngScale);
                yield new PngSurface(Math.max(1, (int) Math.ceil(width() * s)), Math.max(1,
                        (int) Math.ceil(height() * s)), s, view.x(), top, measure);
            }
        };
    }
}
