package org.dmascope.views.export;

import java.awt.Font;
import java.awt.GraphicsEnvironment;
import java.awt.font.FontRenderContext;
import java.awt.font.LineMetrics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Text widths for fitting names into cards, from Java2D's font metrics (which work headless): one
 * measure for every back end, so the SVG, the PNG and the PDF wrap and shorten the same words. The
 * fonts are DejaVu Sans and DejaVu Sans Mono where installed (what JavaFX shows on Linux), else Java's
 * logical SansSerif and Monospaced.
 */
final class TextMeasure {
    static final String SANS = "DejaVu Sans";
    static final String MONO = "DejaVu Sans Mono";
    private static final FontRenderContext CONTEXT = new FontRenderContext(null, true, true);
    private static final String ELLIPSIS = "…";

    private final String sansFamily;
    private final String monoFamily;
    private final Map<TextStyle, Font> fonts = new HashMap<>();

    TextMeasure() {
        Set<String> installed = Set.of(GraphicsEnvironment.getLocalGraphicsEnvironment()
                .getAvailableFontFamilyNames());
        sansFamily = installed.contains(SANS) ? SANS : Font.SANS_SERIF;
        monoFamily = installed.contains(MONO) ? MONO : Font.MONOSPACED;
    }

    /** The Java2D font for a style (the PNG back end draws with it). */
    Font font(TextStyle s) {
        return fonts.computeIfAbsent(s, k -> new Font(k.family() == TextStyle.Family.MONO ? monoFamily : sansFamily,
                k.bold() ? Font.BOLD : Font.PLAIN, 1).deriveFont((float) k.size()));
    }

    double width(String text, TextStyle s) {
        return font(s).getStringBounds(text, CONTEXT).getWidth();
    }

    /** From the top of a line box of height {@code lineHeight} to the baseline of text centred in it. */
    double baseline(TextStyle s, double lineHeight) {
        LineMetrics m = font(s).getLineMetrics("Ag", CONTEXT);
        return (lineHeight + m.getAscent() - m.getDescent()) / 2;
    }

    /** The text, shortened with an ellipsis at the end to fit {@code width}, as a JavaFX label does. */
    String fit(String text, TextStyle s, double width) {
        if (width(text, s) <= width) return text;
        int n = text.length();
        while (n > 0 && width(text.substring(0, n).stripTrailing() + ELLIPSIS, s) > width) n--;
        return n == 0 ? "" : text.substring(0, n).stripTrailing() + ELLIPSIS;
    }

    /** Word-wraps into at most {@code maxLines} lines of {@code width}, the last one shortened if the text runs on. */
    List<String> wrap(String text, TextStyle s, double width, int maxLines) {
        List<String> lines = new ArrayList<>();
        String[] words = text.trim().split("\\s+");
        int i = 0;
        while (i < words.length) {
            if (lines.size() == maxLines - 1) {
                lines.add(fit(String.join(" ", List.of(words).subList(i, words.length)), s, width));
                return lines;
            }
            StringBuilder line = new StringBuilder(words[i++]);
            while (i < words.length && width(line + " " + words[i], s) <= width) line.append(' ').append(words[i++]);
            lines.add(fit(line.toString(), s, width));
        }
        return lines;
    }
}
