package org.dmascope.views.export;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;

import javax.imageio.ImageIO;

/**
 * A PNG drawn with Java2D into a {@link BufferedImage}: no window, no JavaFX toolkit, so it works
 * headless (the CLI, CI). Antialiased, at {@code scale} pixels per layout pixel.
 */
final class PngSurface implements Surface {
    private final BufferedImage image;
    private final Graphics2D g;
    private final TextMeasure measure;

    /**
     * @param pixelWidth  the image's width in pixels
     * @param pixelHeight its height
     * @param scale       image pixels per layout pixel
     * @param viewX       the layout x at the left edge
     * @param viewY       the layout y at the top edge
     */
    PngSurface(int pixelWidth, int pixelHeight, double scale, double viewX, double viewY, TextMeasure measure) {
        this.measure = measure;
        image = new BufferedImage(pixelWidth, pixelHeight, BufferedImage.TYPE_INT_ARGB);
        g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.scale(scale, scale);
        g.translate(-viewX, -viewY);
    }

    @Override
    public void rect(double x, double y, double w, double h, double radius, Colour fill, Stroke stroke) {
        RoundRectangle2D.Double r = new RoundRectangle2D.Double(x, y, w, h, 2 * radius, 2 * radius);
        if (fill != null) {
            g.setColor(awt(fill));
            g.fill(r);
        }
        if (stroke != null) draw(r, stroke);
    }

    @Override
    public void polyline(double[] points, Stroke stroke) {
        Path2D.Double p = new Path2D.Double();
        p.moveTo(points[0], points[1]);
        for (int i = 2; i < points.length; i += 2) p.lineTo(points[i], points[i + 1]);
        draw(p, stroke);
    }

    @Override
    public void circle(double cx, double cy, double r, Colour fill, Stroke stroke) {
        Ellipse2D.Double e = new Ellipse2D.Double(cx - r, cy - r, 2 * r, 2 * r);
        if (fill != null) {
            g.setColor(awt(fill));
            g.fill(e);
        }
        if (stroke != null) draw(e, stroke);
    }

    @Override
    public void text(String text, double x, double baseline, TextStyle style, Colour colour) {
        if (text.isEmpty()) return;
        g.setFont(measure.font(style));
        g.setColor(awt(colour));
        g.drawString(text, (float) x, (float) baseline);
    }

    @Override
    public void icon(IconShape icon, double x, double y, double size, Colour fill) {
        AffineTransform t = AffineTransform.getTranslateInstance(x, y);
        t.scale(size / 24, size / 24);
        g.setColor(awt(fill));
        g.fill(t.createTransformedShape(icon.shape()));
    }

    @Override
    public void finish(OutputStream out) throws IOException {
        g.dispose();
        if (!ImageIO.write(image, "png", out)) throw new IOException("this Java has no PNG writer");
    }

    /** The image, for tests. */
    BufferedImage image() {
        return image;
    }

    private void draw(Shape s, Stroke stroke) {
        int cap = stroke.round() ? BasicStroke.CAP_ROUND : BasicStroke.CAP_BUTT;
        int join = stroke.round() ? BasicStroke.JOIN_ROUND : BasicStroke.JOIN_MITER;
        float[] dash = null;
        if (stroke.dash().length > 0) {
            dash = new float[stroke.dash().length];
            for (int i = 0; i < dash.length; i++) dash[i] = (float) stroke.dash()[i];
        }
        g.setStroke(new BasicStroke((float) stroke.width(), cap, join, 10f, dash, 0f));
        g.setColor(awt(stroke.colour()));
        g.draw(s);
    }

    private static Color awt(Colour c) {
        return new Color(c.red(), c.green(), c.blue(), (int) Math.round(c.alpha() * 255));
    }
}
