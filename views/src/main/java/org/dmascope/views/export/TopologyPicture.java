package org.dmascope.views.export;

import java.io.IOException;
import java.io.OutputStream;

import org.dmascope.model.topology.Topology;
import org.dmascope.views.topology.LayoutResult;
import org.dmascope.views.topology.Rect;

/**
 * A picture of a topology drawn from the same layout as the canvas, in SVG, PNG or PDF, without the
 * JavaFX toolkit: the command line's {@code dmascope draw} and the window's File ▸ Export Picture both
 * draw through here. Make one with {@link #of}, then {@link #write} it.
 */
public final class TopologyPicture implements Picture {
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

    @Override
    public double width() {
        return view.width();
    }

    /** Height of the picture in layout pixels, the legend band included. */
    @Override
    public double height() {
        return view.height() + legend;
    }

    @Override
    public void write(PictureFormat format, double pngScale, OutputStream out) throws IOException {
        Surface s = surface(format, pngScale);
        painter.paint(s, view);
        s.finish(out);
    }

    private Surface surface(PictureFormat format, double pngScale) {
        String title = TopologyPainter.title(topology);
        double top = view.y() - legend;
        return Surfaces.open(format, width(), height(), view.x(), top, title, pngScale(pngScale), measure);
    }
}
