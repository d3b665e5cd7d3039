package org.dmascope.app.start;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The relaunch's decisions, with a stand-in for the second JVM that does what a real one would do to the files. */
class RelaunchTest {
    @TempDir
    Path dir;

    private ClassDataCache cache;
    private final List<List<String>> started = new ArrayList<>();

    /** What the stand-in second JVM does: whether it reaches main, whether it writes the archive, its exit code. */
    private boolean reachesMain;
    private boolean writesArchive;
    private int exitCode;

    @BeforeEach
    void setUp() {
        cache = new ClassDataCache(dir.resolve("cache"), "key");
        reachesMain = true;
        writesArchive = true;
        exitCode = 0;
    }

    private Relaunch relaunch(Relaunch.Starter starter) {
        JvmOptions options = new JvmOptions(List.of("-Dprism.order=sw", "-Xmx1g"), "");
        return new Relaunch(Path.of("/jdk/bin/java"), Path.of("/apps/dmascope.jar"), "org.dmascope.app.Main",
                options, cache, starter, 4242);
    }

    private OptionalInt run(List<String> files) {
        return relaunch(this::standIn).run(files);
    }

    private Relaunch.Running standIn(List<String> command) {
        started.add(command);
        String marker = value(command, "-Ddmascope.relaunched=");
        String making = value(command, "-XX:ArchiveClassesAtExit=");
        try {
            if (reachesMain) Files.delete(Path.of(marker));
            if (!making.isEmpty() && writesArchive) Files.write(Path.of(making), new byte[1234]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Relaunch.Running() {
            @Override
            public int waitFor() {
                return exitCode;
            }

            @Override
            public void stop() {
            }
        };
    }

    /** The argument after {@code -cp}. */
    private static String classPath(List<String> command) {
        return command.get(command.indexOf("-cp") + 1);
    }

    private static String value(List<String> command, String prefix) {
        return command.stream().filter(a -> a.startsWith(prefix)).map(a -> a.substring(prefix.length())).findFirst()
                .orElse("");
    }

    private void haveArchive() throws IOException {
        Path pending = cache.beginMaking(1);
        Files.write(pending, new byte[1234]);
        assertTrue(cache.made(pending));
    }

    @Test
    void theFirstRunMakesTheArchiveAtItsExitAndTheNextMapsIt() {
        assertEquals(OptionalInt.of(0), run(List.of()));
        List<String> first = started.get(0);
        assertTrue(value(first, "-XX:ArchiveClassesAtExit=").endsWith("dmascope-key.4242.tmp"), first.toString());
        assertFalse(first.contains("-Xshare:auto"));
        Path archive = cache.archive().orElseThrow();

        assertEquals(OptionalInt.of(0), run(List.of()));
        List<String> second = started.get(1);
        assertEquals(archive.toString(), value(second, "-XX:SharedArchiveFile="));
        assertTrue(second.contains("-Xshare:auto"));
        assertEquals("", value(second, "-XX:ArchiveClassesAtExit="));
    }

    @Test
    void fromTheRunThatMakesTheArchiveOnTheWindowRunsFromTheJarBesideItsUnpackedLibraries() throws IOException {
        Path jar = NativeLibrariesTest.jar(dir.resolve("dmascope.jar"), Map.of(
                NativeLibrariesTest.lib("glass"), "glass"));
        JvmOptions options = new JvmOptions(List.of("-Dprism.order=sw"), "");
        Relaunch relaunch = new Relaunch(Path.of("/jdk/bin/java"), jar, "org.dmascope.app.Main", options, cache,
                this::standIn, 4242);
        relaunch.run(List.of());
        Path link = cache.jarBesideLibraries(jar).orElseThrow();
        assertEquals(link.toString(), classPath(started.get(0)), "the archive is made for that class path");
        assertFalse(value(started.get(0), "-XX:ArchiveClassesAtExit=").isEmpty());
        assertEquals(-1L, Files.mismatch(jar, link));
        assertEquals("glass", Files.readString(link.resolveSibling(NativeLibrariesTest.lib("glass"))));

        relaunch.run(List.of());
        assertEquals(link.toString(), classPath(started.get(1)));
        assertTrue(started.get(1).contains("-Xshare:auto"), "and maps it");

        relaunch.runCommand(List.of("import", "x"));
        assertEquals(jar.toString(), classPath(started.get(2)), "a command loads no JavaFX");
    }

    @Test
    void theSecondJvmGetsThisOnesOptionsTheJarAndTheFilesAsGiven() throws IOException {
        haveArchive();
        List<String> files = List.of("/data/my lspci.txt", "/data/groups.txt");
        run(files);
        List<String> c = started.get(0);
        assertEquals("/jdk/bin/java", c.get(0));
        assertEquals(List.of("-Dprism.order=sw", "-Xmx1g"), c.subList(1, 3));
        assertTrue(c.containsAll(List.of("-Xlog:cds=off", "-Xlog:cds+dynamic=off")), "a stale archive says nothing");
        int cp = c.indexOf("-cp");
        assertEquals(List.of("-cp", "/apps/dmascope.jar", "org.dmascope.app.Main", "/data/my lspci.txt",
                "/data/groups.txt"), c.subList(cp, c.size()));
        assertTrue(c.indexOf("-XX:SharedArchiveFile=" + cache.archive().orElseThrow()) < cp, "JVM options first");
    }

    @Test
    void theWindowsExitCodeIsTheProgramsAndTheMarkerIsGone() throws IOException {
        haveArchive();
        exitCode = 3;
        assertEquals(OptionalInt.of(3), run(List.of()));
        assertFalse(Files.exists(Path.of(value(started.get(0), "-Ddmascope.relaunched="))));
        assertTrue(cache.archive().isPresent(), "an ordinary failure of the program is not the archive's");
    }

    /** JDK 17 dies of SIGBUS before main on some broken archives: this JVM starts the window itself. */
    @Test
    void aSecondJvmThatFailsBeforeMainStartsTheWindowHereAndLosesTheArchive() throws IOException {
        haveArchive();
        reachesMain = false;
        exitCode = 134;
        assertEquals(OptionalInt.empty(), run(List.of()));
        assertEquals(Optional.empty(), cache.archive());
        assertFalse(Files.exists(Path.of(value(started.get(0), "-Ddmascope.relaunched="))), "no marker left");
    }

    @Test
    void aWindowThatCrashesAfterMainKeepsItsExitCodeButLosesTheArchive() throws IOException {
        haveArchive();
        exitCode = 134;
        assertEquals(OptionalInt.of(134), run(List.of()));
        assertEquals(Optional.empty(), cache.archive());
    }

    @Test
    void aWindowEndedByTheUserKeepsTheArchive() throws IOException {
        haveArchive();
        exitCode = 130;
        assertEquals(OptionalInt.of(130), run(List.of()));
        assertTrue(cache.archive().isPresent());
    }

    @Test
    void aFirstRunThatEndsBadlyMakesNoArchive() {
        exitCode = 143;
        assertEquals(OptionalInt.of(143), run(List.of()));
        assertEquals(Optional.empty(), cache.archive());
        assertFalse(Files.exists(Path.of(value(started.get(0), "-XX:ArchiveClassesAtExit="))), "pending file removed");
    }

    @Test
    void whenTheSecondJvmCannotStartTheWindowStartsHere() {
        Relaunch r = relaunch(command -> {
            throw new IOException("no such file: /jdk/bin/java");
        });
        assertEquals(OptionalInt.empty(), r.run(List.of()));
        assertEquals(Optional.empty(), cache.archive());
    }

    @Test
    void afterThreeRunsThatMadeNoArchiveTheWindowStartsHereWithoutTrying() {
        writesArchive = false;
        for (int i = 0; i < ClassDataCache.MAX_ATTEMPTS; i++) assertEquals(OptionalInt.of(0), run(List.of()));
        assertEquals(OptionalInt.empty(), run(List.of()));
        assertEquals(ClassDataCache.MAX_ATTEMPTS, started.size());
    }

    @Test
    void theRelaunchedJvmKnowsItselfByTheMarkerAndDeletesIt() throws IOException {
        assertFalse(Relaunch.relaunched(), "surefire's JVM was not relaunched");
        Path marker = Files.createFile(dir.resolve("m.marker"));
        String before = System.getProperty(Relaunch.MARKER_PROPERTY);
        System.setProperty(Relaunch.MARKER_PROPERTY, marker.toString());
        try {
            assertTrue(Relaunch.relaunched());
            assertFalse(Files.exists(marker));
            assertTrue(Relaunch.forThisProcess(Relaunch.class).isEmpty(), "never relaunches itself");
        } finally {
            if (before == null) System.clearProperty(Relaunch.MARKER_PROPERTY);
        }
    }

    @Test
    void classesOutsideAJarAreNotRelaunched() {
        // surefire runs this module from target/classes, a directory
        assertTrue(Relaunch.forThisProcess(Relaunch.class).isEmpty());
    }

    @Test
    void theSecondJvmRunsTheSerialCollectorAndTheClientCompilerUnlessTheUserChoseOthers() {
        assertEquals(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"),
                Relaunch.tuning(List.of("-Xmx1g"), false));
        assertEquals(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"), Relaunch.tuning(List.of("-Xmx1g"), true),
                "the window too");
        assertEquals(List.of("-XX:+UseSerialGC"), Relaunch.tuning(List.of("-XX:TieredStopAtLevel=4"), true),
                "the server compiler when the user asks for it");
        assertEquals(List.of("-XX:+UseSerialGC", "-Xmn64m"), Relaunch.tuning(List.of("-XX:TieredStopAtLevel=4"),
                false));
        assertEquals(List.of("-XX:+UseSerialGC", "-Xmn64m"), Relaunch.tuning(List.of("-XX:-TieredCompilation"),
                false));
        assertEquals(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmn64m"), Relaunch.tuning(List.of(),
                false), "a command's young generation is fixed where the user chose no heap sizes");
        assertEquals(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"), Relaunch.tuning(List.of(), true),
                "not the window's young generation");
        for (String heap : List.of("-Xms2g", "-Xmn32m", "-XX:NewRatio=3", "-XX:MaxRAMPercentage=50")) {
            assertEquals(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"), Relaunch.tuning(List.of(heap),
                    false), heap);
        }
        assertEquals(List.of("-XX:TieredStopAtLevel=1"), Relaunch.tuning(List.of("-XX:+UseG1GC"), false));
        assertEquals(List.of("-XX:TieredStopAtLevel=1"), Relaunch.tuning(List.of("-XX:+UseZGC"), false));
        assertEquals(List.of(), Relaunch.tuning(List.of("-Xint", "-XX:+UseParallelGC"), false));
        assertEquals(List.of("-XX:TieredStopAtLevel=1"), Relaunch.tuning(List.of("-XX:+UseG1GC"), true));
        run(List.of());
        List<String> window = started.get(0);
        assertTrue(window.contains("-XX:+UseSerialGC"), window.toString());
        assertTrue(window.contains("-XX:TieredStopAtLevel=1"), window.toString());
        assertTrue(window.contains("-Ddmascope.relaunched.window=true"));
    }

