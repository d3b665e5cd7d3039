package org.dmascope.views.export;

import java.awt.geom.AffineTransform;
import java.awt.geom.Arc2D;
import java.awt.geom.Path2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.dmascope.views.common.AppIcon;

/**
 * An icon of the canvas as a shape: the SVG path data the canvas draws ({@link AppIcon#pathData()}) and
 * the same outline as a Java2D path for the back ends that cannot take SVG path data (PNG, PDF).
 * The icons use M, L, H, V, C, A and Z; elliptical arcs become Java2D arcs.
 */
record IconShape(String pathData, Path2D shape) {
    private static final Map<AppIcon, IconShape> CACHE = new ConcurrentHashMap<>();

    static IconShape of(AppIcon icon) {
        return CACHE.computeIfAbsent(icon, i -> new IconShape(i.pathData(), parse(i.pathData())));
    }

    /** Parses SVG path data (absolute and relative commands) into a non-zero-winding path. */
    static Path2D parse(String d) {
        Path2D.Double p = new Path2D.Double(Path2D.WIND_NON_ZERO);
        List<String> tokens = tokens(d);
        int i = 0;
        char cmd = 'M';
        double x = 0;
        double y = 0;
        double startX = 0;
        double startY = 0;
        while (i < tokens.size()) {
            String t = tokens.get(i);
            if (Character.isLetter(t.charAt(0))) {
                cmd = t.charAt(0);
                i++;
                if (cmd == 'Z' || cmd == 'z') {
                    p.closePath();
                    x = startX;
                    y = startY;
                    continue;
                }
            }
            boolean rel = Character.isLowerCase(cmd);
            double ox = rel ? x : 0;
            double oy = rel ? y : 0;
            switch (Character.toUpperCase(cmd)) {
                case 'M' -> {
                    x = ox + num(tokens, i++);
                    y = oy + num(tokens, i++);
                    p.moveTo(x, y);
                    startX = x;
                    startY = y;
                    cmd = rel ? 'l' : 'L';
                }
                case 'L' -> {
                    x = ox + num(tokens, i++);
                    y = oy + num(tokens, i++);
                    p.lineTo(x, y);
                }
                case 'H' -> {
                    x = ox + num(tokens, i++);
                    p.lineTo(x, y);
                }
                case 'V' -> {
                    y = oy + num(tokens, i++);
                    p.lineTo(x, y);
                }
                case 'C' -> {
                    double x1 = ox + num(tokens, i++);
                    double y1 = oy + num(tokens, i++);
                    double x2 = ox + num(tokens, i++);
                    double y2 = oy + num(tokens, i++);
                    x = ox + num(tokens, i++);
                    y = oy + num(tokens, i++);
                    p.curveTo(x1, y1, x2, y2, x, y);
                }
                case 'A' -> {
                    double rx = num(tokens, i++);
                    double ry = num(tokens, i++);
                    double rot = num(tokens, i++);
                    boolean large = num(tokens, i++) != 0;
                    boolean sweep = num(tokens, i++) != 0;
                    double ex = ox + num(tokens, i++);
                    double ey = oy + num(tokens, i++);
                    arc(p, x, y, rx, ry, rot, large, sweep, ex, ey);
                    x = ex;
                    y = ey;
                }
                default -> throw new IllegalArgumentException("unsupported path command " + cmd + " in " + d);
            }
        }
        return p;
    }

    private static double num(List<String> tokens, int i) {
        if (i >= tokens.size()) throw new IllegalArgumentException("path data ends in the middle of a command");
        return Double.parseDouble(tokens.get(i));
    }

    private static List<String> tokens(String d) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < d.length()) {
            char c = d.charAt(i);
            if (Character.isWhitespace(c) || c == ',') {
                i++;
            } else if (Character.isLetter(c) && c != 'e' && c != 'E') {
                out.add(String.valueOf(c));
                i++;
            } else {
                int start = i;
                i++;
                while (i < d.length()) {
                    char n = d.charAt(i);
                    boolean exp = (n == '-' || n == '+') && (d.charAt(i - 1) == 'e' || d.charAt(i - 1) == 'E');
                    if (Character.isDigit(n) || n == 'e' || n == 'E' || exp
                            || n == '.' && !d.substring(start, i).contains(".")) {
                        i++;
                    } else {
                        break;
                    }
                }
                out.add(d.substring(start, i));
            }
        }
        return out;
    }

    /** The SVG endpoint arc as Java2D arc segments (SVG 1.1, appendix F.6.5: endpoint to centre). */
    private static void arc(Path2D p, double x0, double y0, double rx, double ry, double angle, boolean large,
                            boolean sweep, double x, double y) {
        if (x0 == x && y0 == y) return;
        if (rx == 0 || ry == 0) {
            p.lineTo(x, y);
            return;
        }
        rx = Math.abs(rx);
        ry = Math.abs(ry);
        double phi = Math.toRadians(angle % 360);
        double cos = Math.cos(phi);
        double sin = Math.sin(phi);
        double dx2 = (x0 - x) / 2;
        double dy2 = (y0 - y) / 2;
        double x1 = cos * dx2 + sin * dy2;
        double y1 = -sin * dx2 + cos * dy2;
        double lambda = x1 * x1 / (rx * rx) + y1 * y1 / (ry * ry);
        if (lambda > 1) {
            rx *= Math.sqrt(lambda);
            ry *= Math.sqrt(lambda);
        }
        double num = rx * rx * ry * ry - rx * rx * y1 * y1 - ry * ry * x1 * x1;
        double den = rx * rx * y1 * y1 + ry * ry * x1 * x1;
        double coef = (large == sweep ? -1 : 1) * Math.sqrt(Math.max(0, num / den));
        double cx1 = coef * rx * y1 / ry;
        double cy1 = coef * -(ry * x1 / rx);
        double cx = cos * cx1 - sin * cy1 + (x0 + x) / 2;
        double cy = sin * cx1 + cos * cy1 + (y0 + y) / 2;
        double start = Math.toDegrees(Math.atan2((y1 - cy1) / ry, (x1 - cx1) / rx));
        double end = Math.toDegrees(Math.atan2((-y1 - cy1) / ry, (-x1 - cx1) / rx));
        double extent = end - start;
        if (sweep && extent < 0) extent += 360;
        if (!sweep && extent > 0) extent -= 360;
        // Arc2D measures angles anticlockwise with y up; the path's y runs down, so both change sign.
        Arc2D.Double a = new Arc2D.Double(cx - rx, cy - ry, 2 * rx, 2 * ry, -start, -extent, Arc2D.OPEN);
        p.append(AffineTransform.getRotateInstance(phi, cx, cy).createTransformedShape(a), true);
    }
}
