package org.dmascope.model.io.source;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * One input file as normalised lines. Exports reach dmascope through mail clients, forums and
 * terminals, so decoding never fails: invalid UTF-8 falls back to Latin-1, no-break spaces (which
 * mail clients put in place of tabs) become spaces, CR/LF/CR line ends are all accepted, trailing
 * blanks are dropped and over-long lines are cut (with a warning) so no parser sees unbounded input.
 */
public final class SourceText {
    /** Longest line a reader sees; lspci itself never prints more than 1024 characters on a line. */
    public static final int MAX_LINE_CHARS = 4096;

    private final String name;
    /**
     * The whole text, and where each line starts and ends in it (trailing blanks and the cut already
     * off): a line becomes a String only when a reader asks for it, so a 60 MB export costs its text
     * and two int arrays rather than a million String objects held at once.
     */
    private final String text;
    private final int[] starts;
    private final int[] ends;
    private final long bytes;
    private final boolean binary;
    /** The bytes were UTF-8 (not read as Latin-1 in their place). */
    private final boolean utf8;

    private SourceText(String name, String text, int[] starts, int[] ends, long bytes, boolean binary, boolean utf8) {
        this.name = name;
        this.text = text;
        this.starts = starts;
        this.ends = ends;
        this.bytes = bytes;
        this.binary = binary;
        this.utf8 = utf8;
    }

    /**
     * Decodes a file's bytes.
     *
     * @param name     how to name the file in messages
     * @param findings where decoding problems (Latin-1 fallback, cut lines) are reported
     */
    public static SourceText decode(String name, byte[] content, Findings findings) {
        if (looksBinary(content)) return new SourceText(name, "", new int[0], new int[0], content.length, true, false);
        String text;
        boolean utf8 = false;
        try {
            text = Utf8.decode(content);
            utf8 = true;
        } catch (CharacterCodingException e) {
            text = new String(content, StandardCharsets.ISO_8859_1);
            findings.warning(name, 0,
                    "the file is not valid UTF-8; it was read as Latin-1, so names with accents may look wrong");
        }
        return of(name, text, content.length, utf8, findings);
    }

    /** Text already in memory (tests, pasted text). */
    public static SourceText of(String name, String text, Findings findings) {
        return of(name, text, text.length(), true, findings);
    }

    private static SourceText of(String name, String text, long bytes, boolean utf8, Findings findings) {
        int capacity = Math.max(16, text.length() / 48);
        int[] starts = new int[capacity];
        int[] ends = new int[capacity];
        int count = 0;
        int n = text.length();
        int start = text.startsWith("\uFEFF") ? 1 : 0;
        int cut = 0;
        int firstCut = 0;
        while (start <= n) {
            int end = start;
            while (end < n && text.charAt(end) != '\n' && text.charAt(end) != '\r') end++;
            if (end == n && start == n) break;
            int last = end;
            while (last > start && isBlank(text.charAt(last - 1))) last--;
            if (last - start > MAX_LINE_CHARS) {
                if (cut++ == 0) firstCut = count + 1;
                last = start + MAX_LINE_CHARS;
            }
            if (count == starts.length) {
                starts = Arrays.copyOf(starts, count * 2);
                ends = Arrays.copyOf(ends, count * 2);
            }
            starts[count] = start;
            ends[count++] = last;
            if (end < n && text.charAt(end) == '\r' && end + 1 < n && text.charAt(end + 1) == '\n') end++;
            start = end + 1;
        }
        if (cut > 0) {
            findings.warning(name, firstCut, cut + (cut == 1 ? " line is" : " lines are") + " longer than "
                    + MAX_LINE_CHARS + " characters (the first is line " + firstCut
                    + "); only the first " + MAX_LINE_CHARS + " characters of each were read");
        }
        return new SourceText(name, text, Arrays.copyOf(starts, count), Arrays.copyOf(ends, count), bytes, false, utf8);
    }

    private static String normalise(String text, int start, int end) {
        boolean clean = true;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c == '\u00A0' || c == '\u2007' || c == '\u202F' || c == '\u0000') {
                clean = false;
                break;
            }
        }
        if (clean) return text.substring(start, end);
        StringBuilder sb = new StringBuilder(end - start);
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            sb.append(c == '\u00A0' || c == '\u2007' || c == '\u202F' ? ' ' : c == '\u0000' ? '?' : c);
        }
        return sb.toString();
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\u00A0' || c == '\u2007' || c == '\u202F';
    }

    /** NUL bytes or many control characters in the first 64 KiB: no text export looks like that. */
    private static boolean looksBinary(byte[] content) {
        int n = Math.min(content.length, 65536);
        int control = 0;
        for (int i = 0; i < n; i++) {
            int b = content[i] & 0xFF;
            if (b == 0) return true;
            if (b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f') control++;
        }
        return n > 0 && control * 20 > n;
    }

    public String name() {
        return name;
    }

    public int lineCount() {
        return starts.length;
    }

    /** Line {@code index}, 0-based; messages use {@code index + 1}. */
    public String line(int index) {
        return normalise(text, starts[index], ends[index]);
    }

    public long bytes() {
        return bytes;
    }

    /**
     * The whole text exactly as written (a byte-order mark aside), for formats parsed as written
     * (JSON); empty when the bytes were not UTF-8 and were read as Latin-1 instead.
     */
    public Optional<String> exactText() {
        return utf8 ? Optional.of(text) : Optional.empty();
    }

    /** The content is not text (NUL bytes or mostly control characters); it has no lines. */
    public boolean binary() {
        return binary;
    }

    /** True when every line is blank. */
    public boolean blank() {
        for (int i = 0; i < starts.length; i++) if (!line(i).isBlank()) return false;
        return true;
    }
}