    @Test
    void theSecondJvmKeepsNoPerformanceCountersUnlessTheUserChose() {
        assertEquals(List.of("-XX:-UsePerfData"), Relaunch.performanceCounters(List.of("-Xmx1g")));
        assertEquals(List.of(), Relaunch.performanceCounters(List.of("-XX:+UsePerfData")));
        assertEquals(List.of(), Relaunch.performanceCounters(List.of("-XX:-UsePerfData")));
        run(List.of());
        relaunch(this::standIn).runCommand(List.of("import", "x"));
        for (List<String> c : started) {
            assertEquals(1, Collections.frequency(c, "-XX:-UsePerfData"), c.toString());
            assertTrue(c.indexOf("-XX:-UsePerfData") < c.indexOf("-cp"));
        }
    }

    @Test
    void theSecondJvmMapsTheArchivesWhereTheyWereMadeForUnlessTheUserChoseAMode() {
        List<String> inPlace = List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:ArchiveRelocationMode=0");
        assertEquals(inPlace, Relaunch.archiveMapping(List.of("-Xmx1g")));
        assertEquals(List.of(), Relaunch.archiveMapping(List.of("-XX:ArchiveRelocationMode=1")),
                "the user's choice stands (1 keeps the runtime's randomised mapping)");
        run(List.of());
        List<String> window = started.get(0);
        int cp = window.indexOf("-cp");
        assertTrue(Collections.indexOfSubList(window.subList(0, cp), inPlace) > 0, window.toString());
        exitCode = 0;
        relaunch(this::standIn).runCommand(List.of("groups", "x.txt"));
        List<String> command = started.get(started.size() - 1);
        assertTrue(Collections.indexOfSubList(command.subList(0, command.indexOf("-cp")), inPlace) > 0,
                "a command maps the runtime's archive: " + command);
    }

