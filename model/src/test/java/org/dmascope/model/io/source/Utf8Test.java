package org.dmascope.model.io.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class Utf8Test {

    @Test
    void textIsDecodedAndItsByteOrderMarkDropped() throws CharacterCodingException {
        assertEquals("8× V100", Utf8.decode("8× V100".getBytes(StandardCharsets.UTF_8)));
        assertEquals("a", Utf8.decode("\uFEFFa".getBytes(StandardCharsets.UTF_8)));
        // The replacement character written in the text is text, not a sign of bad bytes.
        assertEquals("x\uFFFDy", Utf8.decode("x\uFFFDy".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void bytesThatAreNotUtf8AreRefused() {
        byte[][] bad = {
            {'a', (byte) 0xE9, 'b'},                       // Latin-1 é
            {(byte) 0xC0, (byte) 0xAF},                     // overlong '/'
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80},        // a UTF-16 surrogate
            {'a', (byte) 0xE2, (byte) 0x82},                // cut short at the end
        };
        for (byte[] b : bad) assertThrows(CharacterCodingException.class, () -> Utf8.decode(b));
    }
}
