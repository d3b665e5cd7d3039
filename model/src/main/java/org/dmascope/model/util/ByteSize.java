package org.dmascope.model.util;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Byte sizes as people write them: {@code 4096}, {@code 0x1000}, {@code 4KiB}, {@code 4K}, {@code 1GiB}.
 * Units are binary (lspci's {@code [size=32M]} means 32 MiB). Formatting picks the largest unit that
 * divides the size exactly, so formatting then parsing gives back the same number.
 */
public final class ByteSize {
    private static final Pattern WITH_UNIT = Pattern.compile("(\\d+)\\s*([KMGTPE])(?:i?B)?|(\\d+)\\s*B",
            Pattern.CASE_INSENSITIVE);
    /** What {@link #parse} reads when the number fits: telling "too large" from "not a size at all". */
    private static final Pattern NUMBER = Pattern.compile("0x[0-9a-f]+|\\d+\\s*(?:[KMGTPE](?:i?B)?|B)?",
            Pattern.CASE_INSENSITIVE);
    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

    public static final long KiB = 1L << 10;
    public static final long MiB = 1L << 20;
    public static final long GiB = 1L << 30;
    public static final long TiB = 1L << 40;
    /** The longest length {@link #parseLength} accepts, 8 EiB - 1: lengths are signed {@code long}s. */
    public static final long MAX = Long.MAX_VALUE;

    private ByteSize() {
    }

    /**
     * Parses a size.
     *
     * @throws NumberFormatException with the text that could not be read
     */
    public static long parse(String text) {
        String s = text.trim().replace("_", "");
        if (s.startsWith("0x") || s.startsWith("0X")) return Hex.parse(s);
        Matcher m = WITH_UNIT.matcher(s);
        if (m.matches()) {
            if (m.group(3) != null) return Long.parseLong(m.group(3));
            long n = Long.parseLong(m.group(1));
            int shift = 10 * ("KMGTPE".indexOf(Character.toUpperCase(m.group(2).charAt(0))) + 1);
            if (n != 0 && Long.numberOfLeadingZeros(n) <= shift) {
                throw new NumberFormatException("size too large for 64 bits: \"" + text + "\"");
            }
            return n << shift;
        }
        if (s.matches("\\d+")) return Long.parseLong(s);
        throw new NumberFormatException("not a size (expected e.g. 4096, 0x1000, 4KiB, 1GiB): \"" + text + "\"");
    }

    /**
     * Parses a length: a size of 0 to {@link #MAX} bytes. {@link #parse} reads 16 hex digits as an
     * unsigned 64-bit value (a topology's addresses and sizes round-trip that way); a length that big is
     * refused here instead of turning negative.
     *
     * @throws TooLarge when the text is a size above {@link #MAX}
     * @throws NumberFormatException when it is not a size at all
     */
    public static long parseLength(String text) {
        long v;
        try {
            v = parse(text);
        } catch (NumberFormatException e) {
            if (NUMBER.matcher(text.trim().replace("_", "")).matches()) throw new TooLarge(text);
            throw e;
        }
        if (v < 0) throw new TooLarge(text);
        return v;
    }

    /** A length above {@link #MAX} bytes: the text reads as a size, but no {@code long} holds it. */
    public static final class TooLarge extends NumberFormatException {
        TooLarge(String text) {
            super("size too large: \"" + text + "\" (at most " + Hex.addr(MAX) + " bytes)");
        }
    }

    /**
     * {@code 1GiB}, {@code 300KiB}, {@code 1500B}; exact, never rounded. Sizes of 1 KiB and more that
     * no unit divides are written in hex ({@code 0xffffffff}), which reads better than a long decimal.
     */
    public static String format(long size) {
        if (size < 0 || (size >= 1024 && (size & 1023) != 0)) return Hex.addr(size);
        int unit = 0;
        long n = size;
        while (n != 0 && unit < UNITS.length - 1 && (n & 1023) == 0) {
            n >>= 10;
            unit++;
        }
        return n + UNITS[unit];
    }

    /** A short, possibly rounded size for labels: {@code 1.5 GiB}. */
    public static String human(long size) {
        if (size < 0) return Hex.addr(size);
        int unit = 0;
        double v = size;
        while (v >= 1024 && unit < UNITS.length - 1) {
            v /= 1024;
            unit++;
        }
        if (unit == 0) return size + " B";
        String num = v == Math.floor(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.1f", v);
        return num + " " + UNITS[unit];
    }
}
