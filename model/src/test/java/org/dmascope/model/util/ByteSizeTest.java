package org.dmascope.model.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ByteSizeTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"4096|4096", "0x1000|4096", "64KiB|65536", "4K|4096", "1_000|1000",
            "1500B|1500",
            "0x7fffffffffffffff|9223372036854775807", "7EiB|8070450532247928832"})
    void readsLengthsAsPeopleWriteThem(String text, long bytes) {
        assertEquals(bytes, ByteSize.parseLength(text));
        assertEquals(bytes, ByteSize.parse(text));
    }

    @Test
    void parseKeepsSixteenHexDigitsUnsignedForTheTopologyFormat() {
        assertEquals(-1L, ByteSize.parse("0xffffffffffffffff"));
    }

    /** Above 8 EiB - 1 a length no longer fits a long: refused as too large instead of wrapping to a negative one. */
    @ParameterizedTest
    @ValueSource(strings = {"8EiB", "16E", "0x8000000000000000", "0xffffffffffffffff", "0x1ffffffffffffffff",
            "99999999999999999999",
            "9223372036854775808"})
    void lengthsBeyondALongAreTooLarge(String text) {
        ByteSize.TooLarge e = assertThrows(ByteSize.TooLarge.class, () -> ByteSize.parseLength(text));
        assertTrue(e.getMessage().contains("at most 0x7fffffffffffffff bytes"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "sideways", "0x", "0xzz", "-1", "4QiB"})
    void otherTextIsNotASize(String text) {
        NumberFormatException e = assertThrows(NumberFormatException.class, () -> ByteSize.parseLength(text));
        assertFalse(e instanceof ByteSize.TooLarge, text);
    }
}
