package org.dmascope.app.start;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NativeLibrariesTest {
    @TempDir
    Path dir;

    /** A jar as the shaded one is laid out: classes in packages, JavaFX's libraries at the root. */
    static Path jar(Path at, Map<String, String> entries) throws IOException {
        try (OutputStream out = Files.newOutputStream(at); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, String> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return at;
    }

    static String lib(String name) {
        return System.mapLibraryName(name);
    }

    private static List<String> names(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void theRootLibrariesAreUnpackedWithTheirBytesAndNothingElse() throws IOException {
        Map<String, String> entries = new TreeMap<>();
        entries.put(lib("glass"), "glass bytes");
        entries.put(lib("prism_sw"), "prism bytes");
        entries.put("org/dmascope/app/Main.class", "class");
        entries.put("META-INF/native/" + lib("other"), "not at the root");
        entries.put("version.properties", "x");
        Path jar = jar(dir.resolve("dmascope.jar"), entries);
        Path target = dir.resolve("cache/dmascope-k.natives");
        Files.createDirectories(target.getParent());

        assertTrue(NativeLibraries.unpack(jar, target, 7));

        assertEquals(List.of(NativeLibraries.WHOLE, "dmascope.jar", lib("glass"), lib("prism_sw")), names(target));
        assertEquals(-1L, Files.mismatch(jar, NativeLibraries.jarIn(target, jar)),
                "the jar beside them: JavaFX looks beside the jar its classes came from");
        assertArrayEquals("glass bytes".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(target.resolve(
                lib("glass"))));
        assertEquals(List.of("dmascope-k.natives"), names(target.getParent()), "the run's own directory moved");
    }

    @Test
    void aWholeDirectoryIsLeftAsItIsAndAJarWithoutLibrariesGivesNone() throws IOException {
        Path target = dir.resolve("dmascope-k.natives");
        Path first = jar(dir.resolve("a.jar"), Map.of(lib("glass"), "first"));
        assertTrue(NativeLibraries.unpack(first, target, 1));
        Path second = jar(dir.resolve("b.jar"), Map.of(lib("glass"), "second"));
        assertTrue(NativeLibraries.unpack(second, target, 2));
        assertEquals("first", Files.readString(target.resolve(lib("glass"))), "the key names the contents");

        Path none = dir.resolve("dmascope-n.natives");
        assertFalse(NativeLibraries.unpack(jar(dir.resolve("c.jar"), Map.of("a/B.class", "x")), none, 3));
        assertFalse(Files.exists(none));
        assertFalse(NativeLibraries.unpack(dir.resolve("missing.jar"), none, 3));
        assertEquals(List.of("a.jar", "b.jar", "c.jar", "dmascope-k.natives"), names(dir), "nothing left behind");
    }

    @Test
    void aHalfWrittenDirectoryIsReplaced() throws IOException {
        Path target = dir.resolve("dmascope-k.natives");
        Files.createDirectories(target);
        Files.writeString(target.resolve(lib("glass")), "trunc");
        assertTrue(NativeLibraries.unpack(jar(dir.resolve("a.jar"), Map.of(lib("glass"), "whole")), target, 1));
        assertEquals("whole", Files.readString(target.resolve(lib("glass"))));
    }
}
