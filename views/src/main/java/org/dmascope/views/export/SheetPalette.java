package org.dmascope.views.export;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.dmascope.views.common.Resources;
import org.dmascope.views.export.Sheet.Tone;

/**
 * The colours of a sheet, read from the stylesheets the window uses: the map-type colours, text and
 * header of matrix-grid.css (the light-theme side of each {@code ladder()}), so a matrix picture has the
 * matrix's blue, orange and grey, and the lines and highlights of the canvas ({@link CanvasPalette}).
 */
final class SheetPalette {
    private static final String MATRIX_CSS = "/org/dmascope/views/matrix/matrix-grid.css";
    private static final Pattern BLOCK = Pattern.compile("\\.matrix-grid\\s*\\{([^}]*)}");
    /** {@code -matrix-bus-addr: ladder(-fx-background, DARK 49%, LIGHT 50%);}: the light stop. */
    private static final Pattern LADDER = Pattern.compile(
            "(-matrix-[a-z-]+)\\s*:\\s*ladder\\([^,]+,\\s*(#[0-9a-fA-F]{6})\\s+[0-9.]+%\\s*,\\s*(#[0-9a-fA-F]{6})"
                    + "\\s+[0-9.]+%\\s*\\)");

    private final Map<Tone, Colour> fills = new EnumMap<>(Tone.class);
    private final Colour text;
    private final Colour muted;
    private final Colour border;
    private final Colour line;

    private SheetPalette(Map<String, Colour> matrix, CanvasPalette canvas) {
        text = need(matrix, "text");
        muted = need(matrix, "muted");
        border = canvas.get("card-border");
        line = canvas.get("line");
        fills.put(Tone.PLAIN, Colour.WHITE);
        fills.put(Tone.HEADER, need(matrix, "header"));
        fills.put(Tone.PEER, need(matrix, "bus-addr"));
        fills.put(Tone.HOST, need(matrix, "host-bridge"));
        fills.put(Tone.REFUSED, need(matrix, "not-supported"));
        fills.put(Tone.SELF, need(matrix, "self"));
        fills.put(Tone.BOUNCE, canvas.get("downgraded-bg"));
        fills.put(Tone.NEW, canvas.get("badge"));
    }

    /** The light theme's sheet colours. */
    static SheetPalette light() {
        String css = Resources.text(SheetPalette.class, MATRIX_CSS).replaceAll("(?s)/\\*.*?\\*/", "");
        Matcher b = BLOCK.matcher(css);
        if (!b.find()) throw new IllegalStateException("matrix-grid.css has no .matrix-grid block");
        Map<String, Colour> matrix = new HashMap<>();
        Matcher m = LADDER.matcher(b.group(1));
        while (m.find()) matrix.put(m.group(1).substring("-matrix-".length()), Colour.parse(m.group(3)));
        return new SheetPalette(matrix, CanvasPalette.light());
    }

    private static Colour need(Map<String, Colour> matrix, String name) {
        Colour c = matrix.get(name);
        if (c == null) throw new IllegalStateException("matrix-grid.css defines no ladder colour -matrix-" + name);
        return c;
    }

    Colour fill(Tone t) {
        return fills.get(t);
    }

    Colour text() {
        return text;
    }

    Colour muted() {
        return muted;
    }

    Colour border() {
        return border;
    }

    Colour line() {
        return line;
    }
}
