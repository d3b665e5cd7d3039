package org.dmascope.model.io.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Lines of an input as readers see them, indexed only as far as a reader asks. */
class SourceTextTest {

    private static List<String> lines(SourceText t) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < t.lineCount(); i++) out.add(t.line(i));
        return out;
    }

    @Test
    void everyLineEndIsALineEndAndTrailingBlanksGo() {
        Findings f = new Findings();
        SourceText t = SourceText.decode("x", "\uFEFFa \r\nb\u00A0\t\rc\n\nd".getBytes(StandardCharsets.UTF_8), f);
        assertEquals(List.of("a", "b", "c", "", "d"), lines(t));
        assertEquals(List.of("a", "b", "c"), lines(SourceText.of("y", "a\nb\nc\n", f)), "a final newline ends a line");
        assertTrue(f.diagnostics().isEmpty());
    }

    @Test
    void aLineBeyondTheTextIsRefused() {
        SourceText t = SourceText.of("x", "one\ntwo", new Findings());
        assertTrue(t.hasLine(1));
        assertFalse(t.hasLine(2));
        assertThrows(IndexOutOfBoundsException.class, () -> t.line(2));
        assertThrows(IndexOutOfBoundsException.class, () -> t.line(-1));
    }

    @Test
    void theFirstLinesAreReadWithoutIndexingTheRestAndCutLinesAreSaidOnceAtTheEnd() {
        String longLine = "x".repeat(SourceText.MAX_LINE_CHARS + 10);
        String text = "{\n" + (longLine + "\n").repeat(3) + "}\n";
        Findings f = new Findings();
        SourceText t = SourceText.decode("big.json", text.getBytes(StandardCharsets.UTF_8), f);
        assertEquals("{", t.line(0));
        assertTrue(t.hasLine(1));
        assertTrue(f.diagnostics().isEmpty(), "nothing is said of lines not indexed yet (a JSON reader reads the "
                + "text as written): " + f.diagnostics());
        assertEquals(5, t.lineCount());
        assertEquals(SourceText.MAX_LINE_CHARS, t.line(2).length());
        assertEquals(5, t.lineCount());
        assertEquals(1, f.diagnostics().size(), f.diagnostics().toString());
        assertTrue(f.diagnostics().get(0).message().startsWith("3 lines are longer than"));
        assertEquals(2, f.diagnostics().get(0).line(), "the first cut line");
        assertEquals(text, t.exactText().orElseThrow(), "the text as written");
    }

    @Test
    void aBinaryFileHasNoLines() {
        SourceText t = SourceText.decode("b", new byte[] {0, 1, 2, 'a', '\n'}, new Findings());
        assertTrue(t.binary());
        assertEquals(0, t.lineCount());
        assertTrue(t.blank());
    }

    @Test
    void aSmallFileRecognisedFromItsHeadIsDecodedOnceAndSaysItsLatin1Once() {
        Findings f = new Findings();
        SourceText t = SourceText.decode("x", new byte[] {'c', 'a', 'f', (byte) 0xE9, '\n', 'b'}, f);
        SourceText head = t.head();
        assertEquals("café", head.line(0), "recognition reads the head");
        assertTrue(f.diagnostics().isEmpty(), "the head's decoding problems are not the file's yet");
        assertTrue(t.undecodedBytes().isPresent(), "the file itself stays undecoded");
        assertEquals(List.of("café", "b"), lines(t));
        assertEquals(1, f.diagnostics().size(), f.diagnostics().toString());
        assertTrue(f.diagnostics().get(0).message().contains("Latin-1"));
        assertTrue(t.exactText().isEmpty(), "not UTF-8");
    }
}
