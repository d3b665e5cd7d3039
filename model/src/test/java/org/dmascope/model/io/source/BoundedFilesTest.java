package org.dmascope.model.io.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BoundedFilesTest {

    @Test
    void aFileOfManyChunksIsReadWholeAndExactly(@TempDir Path dir) throws IOException {
        // Three and a half read chunks, so the reading loop goes round and meets the end mid-chunk.
        byte[] bytes = new byte[(7 << 20) / 2 + 13];
        new Random(7).nextBytes(bytes);
        Path f = dir.resolve("big.bin");
        Files.write(f, bytes);
        assertArrayEquals(bytes, BoundedFiles.read(f, 8 << 20, "exports"));
        assertArrayEquals(new byte[0], BoundedFiles.read(Files.write(dir.resolve("empty"), new byte[0]), 10, "x"));
    }

    @Test
    void aFileAtTheLimitIsReadAndOneByteMoreIsRefused(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("f");
        Files.write(f, new byte[1 << 20]);
        assertEquals(1 << 20, BoundedFiles.read(f, 1 << 20, "exports").length);
        Files.write(f, new byte[(1 << 20) + 1]);
        BoundedFiles.Refused e = assertThrows(BoundedFiles.Refused.class, () -> BoundedFiles.read(f, 1 << 20,
                "exports"));
        assertEquals("the file is larger than 1 MiB; exports larger than that are not read", e.getMessage());
    }

    @Test
    void aFileWhoseSizeTheFileSystemDoesNotTellIsStillReadToItsEnd() throws IOException {
        // /proc files say size 0 and have content: the size is only a hint.
        Path cpuinfo = Path.of("/proc/self/status");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isReadable(cpuinfo), "a Linux machine");
        byte[] read = BoundedFiles.read(cpuinfo, 1 << 20, "exports");
        assertEquals(0, Files.size(cpuinfo));
        assertEquals("Name:", new String(read, 0, 5, java.nio.charset.StandardCharsets.US_ASCII));
    }
}
