package org.dmascope.model.io.imports;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.dmascope.model.report.Diagnostic;
import org.dmascope.model.testing.Corpus;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.Topology;

/** Shortcuts for importer tests. */
public final class ImportTesting {
    private ImportTesting() {
    }

    /** Imports corpus files (as one machine). */
    public static ImportResult corpus(String... names) {
        return Importer.importFiles(Arrays.stream(names).map(Corpus::file).toList(), ImportProgress.NONE, () -> false);
    }

    /** Imports texts given as name, text, name, text … */
    public static ImportResult texts(String... nameAndText) {
        List<ImportInput> in = new ArrayList<>();
        for (int i = 0; i < nameAndText.length; i += 2) {
            in.add(new ImportInput(nameAndText[i], nameAndText[i + 1].getBytes(StandardCharsets.UTF_8)));
        }
        return Importer.importInputs(in, ImportProgress.NONE, () -> false);
    }

    /** The topology of a result that must have loaded. */
    public static Topology loaded(ImportResult r) {
        assertTrue(r.ok(), () -> "import failed:\n" + r.report().toText());
        return r.topology().get();
    }

    public static PciFunction fn(Topology t, String address) {
        return t.function(Bdf.parse(address)).orElseThrow(() -> new AssertionError(address + " is not in " + t));
    }

    /** Warnings whose message contains {@code part}. */
    public static List<Diagnostic> warningsAbout(ImportResult r, String part) {
        return r.report().warnings().stream().filter(d -> d.message().contains(part)).toList();
    }

    /** Some finding, printed as {@code file:line: severity: message}, starts with {@code start}. */
    public static void assertFinding(ImportResult r, String start) {
        assertTrue(r.report().diagnostics().stream().map(Diagnostic::toString).anyMatch(f -> f.startsWith(start)),
                () -> start + "\n" + r.report().toText());
    }

    public static void assertNoInternalError(ImportResult r) {
        for (Diagnostic d : r.report().diagnostics()) {
            assertTrue(!d.message().contains("internal error"), () -> "the importer hit a defect: " + d);
        }
    }
}
