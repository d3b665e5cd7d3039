package org.dmascope.model.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BdfTest {
    @Test
    void parsesWithAndWithoutDomainIncludingVmdDomains() {
        assertEquals(Bdf.of(0, 3, 0, 0), Bdf.parse("03:00.0"));
        assertEquals(Bdf.of(0x10000, 0xe1, 0x1f, 7), Bdf.parse("10000:e1:1f.7"));
        assertEquals(Bdf.of(0x7fffffff, 0, 0, 0), Bdf.parse("7fffffff:00:00.0"));
        assertEquals(Optional.empty(), Bdf.problem("0000:03:00.0"));
    }

    /**
     * The pattern admits numbers the fields cannot hold; they are refused with the limit, not wrapped or thrown later.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "ffffffff:03:00.0|a domain is at most 7fffffff",
            "80000000:03:00.0|a domain is at most 7fffffff",
            "03:20.0|a device number is at most 1f",
            "zz|expected DDDD:BB:DD.F or BB:DD.F"})
    void outOfRangeFieldsAreNotAddresses(String text, String problem) {
        assertFalse(Bdf.isValid(text));
        assertTrue(Bdf.problem(text).orElseThrow().startsWith(problem), Bdf.problem(text).toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Bdf.parse(text));
        assertTrue(e.getMessage().contains("not a PCI address") && e.getMessage().contains(text), e.getMessage());
    }

    @Test
    void everyAddressOfSeveralDomainsHashesApart() {
        Set<Integer> hashes = new HashSet<>();
        int n = 0;
        for (int d = 0; d < 4; d++) {
            for (int b = 0; b < 256; b++) {
                for (int devfn = 0; devfn < 256; devfn++) {
                    Bdf a = Bdf.ofDevfn(d, b, devfn);
                    assertEquals(a.hashCode(), Bdf.ofDevfn(d, b, devfn).hashCode());
                    hashes.add(a.hashCode());
                    n++;
                }
            }
        }
        assertEquals(n, hashes.size());
    }

    @Test
    void theCanonicalFormReadsWithoutThePatternAndAnswersAsThePatternDoes() {
        // A leading space sends the same text down the pattern's path (it trims): both must agree.
        String alphabet = "0179afAFgG:.-x \u0660";
        java.util.Random r = new java.util.Random(42);
        int parsed = 0;
        for (int n = 0; n < 40_000; n++) {
            char[] c = "0000:03:1f.7".toCharArray();
            for (int k = r.nextInt(3); k >= 0; k--) {
                c[r.nextInt(c.length)] = alphabet.charAt(r.nextInt(alphabet.length()));
            }
            String text = new String(c);
            Bdf fast = null;
            Bdf slow = null;
            try {
                fast = Bdf.parse(text);
            } catch (IllegalArgumentException e) {
                // refused: the pattern must refuse too
            }
            try {
                slow = Bdf.parse(" " + text);
            } catch (IllegalArgumentException e) {
                // refused
            }
            assertEquals(slow, fast, text);
            if (fast != null) parsed++;
        }
        assertTrue(parsed > 2_000, "the test reaches valid addresses too: " + parsed);
    }
}
