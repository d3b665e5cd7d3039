package org.dmascope.model.io.lspci;

/**
 * One row of an lspci hex dump: {@code 1a0: 00 11 22 ...} — an offset of 2 to 8 hex digits, a colon,
 * then up to 16 bytes each preceded by one blank (lspci-formats.md §6.3).
 */
final class HexRow {
    /** Not a hex row at all. */
    static final int NOT_HEX = -1;
    /** Starts like a hex row but the rest is damaged. */
    static final int MALFORMED = -2;

    private HexRow() {
    }

    /**
     * Parses {@code line}; on success returns the offset and leaves the byte count in {@code count[0]}
     * and the bytes in {@code values}.
     */
    static int parse(String line, int[] values, int[] count) {
        int n = line.length();
        int i = 0;
        while (i < n && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) i++;
        int start = i;
        while (i < n && Character.digit(line.charAt(i), 16) >= 0) i++;
        int digits = i - start;
        if (digits < 2 || digits > 8 || i >= n || line.charAt(i) != ':') return NOT_HEX;
        if (i + 1 < n && line.charAt(i + 1) != ' ') return NOT_HEX;
        if (i + 3 < n && isHex(line.charAt(i + 2)) && isHex(line.charAt(i + 3))
                && (i + 4 == n || line.charAt(i + 4) == ' ')) {
            long offset = Long.parseLong(line.substring(start, i), 16);
            int c = 0;
            int p = i + 1;
            while (p < n) {
                if (p + 2 >= n || line.charAt(p) != ' ' || !isHex(line.charAt(p + 1)) || !isHex(line.charAt(p + 2))) {
                    return MALFORMED;
                }
                if (c == 16) return MALFORMED;
                values[c++] = Character.digit(line.charAt(p + 1), 16) << 4 | Character.digit(line.charAt(p + 2), 16);
                p += 3;
            }
            count[0] = c;
            if (offset >= ConfigSpace.SIZE || (offset & 0xF) != 0) return MALFORMED;
            return (int) offset;
        }
        return NOT_HEX;
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }
}
