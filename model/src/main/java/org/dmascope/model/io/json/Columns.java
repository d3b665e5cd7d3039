package org.dmascope.model.io.json;

import java.util.Arrays;

/**
 * The character column of a place Jackson gives by line and column. Parsed from a String, Jackson counts
 * characters; parsed from UTF-8 bytes (no text decoded: a 60 MB file costs no 120 MB string), it counts bytes, so a
 * line with a multi-byte character before the place would be reported too far right. The bytes' line starts are
 * indexed only as far as a place is asked for, which a file without findings never does.
 */
public abstract class Columns {
    /** Columns of a String parse: already characters. */
    public static final Columns CHARACTERS = new Columns() {
        @Override
        public int column(int line, int column) {
            return column;
        }
    };

    /** The 1-based character column of the 1-based {@code column} on the 1-based {@code line}. */
    public abstract int column(int line, int column);

    /** Columns of a parse of {@code utf8}, which the caller no longer changes. */
    public static Columns ofUtf8(byte[] utf8) {
        return new Utf8Columns(utf8);
    }

    private static final class Utf8Columns extends Columns {
        private final byte[] bytes;
        /** Where each line starts, by Jackson's line ends (LF, CR, CR LF), as far as a place was asked for. */
        private int[] starts = {0};
        private int lines = 1;
        /** Where indexing goes on. */
        private int scanned;
        /** The length of a leading byte-order mark. */
        private final int mark;

        Utf8Columns(byte[] bytes) {
            this.bytes = bytes;
            boolean bom = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB
                    && (bytes[2] & 0xFF) == 0xBF;
            mark = bom ? 3 : 0;
        }

        @Override
        public synchronized int column(int line, int column) {
            if (line < 1 || column < 1) return column;
            indexTo(line);
            if (line > lines) return column;
            int start = starts[line - 1];
            int end = Math.min(bytes.length, start + column - 1);
            int chars = 0;
            // Jackson's first line counts a byte-order mark's bytes; it is no character of the text
            for (int i = Math.max(start, line == 1 ? mark : 0); i < end; i++) {
                int b = bytes[i] & 0xFF;
                // a character starts at each byte that does not continue one; one of four bytes is two UTF-16
                // units, as a String parse counts it
                if ((b & 0xC0) != 0x80) chars += b >= 0xF0 ? 2 : 1;
            }
            return chars + 1;
        }

        /** Indexes line starts until {@code line} is known or the bytes end. */
        private void indexTo(int line) {
            int[] s = starts;
            int n = lines;
            int i = scanned;
            for (; i < bytes.length && n < line; i++) {
                byte b = bytes[i];
                if (b != '\n' && b != '\r') continue;
                if (b == '\r' && i + 1 < bytes.length && bytes[i + 1] == '\n') i++;
                if (n == s.length) s = Arrays.copyOf(s, n * 2);
                s[n++] = i + 1;
            }
            scanned = i;
            starts = s;
            lines = n;
        }
    }
}
