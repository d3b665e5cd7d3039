package org.dmascope.app.start;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * Runs the program in a second JVM started with what a jar's manifest cannot ask for: the window maps the classes of
 * earlier runs from a class-data archive ({@code -XX:SharedArchiveFile}; the first run of a jar on a runtime records it
 * as it exits, {@code -XX:ArchiveClassesAtExit}), and the window and the commands both run with the options of
 * {@link #tuning} (the serial collector and the client compiler) and without performance counters; the window runs
 * from the jar beside its native libraries unpacked into the cache ({@link NativeLibraries}). The commands' JVM maps
 * no archive of its own: an archive recorded by a command would lack the window's classes. Whatever goes wrong falls
 * back to starting the window in this JVM as before: no relaunch when the user chose class-data sharing or a
 * debugger, when the jar or the cache cannot be found, or when the second JVM cannot be started; and when the second
 * JVM ends in failure before it reached {@code main} (the archive may be what broke it), the archive is removed and
 * the window starts here. The second JVM tells it reached {@code main} by deleting a marker file named in {@value
 * #MARKER_PROPERTY} ({@link #relaunched}).
 */
public final class Relaunch {
    /** The marker file's path; set only in the relaunched JVM, which it tells that it was relaunched. */
    public static final String MARKER_PROPERTY = "dmascope.relaunched";
    /** {@code -Ddmascope.classData=off}: never relaunch (start as plain {@code java -jar} always did). */
    public static final String SWITCH_PROPERTY = "dmascope.classData";
    /** Set in the relaunched JVM when it is to show the window (else it runs the command it was given). */
    public static final String WINDOW_PROPERTY = "dmascope.relaunched.window";
    /** The young generation of a command's JVM, in MB ({@link #tuning}). */
    static final int COMMAND_YOUNG_MB = 64;
    private static final List<String> QUIET = List.of("-Xlog:cds=off", "-Xlog:cds+dynamic=off");

    /** Starts a command, so tests can stand in for the second JVM. */
    public interface Starter {
        /** Starts {@code command} with this process's standard streams and working directory. */
        Running start(List<String> command) throws IOException;
    }

    /** A started second JVM. */
    public interface Running {
        /** Its exit code, once it ended. */
        int waitFor() throws InterruptedException;

        /** Asks it to end (SIGTERM: its shutdown hooks run) and waits a few seconds for it. */
        void stop();

        /** A started process as a second JVM. */
        static Running of(Process p) {
            return new Running() {
                @Override
                public int waitFor() throws InterruptedException {
                    return p.waitFor();
                }

                @Override
                public void stop() {
                    p.destroy();
                    try {
                        p.waitFor(5, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            };
        }
    }

    private final Path java;
    private final Path jar;
    private final String mainClass;
    private final JvmOptions options;
    private final ClassDataCache cache;
    private final Starter starter;
    private final long pid;

    /**
     * @param java      the {@code java} of this runtime
     * @param jar       the jar this program runs from
     * @param mainClass the class whose {@code main} the second JVM runs
     * @param options   the options this JVM was given
     * @param cache     where the archive of this jar and runtime is kept
     * @param pid       this process's id (names its files)
     */
    public Relaunch(Path java, Path jar, String mainClass, JvmOptions options, ClassDataCache cache,
                          Starter starter, long pid) {
        this.java = java;
        this.jar = jar;
        this.mainClass = mainClass;
        this.options = options;
        this.cache = cache;
        this.starter = starter;
        this.pid = pid;
    }

    /**
     * The relaunch for this process, or empty (start the window here) when it must not or cannot be: see the class
     * comment. Costs a read of the jar's directory and a few file lookups.
     */
    public static Optional<Relaunch> forThisProcess(Class<?> mainClass) {
        if ("off".equals(System.getProperty(SWITCH_PROPERTY)) || System.getProperty(MARKER_PROPERTY) != null
                // the installer's launchers bring their own archive and options
                || System.getProperty("jpackage.app-path") != null) {
            return Optional.empty();
        }
        String envOptions = System.getenv().getOrDefault("JDK_JAVA_OPTIONS", "");
        JvmOptions options = JvmOptions.parse(ProcessHandle.current().info().arguments());
        if (!options.notAllowed().isEmpty()
                || !JvmOptions.parse(Optional.of((envOptions + " -jar").trim().split("\\s+"))).notAllowed().isEmpty()) {
            return Optional.empty();
        }
        try {
            Path jar = Path.of(mainClass.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path java = Path.of(System.getProperty("java.home"), "bin", isWindows() ? "java.exe" : "java");
            if (!Files.isRegularFile(jar) || !Files.isExecutable(java)) return Optional.empty();
            String runtime = System.getProperty("java.home") + "|" + System.getProperty("java.vm.version") + "|"
                    + System.getProperty("java.runtime.version");
            ClassDataCache cache = new ClassDataCache(cacheDirectory(), () -> {
                try {
                    return ArchiveKey.of(jar, runtime);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            return Optional.of(new Relaunch(java, jar, mainClass.getName(), options, cache,
                    Relaunch::startInheritingIo, ProcessHandle.current().pid()));
        } catch (RuntimeException | URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** In the relaunched JVM: whether it is to show the window rather than run a command. */
    public static boolean relaunchedForWindow() {
        return Boolean.getBoolean(WINDOW_PROPERTY);
    }

    /**
     * In the relaunched JVM: deletes the marker, so the first JVM knows this one reached {@code main}.
     *
     * @return whether this JVM was relaunched
     */
    public static boolean relaunched() {
        String marker = System.getProperty(MARKER_PROPERTY);
        if (marker == null) return false;
        try {
            Files.deleteIfExists(Path.of(marker));
        } catch (IOException | RuntimeException e) {
            // the first JVM then takes a failure of this one for the archive's and makes it again: no harm
        }
        return true;
    }

    /**
     * Runs the window in the second JVM and waits for it.
     *
     * @param args the files the window opens
     * @return its exit code, or empty when the window is to start in this JVM after all
     */
    public OptionalInt run(List<String> args) {
        Optional<Path> archive;
        Path pending = null;
        try {
            archive = cache.archive();
            if (archive.isEmpty()) {
                if (!cache.mayMake()) return OptionalInt.empty();
                pending = cache.beginMaking(pid);
                // before the archive is made: it holds the class path it was made with, which later runs must give
                cache.unpackNativeLibraries(jar, pid);
            }
        } catch (IOException | UncheckedIOException e) {
            return OptionalInt.empty();
        }
        // The window runs from the jar beside its unpacked libraries, where JavaFX looks for them first
        // (NativeLibraries). Should that directory have gone while the archive stayed, the archive (made for that
        // class path) goes unused until the cache is cleared: slower, never wrong.
        Path classPath = cache.jarBesideLibraries(jar).orElse(jar);
        List<String> classData = new ArrayList<>(archive.isPresent()
                ? List.of("-XX:SharedArchiveFile=" + archive.get(), "-Xshare:auto")
                : List.of("-XX:ArchiveClassesAtExit=" + pending));
        classData.addAll(QUIET);
        Optional<Ended> ended = launch(classData, classPath, args, true);
        if (ended.isEmpty()) {
            if (pending != null) cache.abandon(pending);
            return OptionalInt.empty();
        }
        int code = ended.get().code();
        if (pending != null) {
            if (code == 0) {
                cache.made(pending);
            } else {
                cache.abandon(pending);
            }
        } else if (code != 0 && (!ended.get().reachedMain() || crashed(code))) {
            cache.discard();
        }
        return ended.get().reachedMain() ? OptionalInt.of(code) : OptionalInt.empty();
    }

    /**
     * Runs a command ({@code dmascope import …}) in the second JVM and waits for it: its streams are this
     * process's, its exit code becomes this one's.
     *
     * @return its exit code, or empty when the command is to run in this JVM after all (the second JVM could not be
     *         started or ended before it reached {@code main})
     */
    public OptionalInt runCommand(List<String> args) {
        return launch(List.of(), jar, args, false).filter(Ended::reachedMain).map(e -> OptionalInt.of(e.code()))
                .orElse(OptionalInt.empty());
    }

    /** How a second JVM ended: its exit code, and whether it reached {@code main} (it deleted the marker). */
    private record Ended(int code, boolean reachedMain) {
    }

    /** Starts the second JVM with a marker of its own and waits for it; empty when it could not be started. */
    private Optional<Ended> launch(List<String> classData, Path classPath, List<String> args, boolean window) {
        Path marker;
        try {
            marker = marker();
        } catch (IOException e) {
            return Optional.empty();
        }
        try {
            int code = runChild(command(classData, classPath, marker, args, window));
            return Optional.of(new Ended(code, !Files.exists(marker)));
        } catch (IOException e) {
            return Optional.empty();
        } finally {
            deleteQuietly(marker);
        }
    }

    /**
     * The options the second JVM adds to the user's, each only when the user chose nothing of its kind. The serial
     * collector keeps the heap near the live data (G1 let a 60 MB listing's import grow to 700 MB, the serial one
     * to 300 MB) and costs the canvas nothing (CanvasPanHarness: the same frame times). A command's work lasts
     * seconds, where the server compiler's profiling and compiling cost more than they win back: with the client
     * compiler and the serial collector the import of the Supermicro listing took 1.3 s instead of 1.5 s on a quiet
     * machine (2.4 s instead of 4.0 s on a busy one). The window runs the client compiler too: it starts in 1.9 s
     * instead of 2.6 s (the server compiler's compiling took the second core from the start), and since the
     * canvas's frames are mostly the renderer's native drawing it pans and zooms as fast (9.8 and 8.3 ms a frame
     * at 1,400 functions, against 10.7 and 8.2; CanvasPanHarness); what it gives up is model work at full speed,
     * which a window does in short runs: a drop's mapping 80-140 µs instead of 32-60, the P2P matrix of 1,400
     * functions 172 ms instead of 132 once warm (README "Large machines and start-up"). A command's young
     * generation is fixed at {@value #COMMAND_YOUNG_MB} MB: the serial collector's own sizing copied a large
     * import's growing live data more often and further (the 60 MB listing: 2.6-3.4 s and 304 MB
     * by default, 2.6-3.5 s and 246 MB with it; the 60 MB duplicate JSON 2.8 s and 393 MB, 2.1 s and 322 MB).
     *
     * @param given  the user's options
     * @param window for the window rather than a command
     */
    static List<String> tuning(List<String> given, boolean window) {
        List<String> t = new ArrayList<>();
        boolean compilerChosen = given.stream().anyMatch(o -> o.startsWith("-XX:TieredStopAtLevel")
                || o.contains("TieredCompilation") || o.equals("-Xint") || o.equals("-Xcomp")
                || o.startsWith("-XX:CICompilerCount"));
        if (!compilerChosen) t.add("-XX:TieredStopAtLevel=1");
        boolean collectorChosen = given.stream().anyMatch(o -> o.matches("-XX:[+-]Use\\w*GC"));
        if (!collectorChosen) t.add("-XX:+UseSerialGC");
        boolean heapChosen = given.stream().anyMatch(o -> o.startsWith("-Xm") || o.contains("NewSize")
                || o.contains("NewRatio") || o.contains("RAMPercentage") || o.contains("HeapSize"));
        if (!window && !collectorChosen && !heapChosen) t.add("-Xmn" + COMMAND_YOUNG_MB + "m");
        return t;
    }

    /**
     * How the second JVM maps the class-data archives (the runtime's own, and the window's): at the address they were
     * made for, as Java 17 upstream did by default, rather than always elsewhere, which this runtime's build (and
     * upstream since Java 20) does for address-space randomisation: that moves every pointer in the archives at each
     * start, 100 ms of the window JVM's 155 ms before {@code main} with its 31 MB archive (60 ms with mapping in place;
     * {@code -Xlog:startuptime}, "Create VM"). Where that address is taken the JVM still maps them elsewhere. Not
     * added when the user chose a mode ({@code -XX:ArchiveRelocationMode=1} keeps the randomisation). A runtime
     * without the option refuses to start the second JVM, which then counts as one that failed before {@code main}:
     * the window starts in this JVM (the option is in this Java 17, which {@code RelaunchTest} starts with it, and
     * still, diagnostic, in current OpenJDK sources: {@code src/hotspot/share/cds/cds_globals.hpp}).
     *
     * @param given the user's options
     */
    static List<String> archiveMapping(List<String> given) {
        if (given.stream().anyMatch(o -> o.startsWith("-XX:ArchiveRelocationMode"))) return List.of();
        return List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:ArchiveRelocationMode=0");
    }

    /**
     * The second JVM keeps no performance counters ({@code -XX:-UsePerfData}) unless the user chose: the JVM
     * otherwise maps a shared-memory file for {@code jps} and {@code jstat} and times every class it loads into it,
     * and the window loads some 6,000 before its first frame (the machine drawn ~80 ms sooner, measured back to back
     * with {@code startup-time.sh}, README "Start-up"). {@code jcmd PID} still attaches; {@code jps} does not list
     * the second JVM. {@code -XX:+UsePerfData} on the command line keeps the counters.
     *
     * @param given the user's options
     */
    static List<String> performanceCounters(List<String> given) {
        if (given.stream().anyMatch(o -> o.matches("-XX:[+-]UsePerfData"))) return List.of();
        return List.of("-XX:-UsePerfData");
    }

    /**
     * A new marker file for the second JVM to delete. Named by this process and the time rather than by
     * {@code createTempFile}, whose random names cost the first JVM its security providers (~20 ms).
     */
    private Path marker() throws IOException {
        Files.createDirectories(cache.directory());
        while (true) {
            try {
                return Files.createFile(cache.directory().resolve("dmascope-start-" + pid + "-" + System.nanoTime()
                        + ".marker"));
            } catch (FileAlreadyExistsException e) {
                // another start of this pid at this very nanosecond (a reused pid): take the next
            }
        }
    }

    /** Starts the second JVM and waits for it to end. */
    private int runChild(List<String> command) throws IOException {
        Running child = starter.start(command);
        // This JVM terminated (kill, logout): the second one goes with it rather than running on without a parent.
        Thread stop = new Thread(child::stop, "dmascope-relaunch-stop");
        Runtime.getRuntime().addShutdownHook(stop);
        int code = waitFor(child);
        removeHook(stop);
        return code;
    }

    /**
     * The second JVM's command line: this one's options, {@link #tuning}, {@link #archiveMapping}, {@link
     * #performanceCounters}, the class-data options (the window's archive), the marker, the class path (the jar, or
     * for the window the jar beside its unpacked libraries), the program and its arguments.
     */
    private List<String> command(List<String> classData, Path classPath, Path marker, List<String> args,
            boolean window) {
        List<String> c = new ArrayList<>();
        c.add(java.toString());
        c.addAll(options.options());
        c.addAll(tuning(options.options(), window));
        c.addAll(archiveMapping(options.options()));
        c.addAll(performanceCounters(options.options()));
        c.addAll(classData);
        c.add("-D" + MARKER_PROPERTY + "=" + marker);
        if (window) c.add("-D" + WINDOW_PROPERTY + "=true");
        c.add("-cp");
        c.add(classPath.toString());
        c.add(mainClass);
        c.addAll(args);
        return c;
    }

    /** A JVM that died of a signal (SIGSEGV, SIGBUS, abort) rather than the user's interrupt or termination. */
    private static boolean crashed(int code) {
        return code > 128 && code != 128 + 2 && code != 128 + 15;
    }

    private static int waitFor(Running child) {
        while (true) {
            try {
                return child.waitFor();
            } catch (InterruptedException e) {
                // this thread is only the window's waiting room: keep waiting for it
            }
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // a marker left behind is harmless
        }
    }

    private static Running startInheritingIo(List<String> command) throws IOException {
        return Running.of(new ProcessBuilder(command).inheritIO().start());
    }

    /** {@code dmascope.cacheDir}, else the platform's user cache directory. */
    static Path cacheDirectory() {
        String chosen = System.getProperty("dmascope.cacheDir");
        if (chosen != null && !chosen.isBlank()) return Path.of(chosen);
        Path home = Path.of(System.getProperty("user.home"));
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("mac")) return home.resolve("Library/Caches/dmascope");
        if (isWindows()) {
            String local = System.getenv("LOCALAPPDATA");
            return (local != null ? Path.of(local) : home).resolve("dmascope");
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        return (xdg != null && Path.of(xdg).isAbsolute() ? Path.of(xdg) : home.resolve(".cache")).resolve("dmascope");
    }

    private static boolean isWindows() {
        return System.getProperty("os.name", "").startsWith("Windows");
    }
}
