package org.dmascope.app.start;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassDataCacheTest {
    @TempDir
    Path dir;

    private final byte[] archiveBytes = new byte[4096];

    private ClassDataCache cache(String key) {
        return new ClassDataCache(dir.resolve("cache"), key);
    }

    private Path make(ClassDataCache cache, long pid) throws IOException {
        Path pending = cache.beginMaking(pid);
        Files.write(pending, archiveBytes);
        assertTrue(cache.made(pending));
        return cache.archive().orElseThrow();
    }

    @Test
    void theUnpackedLibrariesAreUsedWhenWholeKeptWithTheirKeyAndDiscardedWithTheArchive() throws IOException {
        Path jar = NativeLibrariesTest.jar(dir.resolve("dmascope.jar"), Map.of(
                NativeLibrariesTest.lib("glass"), "glass"));
        ClassDataCache old = cache("k0");
        make(old, 9);
        assertTrue(old.unpackNativeLibraries(jar, 9));
        ClassDataCache cache = cache("k1");
        assertEquals(Optional.empty(), cache.jarBesideLibraries(jar));
        assertTrue(cache.unpackNativeLibraries(jar, 10));
        Path link = cache.jarBesideLibraries(jar).orElseThrow();
        Path natives = dir.resolve("cache").resolve("dmascope-k1.natives");
        assertEquals(natives.resolve("dmascope.jar"), link);
        assertTrue(Files.exists(natives.resolve(NativeLibrariesTest.lib("glass"))));

        make(cache, 10);
        assertFalse(Files.exists(dir.resolve("cache").resolve("dmascope-k0.natives")), "another jar's: removed");
        assertEquals(Optional.of(link), cache.jarBesideLibraries(jar), "this jar's: kept");
        assertTrue(Files.exists(jar), "removing the other directory leaves the jar");

        cache.discard();
        assertEquals(Optional.empty(), cache.jarBesideLibraries(jar));
        assertFalse(Files.exists(natives));
    }

    @Test
    void thereIsNoArchiveUntilARunMadeOne() throws IOException {
        ClassDataCache cache = cache("k1");
        assertEquals(Optional.empty(), cache.archive());
        Path archive = make(cache, 10);
        assertEquals(archiveBytes.length, Files.size(archive));
        assertFalse(Files.exists(dir.resolve("cache").resolve("dmascope-k1.10.tmp")), "the run's own file moved");
    }

    /** JDK 17 crashes on a truncated archive even with -Xshare:auto: such an archive is never handed to it. */
    @Test
    void aTruncatedArchiveIsNotUsed() throws IOException {
        ClassDataCache cache = cache("k1");
        Path archive = make(cache, 10);
        Files.write(archive, new byte[100]);
        assertEquals(Optional.empty(), cache.archive());
    }

    @Test
    void anArchiveWithoutItsRecordedSizeIsNotUsed() throws IOException {
        ClassDataCache cache = cache("k1");
        Path archive = make(cache, 10);
        Files.delete(dir.resolve("cache").resolve(archive.getFileName() + ".size"));
        assertEquals(Optional.empty(), cache.archive());
    }

    @Test
    void aRunThatWroteNothingIsAFailedAttemptAndThreeOfThemStopTheTrying() throws IOException {
        ClassDataCache cache = cache("k1");
        for (int i = 0; i < ClassDataCache.MAX_ATTEMPTS; i++) {
            assertTrue(cache.mayMake());
            Path pending = cache.beginMaking(i);
            if (i % 2 == 0) {
                Files.write(pending, new byte[0]);
                assertFalse(cache.made(pending), "an empty archive is no archive");
            } else {
                assertFalse(cache.made(pending), "nor is a missing one");
            }
        }
        assertFalse(cache.mayMake());
        assertEquals(Optional.empty(), cache.archive());
    }

    @Test
    void aMadeArchiveResetsTheAttempts() throws IOException {
        ClassDataCache cache = cache("k1");
        cache.beginMaking(1);
        cache.beginMaking(2);
        make(cache, 3);
        cache.discard();
        for (int i = 0; i < ClassDataCache.MAX_ATTEMPTS - 1; i++) cache.beginMaking(10 + i);
        assertTrue(cache.mayMake());
    }

    @Test
    void makingAnArchiveRemovesThoseOfOtherJarsButNotAnotherRunsPendingOne() throws IOException {
        ClassDataCache old = cache("old");
        make(old, 1);
        Path otherRunsPending = cache("other").beginMaking(2);
        Files.write(otherRunsPending, archiveBytes);
        make(cache("new"), 3);
        assertEquals(Optional.empty(), old.archive());
        assertFalse(Files.exists(dir.resolve("cache").resolve("dmascope-old.jsa")));
        assertTrue(Files.exists(otherRunsPending));
        assertTrue(cache("new").archive().isPresent());
    }

    @Test
    void discardRemovesTheArchive() throws IOException {
        ClassDataCache cache = cache("k1");
        Path archive = make(cache, 1);
        cache.discard();
        assertFalse(Files.exists(archive));
        assertEquals(Optional.empty(), cache.archive());
    }

    @Test
    void twoRunsMakingTheArchiveAtOnceWriteTwoFiles() throws IOException {
        ClassDataCache cache = cache("k1");
        assertNotEquals(cache.beginMaking(1), cache.beginMaking(2));
    }
}
