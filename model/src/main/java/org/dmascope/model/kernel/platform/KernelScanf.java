package org.dmascope.model.kernel.platform;

/**
 * The part of the kernel's {@code vsscanf()} (lib/vsprintf.c, v6.19) that the command-line parsers use:
 * {@code %x} (unsigned int), {@code %hx} (unsigned short), {@code %c}, {@code %n}, literal characters and
 * blanks. Numbers: leading blanks skipped, an optional {@code 0x} prefix, then hex digits; the value is
 * truncated to the target type, as C stores it. The scan stops at the first conversion that fails and
 * at the end of the input (except {@code %n}), and returns how many conversions succeeded.
 */
final class KernelScanf {
    /** What one scan read. */
    record Result(int conversions, long[] values, int consumed) {
        long value(int i) {
            return values[i];
        }
    }

    private KernelScanf() {
    }

    /**
     * Scans {@code s} from {@code from} with {@code fmt}. {@code %x}/{@code %hx} values and {@code %c}
     * characters are stored in order in {@link Result#values()}; {@code %n} stores the characters consumed
     * so far (from {@code from}) there too but, as in C, is not counted as a conversion.
     */
    static Result scan(String s, int from, String fmt) {
        long[] values = new long[8];
        int stored = 0;
        int conversions = 0;
        int p = from;
        int f = 0;
        while (f < fmt.length()) {
            char fc = fmt.charAt(f);
            if (Character.isWhitespace(fc)) {
                while (f < fmt.length() && Character.isWhitespace(fmt.charAt(f))) f++;
                p = skipBlanks(s, p);
                continue;
            }
            if (fc != '%') {
                if (p >= s.length() || s.charAt(p) != fc) break;
                p++;
                f++;
                continue;
            }
            f++;
            boolean halfWord = f < fmt.length() && fmt.charAt(f) == 'h';
            if (halfWord) f++;
            char conv = fmt.charAt(f++);
            if (conv == 'n') {
                values[stored++] = p - from;
                continue;
            }
            if (p >= s.length()) break;
            if (conv == 'c') {
                values[stored++] = s.charAt(p++);
                conversions++;
                continue;
            }
            // %x: skip blanks, then at least one hex digit (after an optional 0x)
            p = skipBlanks(s, p);
            if (p >= s.length() || Character.digit(s.charAt(p), 16) < 0) break;
            if (s.charAt(p) == '0' && p + 1 < s.length() && Character.toLowerCase(s.charAt(p + 1)) == 'x') p += 2;
            long v = 0;
            while (p < s.length() && Character.digit(s.charAt(p), 16) >= 0) {
                v = (v << 4) | Character.digit(s.charAt(p), 16);
                p++;
            }
            values[stored++] = halfWord ? v & 0xFFFF : v & 0xFFFF_FFFFL;
            conversions++;
        }
        return new Result(conversions, values, p - from);
    }

    private static int skipBlanks(String s, int p) {
        while (p < s.length() && Character.isWhitespace(s.charAt(p))) p++;
        return p;
    }
}
