package org.dmascope.app.start;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveKeyTest {
    private static final FileTime WHEN = FileTime.fromMillis(1_700_000_000_000L);
    private static final String RUNTIME = "/usr/lib/jvm/17|17.0.15+6|17.0.15+6";

    @TempDir
    Path dir;

    private Path jar(String name, String classBytes) throws IOException {
        Path jar = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(out)) {
            ZipEntry e = new ZipEntry("org/example/Main.class");
            e.setTime(WHEN.toMillis());
            zip.putNextEntry(e);
            zip.write(classBytes.getBytes(StandardCharsets.US_ASCII));
            zip.closeEntry();
        }
        Files.setLastModifiedTime(jar, WHEN);
        return jar;
    }

    @Test
    void theSameJarAndRuntimeGiveTheSameKey() throws IOException {
        Path jar = jar("a.jar", "version one");
        assertEquals(ArchiveKey.of(jar, RUNTIME), ArchiveKey.of(jar, RUNTIME));
        assertTrue(ArchiveKey.of(jar, RUNTIME).matches("[0-9a-f]{16}"));
    }

    /** What the JVM does not see: the same size and time, another class inside. */
    @Test
    void anotherClassInAJarOfTheSameSizeAndTimeChangesTheKey() throws IOException {
        String before = ArchiveKey.of(jar("a.jar", "version one"), RUNTIME);
        Path rebuilt = jar("a.jar", "version two");
        assertEquals(WHEN, Files.getLastModifiedTime(rebuilt));
        assertNotEquals(before, ArchiveKey.of(rebuilt, RUNTIME));
    }

    @Test
    void anotherRuntimeChangesTheKey() throws IOException {
        Path jar = jar("a.jar", "version one");
        assertNotEquals(ArchiveKey.of(jar, RUNTIME), ArchiveKey.of(jar, "/usr/lib/jvm/21|21.0.5+11|21.0.5+11"));
    }

    @Test
    void aFileThatIsNoZipIsKeyedByItsSizeAndTime() throws IOException {
        Path notZip = dir.resolve("broken.jar");
        Files.writeString(notZip, "not a zip at all, just some text that is long enough");
        Files.setLastModifiedTime(notZip, WHEN);
        assertEquals(0, ArchiveKey.centralDirectory(notZip, Files.size(notZip)).length);
        String key = ArchiveKey.of(notZip, RUNTIME);
        Files.setLastModifiedTime(notZip, FileTime.fromMillis(WHEN.toMillis() + 1000));
        assertNotEquals(key, ArchiveKey.of(notZip, RUNTIME));
    }

    @Test
    void theCentralDirectoryIsFoundBehindAComment() throws IOException {
        Path jar = dir.resolve("commented.jar");
        try (OutputStream out = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.setComment("a comment after the directory's end record");
            zip.putNextEntry(new ZipEntry("x.class"));
            zip.write(1);
            zip.closeEntry();
        }
        byte[] directory = ArchiveKey.centralDirectory(jar, Files.size(jar));
        assertEquals(0x02014b50, (directory[0] & 0xFF) | (directory[1] & 0xFF) << 8 | (directory[2] & 0xFF) << 16
                | (directory[3] & 0xFF) << 24, "starts with a central directory header");
    }
}
