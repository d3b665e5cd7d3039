package org.dmascope.views.export;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A colour of a picture: red, green and blue from 0 to 255 and an opacity from 0 to 1.
 *
 * @param alpha opacity, 1 for solid
 */
public record Colour(int red, int green, int blue, double alpha) {
    private static final Pattern HEX = Pattern.compile("#([0-9a-fA-F]{6})");
    private static final Pattern RGBA = Pattern.compile(
            "rgba?\\(\\s*(\\d+)\\s*,\\s*(\\d+)\\s*,\\s*(\\d+)\\s*(?:,\\s*([0-9.]+)\\s*)?\\)");

    public static final Colour WHITE = new Colour(255, 255, 255, 1);

    public Colour {
        if (red < 0 || red > 255 || green < 0 || green > 255 || blue < 0 || blue > 255) {
            throw new IllegalArgumentException("colour components are 0 to 255");
        }
        if (!(alpha >= 0 && alpha <= 1)) throw new IllegalArgumentException("opacity is 0 to 1");
    }

    /**
     * A CSS colour as the canvas stylesheets write them: {@code #rrggbb}, {@code rgb(…)}, {@code rgba(…)} or
     * {@code white}; null for anything else.
     */
    static Colour parse(String css) {
        String s = css.trim();
        if (s.equalsIgnoreCase("white")) return WHITE;
        Matcher h = HEX.matcher(s);
        if (h.matches()) {
            int v = Integer.parseInt(h.group(1), 16);
            return new Colour(v >> 16 & 0xff, v >> 8 & 0xff, v & 0xff, 1);
        }
        Matcher m = RGBA.matcher(s);
        if (m.matches()) {
            return new Colour(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
                    m.group(4) == null ? 1 : Double.parseDouble(m.group(4)));
        }
        return null;
    }

    /** {@code #rrggbb}, without the opacity. */
    public String hex() {
        return String.format(Locale.ROOT, "#%02x%02x%02x", red, green, blue);
    }

    public boolean opaque() {
        return alpha >= 1;
    }

    /** The same colour at {@code opacity} times its own. */
    public Colour fade(double opacity) {
        return new Colour(red, green, blue, alpha * opacity);
    }
}
