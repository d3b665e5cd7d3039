package org.dmascope.model.util;

import java.util.Locale;

/** Hex formatting the way kernel messages and lspci print numbers. */
public final class Hex {
    private Hex() {
    }

    /** {@code 0x38f0000000}: lower-case, no padding. */
    public static String addr(long value) {
        return "0x" + Long.toHexString(value);
    }

    /** Zero-padded to {@code digits}, without a prefix: {@code hex(0x10de, 4)} is {@code 10de}. */
    public static String hex(long value, int digits) {
        String s = Long.toHexString(value);
        if (s.length() >= digits) return s;
        return "0".repeat(digits - s.length()) + s;
    }

    /** {@code 0x1d} style for register values. */
    public static String reg(long value, int digits) {
        return "0x" + hex(value, digits);
    }

    /** Parses hex with or without {@code 0x}, allowing {@code _} separators; unsigned 64-bit. */
    public static long parse(String text) {
        String s = text.trim().replace("_", "");
        if (s.startsWith("0x") || s.startsWith("0X")) s = s.substring(2);
        if (s.isEmpty() || s.length() > 16) throw new NumberFormatException("not a 64-bit hex number: \"" + text
                + "\"");
        return Long.parseUnsignedLong(s.toLowerCase(Locale.ROOT), 16);
    }
}