    @Test
    void thisRuntimeAcceptsTheMappingOptions() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        command.addAll(Relaunch.archiveMapping(List.of()));
        command.add("-version");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
    }

    @Test
    void aCommandRunsInTheSecondJvmWithItsArgumentsAndExitCodeAndNoArchive() {
        exitCode = 2;
        List<String> args = List.of("import", "/data/my lspci.txt", "-o", "out.json");
        assertEquals(OptionalInt.of(2), relaunch(this::standIn).runCommand(args));
        List<String> c = started.get(0);
        int cp = c.indexOf("-cp");
        List<String> expected = new ArrayList<>(List.of("-cp", "/apps/dmascope.jar", "org.dmascope.app.Main"));
        expected.addAll(args);
        assertEquals(expected, c.subList(cp, c.size()));
        assertEquals(List.of("-Dprism.order=sw", "-Xmx1g", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"),
                c.subList(1, 5));
        assertFalse(c.stream().anyMatch(a -> a.contains("SharedArchiveFile") || a.contains("ArchiveClassesAtExit")),
                "a command records no archive: it would lack the window's classes");
        assertFalse(c.contains("-Ddmascope.relaunched.window=true"), "the second JVM runs the command");
        assertFalse(Files.exists(Path.of(value(c, "-Ddmascope.relaunched="))), "no marker left");
        assertEquals(Optional.empty(), cache.archive());
    }

    @Test
    void aCommandWhoseJvmFailsBeforeMainOrCannotStartRunsHere() {
        reachesMain = false;
        exitCode = 1;
        assertEquals(OptionalInt.empty(), relaunch(this::standIn).runCommand(List.of("groups", "x.txt")));
        assertFalse(Files.exists(Path.of(value(started.get(0), "-Ddmascope.relaunched="))), "no marker left");
        Relaunch cannot = relaunch(command -> {
            throw new IOException("no such file: /jdk/bin/java");
        });
        assertEquals(OptionalInt.empty(), cannot.runCommand(List.of("groups", "x.txt")));
    }
}
