package org.dmascope.views.export;

import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.PathIterator;
import java.awt.geom.RoundRectangle2D;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.state.PDExtendedGraphicsState;
import org.apache.pdfbox.util.Matrix;

/**
 * A one-page PDF drawn with Apache PDFBox (Apache-2.0): vector shapes and real text (searchable,
 * copyable). Text is set in DejaVu Sans and DejaVu Sans Mono, subset-embedded from the system's
 * fonts where installed (their licence allows embedding), else in the standard Helvetica and Courier,
 * whose WinAnsi encoding lacks a few symbols the canvas uses; those are spelled out ({@code ≠} as
 * {@code !=}). One layout pixel is one point, scaled down if the page would exceed the 200-inch
 * limit readers keep to.
 */
final class PdfSurface implements Surface {
    /** 200 inches, the largest page Acrobat opens. */
    static final double MAX_PAGE = 14_400;
    private static final List<Path> FONT_DIRS = List.of(Path.of("/usr/share/fonts/truetype/dejavu"),
            Path.of("/usr/share/fonts/dejavu"), Path.of("/usr/share/fonts/TTF"),
            Path.of("/usr/local/share/fonts"), Path.of("/Library/Fonts"));

    private enum Face {
        SANS("DejaVuSans.ttf", Standard14Fonts.FontName.HELVETICA),
        SANS_BOLD("DejaVuSans-Bold.ttf", Standard14Fonts.FontName.HELVETICA_BOLD),
        MONO("DejaVuSansMono.ttf", Standard14Fonts.FontName.COURIER),
        MONO_BOLD("DejaVuSansMono-Bold.ttf", Standard14Fonts.FontName.COURIER_BOLD);

        final String file;
        final Standard14Fonts.FontName standard;

        Face(String file, Standard14Fonts.FontName standard) {
            this.file = file;
            this.standard = standard;
        }

        static Face of(TextStyle s) {
            if (s.family() == TextStyle.Family.MONO) return s.bold() ? MONO_BOLD : MONO;
            return s.bold() ? SANS_BOLD : SANS;
        }
    }

    private final PDDocument doc = new PDDocument();
    private final PDPageContentStream cs;
    private final Map<Face, PDFont> fonts = new EnumMap<>(Face.class);

