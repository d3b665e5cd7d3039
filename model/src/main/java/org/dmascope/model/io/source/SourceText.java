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
    /** How much of a file recognising its format looks at ({@link #head}). */
    public static final int HEAD_BYTES = 4 << 20;

    private final String name;
    /**
     * The whole text, and where each line starts and ends in it (trailing blanks and the cut already
     * off): a line becomes a String only when a reader asks for it, so a 60 MB export costs its text
     * and two int arrays rather than a million String objects held at once.
     */
    private String text;
    /**
     * The file's bytes until they are decoded: a format parsed as written (JSON) reads them as they are, and the
     * text is decoded only if something asks for lines.
     */
    private byte[] content;
    private final long bytes;
    private final boolean binary;
    /** The bytes were UTF-8 (not read as Latin-1 in their place). */
    private boolean utf8;
    /** Where decoding problems and the warning about cut lines go, when they are found. */
    private final Findings findings;
    /** The head recognition read when it was the whole file: its decoded text serves this file too. */
    private SourceText whole;

    /*
     * The line index is built as far as a reader asks: recognising a format looks at the first lines, and a format
     * parsed as written (JSON) needs none, so a 60 MB topology file is never split into lines. Built under the
     * lock; the arrays are written before the volatile count that publishes them.
     */
    private int[] starts = new int[64];
    private int[] ends = new int[64];
    private volatile int count;
    private volatile boolean complete;
    /** Where the next line starts; the cut lines so far and the first of them (1-based). */
    private int next;
    private int cut;
    private int firstCut;

    private SourceText(String name, String text, byte[] content, long bytes, boolean binary, Findings findings) {
        this.name = name;
        this.text = text;
        this.content = content;
        this.bytes = bytes;
        this.binary = binary;
        this.utf8 = text != null && !binary;
        this.findings = findings;
        this.complete = binary;
    }

    /**
     * A file's bytes, decoded when a reader first asks for its lines or text.
     *
     * @param name     how to name the file in messages
     * @param findings where decoding problems (Latin-1 fallback, cut lines) are reported
     */
    public static SourceText decode(String name, byte[] content, Findings findings) {
        if (looksBinary(content)) return new SourceText(name, "", null, content.length, true, findings);
        return new SourceText(name, null, content, content.length, false, findings);
    }

    /** Text already in memory (tests, pasted text). */
    public static SourceText of(String name, String text, Findings findings) {
        return new SourceText(name, text, null, text.length(), false, findings);
    }

    /**
     * The text, decoded from the bytes the first time (then the bytes are let go); taken from the head when
     * recognising the format already decoded the whole file.
     */
    private synchronized String text() {
        if (text != null) return text;
        String decoded = whole == null ? null : whole.decodedText();
        if (decoded != null) {
            text = decoded;
            utf8 = whole.utf8;
        } else {
            try {
                text = Utf8.decode(content);
                utf8 = true;
            } catch (CharacterCodingException e) {
                text = new String(content, StandardCharsets.ISO_8859_1);
            }
        }
        if (!utf8) {
            findings.warning(name, 0,
                    "the file is not valid UTF-8; it was read as Latin-1, so names with accents may look wrong");
        }
        content = null;
        whole = null;
        return text;
    }

    /** The text if it was decoded already, else null. */
    private synchronized String decodedText() {
        return text;
    }

    /**
     * The file's bytes as they are, while no reader has asked for its text: a format parsed as written (JSON)
     * reads them without the text being decoded. Empty once the text was decoded (or when there were no bytes).
     */
    public synchronized Optional<byte[]> undecodedBytes() {
        return Optional.ofNullable(content);
    }

    /**
     * What recognising a file's format looks at: while the file is not decoded yet, its first {@value #HEAD_BYTES}
     * bytes (cut at a line end) decoded apart, so the file itself stays undecoded — a format parsed as written
     * (JSON) then reads its bytes whatever its size, and a large file is decoded only if its reader needs the
     * text; the file itself once decoded. A signature that only shows beyond the head is not seen (no export has
     * a preamble that long).
     */
    public SourceText head() {
        byte[] c;
        synchronized (this) {
            c = content;
        }
        if (c == null) return this;
        byte[] head = c;
        if (c.length > HEAD_BYTES) {
            int end = HEAD_BYTES;
            while (end > 0 && c[end - 1] != '\n' && c[end - 1] != '\r') end--;
            head = Arrays.copyOf(c, end > 0 ? end : HEAD_BYTES);
        }
        // shares a small file's bytes (never changed); its decoding problems are the file's, said when it is read
        SourceText h = new SourceText(name, null, head, head.length, binary, new Findings());
        if (head == c) {
            synchronized (this) {
                whole = h;
            }
        }
        return h;
    }

    /** Indexes lines until line {@code index} is known or the text ends. */
    private synchronized void indexTo(int index) {
        String text = text();
        if (count == 0 && next == 0 && text.startsWith("\uFEFF")) next = 1;
        int n = text.length();
        int c = count;
        int start = next;
        int[] s = starts;
        int[] e = ends;
        boolean atEnd = complete;
        while (!atEnd && c <= index) {
            int end = start;
            while (end < n && text.charAt(end) != '\n' && text.charAt(end) != '\r') end++;
            if (start > n || end == n && start == n) {
                atEnd = true;
                break;
            }
            int last = end;
            while (last > start && isBlank(text.charAt(last - 1))) last--;
            if (last - start > MAX_LINE_CHARS) {
                if (cut++ == 0) firstCut = c + 1;
                last = start + MAX_LINE_CHARS;
            }
            if (c == s.length) {
                s = Arrays.copyOf(s, c * 2);
                e = Arrays.copyOf(e, c * 2);
            }
            s[c] = start;
            e[c++] = last;
            if (end < n && text.charAt(end) == '\r' && end + 1 < n && text.charAt(end + 1) == '\n') end++;
            start = end + 1;
        }
        next = start;
        if (atEnd && !complete) {
            // the whole text is indexed: no more growth, and what was cut can be said
            s = Arrays.copyOf(s, c);
            e = Arrays.copyOf(e, c);
            if (cut > 0) {
                findings.warning(name, firstCut, cut + (cut == 1 ? " line is" : " lines are") + " longer than "
                        + MAX_LINE_CHARS + " characters (the first is line " + firstCut
                        + "); only the first " + MAX_LINE_CHARS + " characters of each were read");
            }
        }
        starts = s;
        ends = e;
        count = c;
        complete = atEnd;
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

    /** The number of lines (the whole text is indexed for it). */
    public int lineCount() {
        if (!complete) indexTo(Integer.MAX_VALUE);
        return count;
    }

    /** Whether there is a line {@code index} (0-based); indexes only as far as that line. */
    public boolean hasLine(int index) {
        if (index < count) return true;
        if (!complete) indexTo(index);
        return index < count;
    }

    /** Line {@code index}, 0-based; messages use {@code index + 1}. */
    public String line(int index) {
        if (!hasLine(index) || index < 0) throw new IndexOutOfBoundsException("line " + index + " of " + name);
        int[] s;
        int[] e;
        synchronized (this) {
            s = starts;
            e = ends;
        }
        return normalise(text(), s[index], e[index]);
    }

    public long bytes() {
        return bytes;
    }

    /**
     * The whole text exactly as written (a byte-order mark aside), for formats parsed as written
     * (JSON); empty when the bytes were not UTF-8 and were read as Latin-1 instead.
     */
    public synchronized Optional<String> exactText() {
        String t = text();
        return utf8 ? Optional.of(t) : Optional.empty();
    }

    /** The content is not text (NUL bytes or mostly control characters); it has no lines. */
    public boolean binary() {
        return binary;
    }

    /** True when every line is blank. */
    public boolean blank() {
        for (int i = 0; hasLine(i); i++) if (!line(i).isBlank()) return false;
        return true;
    }
}
