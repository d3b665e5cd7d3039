package org.dmascope.model.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Saving a file atomically: written to a temporary file beside the target, then renamed over it, so a
 * crash or a full disk never leaves a half-written file in place of the user's, and a failed save leaves
 * no temporary file behind. Temporary files an interrupted save of the same target left are removed
 * first. Topology files, pictures and reports are all saved this way.
 */
public final class AtomicFiles {
    private static final String TEMPORARY_SUFFIX = ".tmp";

    /** Writes the content to a stream. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {
    }

    /**
     * Writes {@code content} to {@code target} atomically.
     *
     * @throws IOException with a message that names the target and the reason in words
     */
    public static void write(Path target, Content content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        String prefix = "." + target.getFileName() + ".";
        removeStaleTemporaries(dir, prefix);
        Path tmp = null;
        try {
            if (Files.isDirectory(target)) throw new FileSystemException(target.toString(), null, "it is a folder");
            tmp = Files.createTempFile(dir, prefix, TEMPORARY_SUFFIX);
            permissions(tmp, target);
            try (OutputStream out = Files.newOutputStream(tmp)) {
                content.writeTo(out);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new IOException("cannot save " + target + ": " + reason(e, dir), e);
        } finally {
            if (tmp != null) Files.deleteIfExists(tmp);
        }
    }

    /**
     * A temporary file is made readable by its owner alone; the saved file keeps the permissions of the
     * file it replaces, or is readable by all as a file a program writes normally is.
     */
    private static void permissions(Path tmp, Path target) throws IOException {
        if (!Files.getFileStore(tmp).supportsFileAttributeView(PosixFileAttributeView.class)) return;
        Set<PosixFilePermission> p = Files.exists(target) ? Files.getPosixFilePermissions(target)
                : PosixFilePermissions.fromString("rw-r--r--");
        Files.setPosixFilePermissions(tmp, p);
    }

    /** A save killed between writing and renaming leaves its temporary file; the next save of that target tidies up. */
    private static void removeStaleTemporaries(Path dir, String prefix) {
        try (DirectoryStream<Path> stale = Files.newDirectoryStream(dir, p -> {
            String n = p.getFileName().toString();
            return n.startsWith(prefix) && n.endsWith(TEMPORARY_SUFFIX) && Files.isRegularFile(p);
        })) {
            for (Path p : stale) Files.deleteIfExists(p);
        } catch (IOException | DirectoryIteratorException e) {
            // Tidying is a courtesy: a folder we cannot list fails the save itself, with its own reason.
        }
    }

    /** Why a save failed, in words the user can act on. */
    static String reason(IOException e, Path dir) {
        if (e instanceof AccessDeniedException) return "permission denied (the folder " + dir + " is not writable)";
        if (e instanceof NoSuchFileException) return "the folder " + dir + " does not exist";
        if (e instanceof FileSystemException f && f.getReason() != null) {
            String r = f.getReason();
            return r.contains("No space left") ? "the disk is full" : r.contains("Read-only")
                    ? "the file system is read-only" : r;
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
