package org.dmascope.app.start;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The jar's native libraries (JavaFX's, at the root of the shaded jar) unpacked once into the cache, with the jar
 * beside them (a hard link, or a copy) that the window JVM runs from. JavaFX 21 loads a library first from the
 * directory of the jar its classes came from, and only then from the jar itself, which at every start inflates each
 * library and compares its MD5 with the copy it keeps in {@code ~/.openjfx/cache} ({@code NativeLibLoader
 * .loadLibraryInternal} in javafx-graphics 21.0.12): seven libraries, ~45 ms before the first frame (traced starts,
 * README "Start-up"). The directory is named by the archive's key, which covers the CRC-32 of every entry of the
 * jar, so a changed library gets a new directory; it is trusted as the archive beside it is. A library that does not
 * load from it (damaged) makes JavaFX go on to its own way.
 */
final class NativeLibraries {
    /** Written last: a directory without it is not used. */
    static final String WHOLE = ".whole";

    private NativeLibraries() {
    }

    /** The jar (linked or copied) in a directory made by {@link #unpack}. */
    static Path jarIn(Path target, Path jar) {
        return target.resolve(jar.getFileName());
    }

    /**
     * Unpacks the root entries of {@code jar} named as this platform names native libraries into {@code target}, and
     * links or copies the jar there ({@link #jarIn}), unless it is whole already. Written into a directory of this
     * process's own and moved into place, so two first runs never share a half-written one.
     *
     * @return whether {@code target} is whole afterwards; false when the jar has no native library or cannot be read
     *         or copied
     */
    static boolean unpack(Path jar, Path target, long pid) {
        if (Files.isRegularFile(target.resolve(WHOLE))) return true;
        Path pending = target.resolveSibling(target.getFileName() + "." + pid + ".tmp");
        try {
            deleteTree(pending);
            Files.createDirectories(pending);
            if (copyLibraries(jar, pending) == 0) {
                deleteTree(pending);
                return false;
            }
            linkOrCopy(jar, jarIn(pending, jar));
            Files.createFile(pending.resolve(WHOLE));
            deleteTree(target);
            move(pending, target);
            return true;
        } catch (IOException | UncheckedIOException | UnsupportedOperationException | SecurityException e) {
            deleteQuietly(pending);
            return Files.isRegularFile(target.resolve(WHOLE));
        }
    }

    /**
     * A hard link to the jar, or a copy where the cache is on another file system. Not a symbolic link: the class
     * path's entries are resolved to their real paths, and JavaFX would look beside the jar it points to.
     */
    private static void linkOrCopy(Path jar, Path to) throws IOException {
        try {
            Files.createLink(to, jar);
        } catch (IOException | UnsupportedOperationException e) {
            Files.copy(jar, to, StandardCopyOption.COPY_ATTRIBUTES);
        }
    }

    private static int copyLibraries(Path jar, Path into) throws IOException {
        String suffix = librarySuffix();
        int copied = 0;
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                ZipEntry entry = e.nextElement();
                String name = entry.getName();
                // at the root only, as JavaFX's loader looks for them (getResourceAsStream("/" + mapLibraryName))
                if (entry.isDirectory() || !name.endsWith(suffix) || name.contains("/") || name.contains("\\")
                        || name.startsWith(".")) {
                    continue;
                }
                try (InputStream in = zip.getInputStream(entry)) {
                    Files.copy(in, into.resolve(name));
                }
                copied++;
            }
        }
        return copied;
    }

    /** ".so", ".dylib" or ".dll": what this platform's {@code System.mapLibraryName} puts after the name. */
    private static String librarySuffix() {
        String mapped = System.mapLibraryName("x");
        return mapped.substring(mapped.indexOf('x') + 1);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        } catch (FileAlreadyExistsException e) {
            // another first run put its copy in place meanwhile
            deleteTree(from);
        }
    }

    /** Deletes a file or a directory with what it holds; nothing when it is absent. */
    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) return;
        try (Stream<Path> all = Files.walk(p)) {
            for (Path q : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) Files.deleteIfExists(q);
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            deleteTree(p);
        } catch (IOException e) {
            // a leftover temporary directory is harmless; the next run writes its own
        }
    }
}
