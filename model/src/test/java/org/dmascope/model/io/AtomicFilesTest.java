package org.dmascope.model.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    private List<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    @Test
    void writesTheContentReadableByAllAndLeavesNothingElse() throws IOException {
        Path target = dir.resolve("a.svg");
        AtomicFiles.write(target, out -> out.write("<svg/>".getBytes(StandardCharsets.UTF_8)));
        assertEquals("<svg/>", Files.readString(target));
        assertEquals(List.of(target), files());
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
    }

    @Test
    void replacingAFileKeepsItsPermissions() throws IOException {
        Path target = dir.resolve("report.md");
        Files.writeString(target, "old");
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-rw----"));
        AtomicFiles.write(target, out -> out.write('n'));
        assertEquals("n", Files.readString(target));
        assertEquals("rw-rw----", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
    }

    @Test
    void aFailedWriteLeavesThePreviousFileAndNoTemporaryFile() throws IOException {
        Path target = dir.resolve("keep.png");
        Files.writeString(target, "previous");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> {
            out.write(1);
            throw new IOException("No space left on device");
        }));
        assertEquals("cannot save " + target + ": No space left on device", e.getMessage());
        assertEquals("previous", Files.readString(target));
        assertEquals(List.of(target), files());
    }

    @Test
    void aFolderOrAMissingFolderIsNamedAsTheReason() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("x.pdf"));
        IOException taken = assertThrows(IOException.class, () -> AtomicFiles.write(folder, out -> out.write(1)));
        assertEquals("cannot save " + folder + ": it is a folder", taken.getMessage());
        Path missing = dir.resolve("no/such/y.pdf");
        IOException none = assertThrows(IOException.class, () -> AtomicFiles.write(missing, out -> out.write(1)));
        assertTrue(none.getMessage().endsWith("does not exist"), none.getMessage());
        assertEquals(List.of(folder), files());
    }

    @Test
    void aTemporaryFileAnInterruptedSaveLeftIsTidiedUp() throws IOException {
        Path stale = Files.writeString(dir.resolve(".t.json.123.tmp"), "half");
        AtomicFiles.write(dir.resolve("t.json"), out -> out.write('{'));
        assertTrue(Files.notExists(stale));
    }
}
