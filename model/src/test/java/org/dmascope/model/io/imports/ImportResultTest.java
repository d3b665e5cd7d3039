package org.dmascope.model.io.imports;

import static org.dmascope.model.io.imports.ImportTesting.corpus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.dmascope.model.io.formats.ImportFormats;
import org.dmascope.model.io.formats.KernelLogFormat;
import org.dmascope.model.io.formats.UnknownFormat;
import org.dmascope.model.io.source.Findings;
import org.dmascope.model.io.source.SourceText;
import org.dmascope.model.report.Diagnostic;
import org.dmascope.model.testing.Corpus;
import org.junit.jupiter.api.Test;

/** What an import hands back besides the topology: the texts it read, and whether it opened a document. */
class ImportResultTest {

    @Test
    void theResultKeepsEveryFileAsTheImporterNumberedIt() throws Exception {
        List<String> names = List.of("x99-i7-5930k.verbose.txt", "x99-i7-5930k.hex.txt",
                "x99-i7-5930k-k58.iommu-groups.txt");
        ImportResult r = corpus(names.toArray(String[]::new));
        assertFalse(r.document());
        assertEquals(names, r.sources().stream().map(SourceText::name).toList());
        for (SourceText kept : r.sources()) {
            SourceText fresh = SourceText.decode(kept.name(), Files.readAllBytes(Corpus.file(kept.name())),
                    new Findings());
            assertEquals(fresh.lineCount(), kept.lineCount(), kept.name());
            for (int i = 0; i < kept.lineCount(); i++) assertEquals(fresh.line(i), kept.line(i),
                    kept.name() + ":" + (i + 1));
        }
    }

    @Test
    void aRefusedFileIsKeptTooAndSaysWhyAtTheLineThatShowedIt() {
        String name = "dell-optiplex5055-ryzen.dmesg.txt";
        ImportResult r = corpus(name);
        assertEquals(List.of(name), r.sources().stream().map(SourceText::name).toList());
        Diagnostic error = r.report().errors().get(0);
        assertEquals(new KernelLogFormat().refusal(), error.message());
        assertEquals(ImportFormats.standard().detect(r.sources().get(0)).line(), error.line());
        assertTrue(error.line() > 0);
    }

    @Test
    void aTopologyJsonFileIsOpenedAsADocumentWithItsText() {
        Path json = Path.of(System.getProperty("dmascope.samples",
                "../sample-topologies")).resolve("switch-p2p-server.json");
        ImportResult r = Importer.importFiles(List.of(json), ImportProgress.NONE, () -> false);
        assertTrue(r.ok() && r.document(), r.report().toText());
        assertEquals(List.of("switch-p2p-server.json"), r.sources().stream().map(SourceText::name).toList());
    }

    @Test
    void anImporterReadsOnlyTheFormatsItWasGiven() {
        Importer onlyFallback = new Importer(new ImportFormats(List.of(new UnknownFormat())));
        ImportResult r = onlyFallback.fromFiles(List.of(Corpus.file("intel-alderlake-desktop.tree.txt")),
                ImportProgress.NONE, () -> false);
        assertFalse(r.ok());
        assertEquals(new UnknownFormat().refusal(), r.report().errors().get(0).message());
    }
}
