package org.dmascope.model.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** Our corpus/ must stay a verbatim copy of the shared corpus: tests use it, nobody edits it. */
class CorpusCopyTest {

    @Test
    void corpusIsPresentAndNonTrivial() {
        assertTrue(Corpus.files().size() >= 50, "expected the full corpus, found " + Corpus.files().size());
    }

    @Test
    void matchesTheSharedCorpusByteForByteWhenItIsThere() throws IOException {
        Path shared = Corpus.dir().toAbsolutePath().normalize().getParent().getParent().resolve("shared/corpus");
        assumeTrue(Files.isDirectory(shared), "shared corpus not present on this machine");
        try (Stream<Path> s = Files.list(shared)) {
            List<Path> files = s.sorted().toList();
            for (Path f : files) {
                Path ours = Corpus.dir().resolve(f.getFileName().toString());
                assertTrue(Files.exists(ours), "missing from corpus/: " + f.getFileName());
                assertArrayEquals(Files.readAllBytes(f), Files.readAllBytes(ours), "differs: " + f.getFileName());
            }
        }
    }
}
