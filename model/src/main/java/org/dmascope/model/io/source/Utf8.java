package org.dmascope.model.io.source;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict UTF-8 decoding that costs the text and no more: the bytes are decoded into a String (which keeps
 * ASCII at one byte a character) and checked in small chunks only where the String shows a replacement
 * character. A CharsetDecoder's own decode would first build a buffer of two bytes per character, four
 * times the file for an ASCII export.
 */
public final class Utf8 {
    private static final int CHUNK = 8192;

    private Utf8() {
    }

    /**
     * The text of UTF-8 bytes, without a leading byte-order mark.
     *
     * @throws CharacterCodingException when the bytes are not UTF-8
     */
    public static String decode(byte[] bytes) throws CharacterCodingException {
        String s = new String(bytes, StandardCharsets.UTF_8);
        // The String decoder puts U+FFFD where bytes are not UTF-8, and only there unless the text holds
        // that character itself: without one, the text was UTF-8, and the strict pass is spared.
        if (s.indexOf('\uFFFD') >= 0) check(bytes);
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }

    /** Checks the bytes are UTF-8, in small chunks. */
    private static void check(byte[] bytes) throws CharacterCodingException {
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(CHUNK);
        while (true) {
            CoderResult r = d.decode(in, out, true);
            if (r.isError()) r.throwException();
            out.clear();
            if (r.isUnderflow()) break;
        }
        CoderResult r = d.flush(out);
        if (r.isError()) r.throwException();
    }
}
