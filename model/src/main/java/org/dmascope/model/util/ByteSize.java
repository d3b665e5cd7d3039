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
    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

    public static final long KiB = 1L << 10;
    public static final long MiB = 1L << 20;
    public static final long GiB = 1L << 30;
    public static final long TiB = 1L << 40;

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
