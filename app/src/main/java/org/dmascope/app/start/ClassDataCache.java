package org.dmascope.app.start;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The class-data archive of one jar and runtime ({@link ArchiveKey}) in the user's cache directory, with what
 * guards it. An archive is only used when its recorded size is there and matches: JDK 17 crashes (SIGBUS while
 * relocating the archive) on a truncated archive even with {@code -Xshare:auto}, though it ignores a missing,
 * empty, foreign or stale one. An archive is made at the end of a run into a file of that run's own and moved
 * into place only after the run ended well; making one that fails {@value #MAX_ATTEMPTS} times is given up.
 */
public final class ClassDataCache {
    static final int MAX_ATTEMPTS = 3;
    private static final String PREFIX = "dmascope-";
    private static final String ARCHIVE = ".jsa";
    private static final String NATIVES = ".natives";

    private final Path dir;
    private final Supplier<String> keySource;
    private String key;

    public ClassDataCache(Path dir, String key) {
        this(dir, () -> key);
    }

    /**
     * @param key worked out the first time the archive is looked for (the jar's directory is read for it), so a
     *            command that never uses the archive does not pay for it; it may throw {@link UncheckedIOException}
     */
    public ClassDataCache(Path dir, Supplier<String> key) {
        this.dir = dir;
        this.keySource = key;
    }

    /** The directory the archive and the second JVM's marker files are kept in. */
    public Path directory() {
        return dir;
    }

    private String key() {
        if (key == null) key = keySource.get();
        return key;
    }

    /** The archive, when it is whole: its size is the one recorded when it was made. */
    public Optional<Path> archive() {
        Path a = archivePath();
        try {
            long recorded = Long.parseLong(Files.readString(sizePath(), StandardCharsets.US_ASCII).trim());
            return recorded > 0 && Files.size(a) == recorded ? Optional.of(a) : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * {@code jar} (linked or copied) beside its native libraries unpacked for this key ({@link NativeLibraries}),
     * when that directory is whole.
     */
    public Optional<Path> jarBesideLibraries(Path jar) {
        Path d = nativesPath();
        return Files.isRegularFile(d.resolve(NativeLibraries.WHOLE)) ? Optional.of(NativeLibraries.jarIn(d, jar))
                : Optional.empty();
    }

    /** Unpacks {@code jar}'s native libraries for this key, unless they are; whether they are afterwards. */
    public boolean unpackNativeLibraries(Path jar, long pid) {
        return NativeLibraries.unpack(jar, nativesPath(), pid);
    }

    /** Whether another run should try to make the archive (fewer than {@value #MAX_ATTEMPTS} failed tries). */
    public boolean mayMake() {
        return attempts() < MAX_ATTEMPTS;
    }

    /**
     * Where a run that makes the archive writes it (its own file, so two first runs never write one file);
     * counts the attempt until {@link #made} says it worked.
     */
    public Path beginMaking(long pid) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(attemptsPath(), Integer.toString(attempts() + 1), StandardCharsets.US_ASCII);
        Path pending = dir.resolve(PREFIX + key() + "." + pid + ".tmp");
        Files.deleteIfExists(pending);
        return pending;
    }

    /**
     * The run that wrote {@code pending} ended well: it becomes the archive, its size recorded, and the archives of
     * other jars and runtimes are removed. A missing or empty file is left as a failed attempt.
     */
    public boolean made(Path pending) {
        try {
            long size = Files.size(pending);
            if (size == 0) {
                Files.deleteIfExists(pending);
                return false;
            }
            Files.deleteIfExists(sizePath());
            move(pending, archivePath());
            Files.writeString(sizePath(), Long.toString(size), StandardCharsets.US_ASCII);
            Files.deleteIfExists(attemptsPath());
            removeOthers();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Gives up a pending archive whose run did not end well. */
    public void abandon(Path pending) {
        try {
            Files.deleteIfExists(pending);
        } catch (IOException e) {
            // a leftover temporary file is removed with the other keys' files later
        }
    }

    /**
     * Removes the archive and the unpacked libraries, which a run that went wrong may have been given; the next run
     * makes them again.
     */
    public void discard() {
        try {
            Files.deleteIfExists(sizePath());
            Files.deleteIfExists(archivePath());
        } catch (IOException e) {
            // without its size file it is not used anyway
        }
        try {
            Files.deleteIfExists(nativesPath().resolve(NativeLibraries.WHOLE));
            NativeLibraries.deleteTree(nativesPath());
        } catch (IOException e) {
            // without its marker the directory is not used anyway
        }
    }

    Path archivePath() {
        return dir.resolve(PREFIX + key() + ARCHIVE);
    }

    Path nativesPath() {
        return dir.resolve(PREFIX + key() + NATIVES);
    }

    private Path sizePath() {
        return dir.resolve(PREFIX + key() + ARCHIVE + ".size");
    }

    private Path attemptsPath() {
        return dir.resolve(PREFIX + key() + ".attempts");
    }

    private int attempts() {
        try {
            return Integer.parseInt(Files.readString(attemptsPath(), StandardCharsets.US_ASCII).trim());
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Archives of earlier jars (each rebuild makes another) are ~30 MB each: only the current one is kept, and the
     * current one's unpacked libraries.
     */
    private void removeOthers() throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, PREFIX + "*")) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                if (!name.startsWith(PREFIX + key() + ".") && !name.endsWith(".tmp")) NativeLibraries.deleteTree(f);
            }
        }
    }
}