    /**
     * @param width  the picture's width in layout pixels
     * @param height its height
     * @param viewX  the layout x at the left edge
     * @param viewY  the layout y at the top edge
     */
    PdfSurface(double width, double height, double viewX, double viewY, String title) {
        double s = Math.min(1, MAX_PAGE / Math.max(width, height));
        PDPage page = new PDPage(new PDRectangle((float) (width * s), (float) (height * s)));
        doc.addPage(page);
        PDDocumentInformation info = doc.getDocumentInformation();
        info.setTitle(title);
        info.setCreator("dmascope");
        try {
            cs = new PDPageContentStream(doc, page);
            // y down, as the layout: the page's origin is its bottom left
            cs.transform(new Matrix((float) s, 0, 0, (float) -s, (float) (-viewX * s), (float) ((height + viewY) * s)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void rect(double x, double y, double w, double h, double radius, Colour fill, Stroke stroke) {
        paint(new RoundRectangle2D.Double(x, y, w, h, 2 * radius, 2 * radius), fill, stroke);
    }

    @Override
    public void polyline(double[] points, Stroke stroke) {
        run(() -> {
            cs.saveGraphicsState();
            strokeStyle(stroke);
            cs.moveTo((float) points[0], (float) points[1]);
            for (int i = 2; i < points.length; i += 2) cs.lineTo((float) points[i], (float) points[i + 1]);
            cs.stroke();
            cs.restoreGraphicsState();
        });
    }

    @Override
    public void circle(double cx, double cy, double r, Colour fill, Stroke stroke) {
        paint(new Ellipse2D.Double(cx - r, cy - r, 2 * r, 2 * r), fill, stroke);
    }

    @Override
    public void text(String text, double x, double baseline, TextStyle style, Colour colour) {
        if (text.isEmpty()) return;
        run(() -> {
            PDFont font = font(Face.of(style));
            String shown = encodable(font, text);
            cs.saveGraphicsState();
            fillStyle(colour);
            cs.beginText();
            cs.setFont(font, (float) style.size());
            // the page is flipped to y down: flip the glyphs back upright
            cs.setTextMatrix(new Matrix(1, 0, 0, -1, (float) x, (float) baseline));
            cs.showText(shown);
            cs.endText();
            cs.restoreGraphicsState();
        });
    }

    @Override
    public void icon(IconShape icon, double x, double y, double size, Colour fill) {
        AffineTransform t = AffineTransform.getTranslateInstance(x, y);
        t.scale(size / 24, size / 24);
        paint(t.createTransformedShape(icon.shape()), fill, null);
    }

    @Override
    public void finish(OutputStream out) throws IOException {
        try (doc) {
            cs.close();
            doc.save(out);
        }
    }

    private void paint(Shape shape, Colour fill, Stroke stroke) {
        run(() -> {
            cs.saveGraphicsState();
            if (fill != null) {
                fillStyle(fill);
                path(shape);
                cs.fill();
            }
            if (stroke != null) {
                strokeStyle(stroke);
                path(shape);
                cs.stroke();
            }
            cs.restoreGraphicsState();
        });
    }

    private void path(Shape shape) throws IOException {
        PathIterator it = shape.getPathIterator(null);
        double[] c = new double[6];
        double lx = 0;
        double ly = 0;
        while (!it.isDone()) {
            switch (it.currentSegment(c)) {
                case PathIterator.SEG_MOVETO -> {
                    cs.moveTo((float) c[0], (float) c[1]);
                    lx = c[0];
                    ly = c[1];
                }
                case PathIterator.SEG_LINETO -> {
                    cs.lineTo((float) c[0], (float) c[1]);
                    lx = c[0];
                    ly = c[1];
                }
                case PathIterator.SEG_QUADTO -> {
                    // a quadratic as the cubic with the same curve
                    cs.curveTo((float) (lx + 2 * (c[0] - lx) / 3), (float) (ly + 2 * (c[1] - ly) / 3),
                            (float) (c[2] + 2 * (c[0] - c[2]) / 3), (float) (c[3] + 2 * (c[1] - c[3]) / 3),
                            (float) c[2], (float) c[3]);
                    lx = c[2];
                    ly = c[3];
                }
                case PathIterator.SEG_CUBICTO -> {
                    cs.curveTo((float) c[0], (float) c[1], (float) c[2], (float) c[3], (float) c[4], (float) c[5]);
                    lx = c[4];
                    ly = c[5];
                }
                case PathIterator.SEG_CLOSE -> cs.closePath();
                default -> throw new IllegalStateException("unknown path segment");
            }
            it.next();
        }
    }

    private void fillStyle(Colour c) throws IOException {
        cs.setNonStrokingColor(c.red() / 255f, c.green() / 255f, c.blue() / 255f);
        if (!c.opaque()) {
            PDExtendedGraphicsState gs = new PDExtendedGraphicsState();
            gs.setNonStrokingAlphaConstant((float) c.alpha());
            cs.setGraphicsStateParameters(gs);
        }
    }

    private void strokeStyle(Stroke s) throws IOException {
        Colour c = s.colour();
        cs.setStrokingColor(c.red() / 255f, c.green() / 255f, c.blue() / 255f);
        if (!c.opaque()) {
            PDExtendedGraphicsState gs = new PDExtendedGraphicsState();
            gs.setStrokingAlphaConstant((float) c.alpha());
            cs.setGraphicsStateParameters(gs);
        }
        cs.setLineWidth((float) s.width());
        cs.setLineCapStyle(s.round() ? 1 : 0);
        cs.setLineJoinStyle(s.round() ? 1 : 0);
        if (s.dash().length > 0) {
            float[] dash = new float[s.dash().length];
            for (int i = 0; i < dash.length; i++) dash[i] = (float) s.dash()[i];
            cs.setLineDashPattern(dash, 0);
        }
    }

    private PDFont font(Face face) throws IOException {
        PDFont f = fonts.get(face);
        if (f == null) {
            Path file = FONT_DIRS.stream().map(d -> d.resolve(face.file)).filter(Files::isReadable).findFirst()
                    .orElse(null);
            f = file != null ? PDType0Font.load(doc, file.toFile()) : new PDType1Font(face.standard);
            fonts.put(face, f);
        }
        return f;
    }

    /** The text with each character the font cannot show spelled out or replaced. */
    static String encodable(PDFont font, String text) {
        StringBuilder sb = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            String ch = new String(Character.toChars(cp));
            if (canShow(font, ch)) {
                sb.append(ch);
                return;
            }
            String alt = switch (cp) {
                case '≠' -> "!=";
                case '▼' -> "v";
                case '✕' -> "x";
                case '→' -> "->";
                case '…' -> "...";
                case '·' -> "-";
                case '≤' -> "<=";
                case '≥' -> ">=";
                default -> "?";
            };
            sb.append(canShow(font, alt) ? alt : "?");
        });
        return sb.toString();
    }

    private static boolean canShow(PDFont font, String s) {
        try {
            font.encode(s);
            return true;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }

    private interface PdfOp {
        void run() throws IOException;
    }

    private static void run(PdfOp op) {
        try {
            op.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
