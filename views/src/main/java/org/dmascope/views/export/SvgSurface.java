package org.dmascope.views.export;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * SVG 1.1, written by hand: rectangles, polylines, circles, the icons' own path data, and text as
 * {@code <text>} (searchable and selectable in a browser), escaped, in the canvas's font families
 * named with fallbacks rather than embedded.
 */
final class SvgSurface implements Surface {
    static final String SANS_FAMILIES = "'DejaVu Sans', Verdana, 'Segoe UI', Arial, sans-serif";
    static final String MONO_FAMILIES = "'DejaVu Sans Mono', Menlo, Consolas, monospace";

    private final StringBuilder sb = new StringBuilder(1 << 16);
    private int depth;

    /**
     * @param width  the picture's width in pixels
     * @param height its height
     * @param viewX  the layout x shown at the left edge (for the visible part of the canvas)
     * @param viewY  the layout y shown at the top edge
     * @param title  the document's title
     */
    SvgSurface(double width, double height, double viewX, double viewY, String title) {
        sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"").append(n(width))
                .append("\" height=\"").append(n(height)).append("\" viewBox=\"").append(n(viewX)).append(' ')
                .append(n(viewY)).append(' ').append(n(width)).append(' ').append(n(height)).append("\">\n");
        sb.append("<title>").append(escape(title)).append("</title>\n");
    }

    @Override
    public void rect(double x, double y, double w, double h, double radius, Colour fill, Stroke stroke) {
        indent().append("<rect x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" width=\"").append(n(w))
                .append("\" height=\"").append(n(h)).append('"');
        if (radius > 0) sb.append(" rx=\"").append(n(radius)).append('"');
        paint(fill, stroke);
        sb.append("/>\n");
    }

    @Override
    public void polyline(double[] points, Stroke stroke) {
        indent().append("<polyline points=\"");
        for (int i = 0; i < points.length; i += 2) {
            if (i > 0) sb.append(' ');
            sb.append(n(points[i])).append(',').append(n(points[i + 1]));
        }
        sb.append('"');
        paint(null, stroke);
        sb.append("/>\n");
    }

    @Override
    public void circle(double cx, double cy, double r, Colour fill, Stroke stroke) {
        indent().append("<circle cx=\"").append(n(cx)).append("\" cy=\"").append(n(cy)).append("\" r=\"").append(n(r))
                .append('"');
        paint(fill, stroke);
        sb.append("/>\n");
    }

    @Override
    public void text(String text, double x, double baseline, TextStyle style, Colour colour) {
        if (text.isEmpty()) return;
        indent().append("<text x=\"").append(n(x)).append("\" y=\"").append(n(baseline)).append("\" font-family=\"")
                .append(style.family() == TextStyle.Family.MONO ? MONO_FAMILIES : SANS_FAMILIES)
                .append("\" font-size=\"").append(n(style.size())).append('"');
        if (style.bold()) sb.append(" font-weight=\"bold\"");
        sb.append(" xml:space=\"preserve\"");
        fill(colour);
        sb.append('>').append(escape(text)).append("</text>\n");
    }

    @Override
    public void icon(IconShape icon, double x, double y, double size, Colour fill) {
        indent().append("<path transform=\"translate(").append(n(x)).append(' ').append(n(y)).append(") scale(")
                .append(n(size / 24)).append(")\" d=\"").append(escape(icon.pathData())).append('"');
        fill(fill);
        sb.append("/>\n");
    }

    @Override
    public void beginItem(String id, String title) {
        indent().append("<g id=\"").append(escape(id)).append("\">\n");
        depth++;
        indent().append("<title>").append(escape(title)).append("</title>\n");
    }

    @Override
    public void endItem() {
        depth--;
        indent().append("</g>\n");
    }

    @Override
    public void finish(OutputStream out) throws IOException {
        sb.append("</svg>\n");
        out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    private StringBuilder indent() {
        for (int i = 0; i < depth; i++) sb.append("  ");
        return sb;
    }

    private void paint(Colour fill, Stroke stroke) {
        if (fill == null) sb.append(" fill=\"none\"");
        else fill(fill);
        if (stroke == null) return;
        sb.append(" stroke=\"").append(stroke.colour().hex()).append("\" stroke-width=\"").append(n(stroke.width()))
                .append('"');
        if (!stroke.colour().opaque()) sb.append(" stroke-opacity=\"").append(n(stroke.colour().alpha())).append('"');
        if (stroke.dash().length > 0) {
            sb.append(" stroke-dasharray=\"");
            for (int i = 0; i < stroke.dash().length; i++) sb.append(i > 0 ? " " : "").append(n(stroke.dash()[i]));
            sb.append('"');
        }
        if (stroke.round()) sb.append(" stroke-linecap=\"round\" stroke-linejoin=\"round\"");
    }

    private void fill(Colour c) {
        sb.append(" fill=\"").append(c.hex()).append('"');
        if (!c.opaque()) sb.append(" fill-opacity=\"").append(n(c.alpha())).append('"');
    }

    /** A number with at most two decimals and no trailing zeros. */
    static String n(double v) {
        long r = Math.round(v * 100);
        if (r % 100 == 0) return Long.toString(r / 100);
        return String.format(Locale.ROOT, "%.2f", r / 100.0).replaceAll("0+$", "");
    }

    /** XML text and attribute escaping; characters XML 1.0 forbids are dropped. */
    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> {
                    if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
                        if (c != 0xfffe && c != 0xffff) out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
