package org.dmascope.views.export;

/**
 * A font as the canvas's stylesheet sets it: sans-serif or monospaced, a size in pixels, bold or not.
 */
public record TextStyle(Family family, double size, boolean bold) {

    /** The two families the canvas uses: the default UI font and {@code Monospaced} for addresses. */
    public enum Family {
        SANS,
        MONO
    }

    static TextStyle sans(double size) {
        return new TextStyle(Family.SANS, size, false);
    }

    static TextStyle sansBold(double size) {
        return new TextStyle(Family.SANS, size, true);
    }

    static TextStyle mono(double size) {
        return new TextStyle(Family.MONO, size, false);
    }

    static TextStyle monoBold(double size) {
        return new TextStyle(Family.MONO, size, true);
    }
}
