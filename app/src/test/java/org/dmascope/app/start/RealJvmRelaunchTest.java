package org.dmascope.app.start;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The relaunch with real JVMs of this runtime, on a small jar: the first run records the archive, the next maps
 * it, and archives the JVM would trip over (truncated: JDK 17 dies of SIGBUS before main even with
 * {@code -Xshare:auto}; stale: it only warns, which the relaunch silences) never keep the program from running.
 */
class RealJvmRelaunchTest {
    @TempDir
    Path dir;

    private Path jar;
    private Path out;
    private ClassDataCache cache;

    @BeforeEach
    void setUp() throws IOException, URISyntaxException {
        jar = dir.resolve("probe.jar");
        Path classes = Path.of(Relaunch.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path testClasses = Path.of(RelaunchProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (OutputStream o = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(o)) {
            add(j, classes);
            add(j, testClasses.resolve("org/dmascope/app/start/RelaunchProbe.class"), testClasses);
        }
        out = dir.resolve("out.txt");
        cache = new ClassDataCache(dir.resolve("cache"), ArchiveKey.of(jar, System.getProperty("java.vm.version")));
    }

    private static void add(JarOutputStream j, Path classes) throws IOException {
        try (Stream<Path> files = Files.list(classes.resolve("org/dmascope/app/start"))) {
            for (Path f : files.toList()) add(j, f, classes);
        }
    }

    private static void add(JarOutputStream j, Path file, Path root) throws IOException {
        j.putNextEntry(new JarEntry(root.relativize(file).toString().replace('\\', '/')));
        j.write(Files.readAllBytes(file));
        j.closeEntry();
    }

    private OptionalInt run(int exit, String... args) {
        JvmOptions options = new JvmOptions(List.of("-Dprobe.out=" + out, "-Dprobe.exit=" + exit, "-Xmx64m"), "");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Relaunch r = new Relaunch(java, jar, RelaunchProbe.class.getName(), options, cache,
                command -> Relaunch.Running.of(new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(dir.resolve("jvm-output.txt").toFile()).start()),
                ProcessHandle.current().pid());
        return r.run(List.of(args));
    }

    private String jvmOutput() throws IOException {
        return Files.readString(dir.resolve("jvm-output.txt"));
    }

    @Test
    void theFirstRunRecordsTheArchiveAndTheSecondMapsItWithTheArgumentsIntact() throws IOException {
        assertEquals(OptionalInt.of(0), run(0, "a file.json", "ü.txt"));
        assertEquals("true\na file.json\nü.txt", Files.readString(out, StandardCharsets.UTF_8));
        Path archive = cache.archive().orElseThrow(() -> new AssertionError("no archive made"));
        assertTrue(Files.size(archive) > 0);
        Files.delete(out);
        assertEquals(OptionalInt.of(7), run(7, "second"));
        assertEquals("true\nsecond", Files.readString(out, StandardCharsets.UTF_8));
        assertEquals("", jvmOutput(), "the JVM said nothing");
    }

    @Test
    void aTruncatedArchiveWhoseSizeRecordLiesIsTakenBackAndTheProgramStillRuns() throws IOException {
        run(0);
        Path archive = cache.archive().orElseThrow();
        long size = Files.size(archive);
        // keep the recorded size true to the file, so the cache hands it to the JVM
        try (FileChannel ch = FileChannel.open(archive, StandardOpenOption.WRITE)) {
            ch.truncate(size / 3);
        }
        Files.writeString(archive.resolveSibling(archive.getFileName() + ".size"), Long.toString(size / 3));
        Files.delete(out);
        OptionalInt code = run(0, "x");
        if (code.isEmpty()) {
            // the JVM died before main: the archive is gone and the window would start in the first JVM
            assertFalse(Files.exists(out));
            assertEquals(Optional.empty(), cache.archive());
        } else {
            assertEquals(OptionalInt.of(0), code, jvmOutput());
            assertEquals("true\nx", Files.readString(out));
        }
        // either way the next run goes back to making an archive and runs
        assertEquals(OptionalInt.of(0), run(0, "y"));
        assertEquals("true\ny", Files.readString(out));
    }

    @Test
    void aStaleArchiveIsIgnoredSilently() throws IOException {
        run(0);
        Path archive = cache.archive().orElseThrow();
        // the jar rebuilt: the JVM finds another size and time than it recorded and maps nothing
        try (OutputStream o = Files.newOutputStream(jar, StandardOpenOption.APPEND)) {
            o.write(new byte[16]);
        }
        Files.delete(out);
        assertEquals(OptionalInt.of(0), run(0, "z"));
        assertEquals("true\nz", Files.readString(out));
        assertEquals("", jvmOutput(), "no CDS warning reaches the user");
        assertTrue(Files.exists(archive));
    }
}
