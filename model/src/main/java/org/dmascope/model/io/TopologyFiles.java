package org.dmascope.model.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import org.dmascope.model.io.source.BoundedFiles;
import org.dmascope.model.io.source.SourceText;
import org.dmascope.model.io.source.Utf8;
import org.dmascope.model.report.Diagnostic;
import org.dmascope.model.report.Report;
import org.dmascope.model.topology.Topology;

/** Reading and saving topology files, with every failure turned into a report naming the file. */
public final class TopologyFiles {
    private TopologyFiles() {
    }

    /** Reads and validates a topology file; never throws for bad content or a missing file. */
    public static LoadResult load(Path path) {
        String name = path.getFileName() == null ? path.toString() : path.getFileName().toString();
        try {
            byte[] bytes = BoundedFiles.read(path, TopologyFormat.MAX_BYTES, "topology files");
            return TopologyJsonReader.read(Utf8.decode(bytes), name);
        } catch (BoundedFiles.Refused e) {
            return fail(name, e.getMessage());
        } catch (CharacterCodingException e) {
            return fail(name, "the file is not UTF-8 text (is it a binary file?)");
        }
    }

    /**
     * Reads a topology from a file already decoded.
     *
     * @param checkpoint run now and then; it throws to stop (a cancelled import)
     */
    public static LoadResult load(SourceText text, Runnable checkpoint) {
        if (text.bytes() > TopologyFormat.MAX_BYTES) {
            return fail(text.name(), "the file is larger than the topology file limit");
        }
        return text.exactText().map(s -> TopologyJsonReader.read(s, text.name(), checkpoint))
                .orElseGet(() -> fail(text.name(), "the file is not UTF-8 text (is it a binary file?)"));
    }

    /** Reads a topology from a stream (a classpath resource), naming it {@code name} in messages. */
    public static LoadResult load(InputStream in, String name) throws IOException {
        byte[] bytes = in.readNBytes((int) TopologyFormat.MAX_BYTES + 1);
        if (bytes.length > TopologyFormat.MAX_BYTES) return fail(name,
                "the file is larger than the topology file limit");
        try {
            return TopologyJsonReader.read(Utf8.decode(bytes), name);
        } catch (CharacterCodingException e) {
            return fail(name, "the file is not UTF-8 text (is it a binary file?)");
        }
    }

    /**
     * Writes the topology as JSON atomically: to a temporary file beside the target, then renamed over
     * it, so a crash or a full disk never leaves a half-written file in place of the user's data.
     * Temporary files an interrupted save of the same target left behind are removed first.
     *
     * @throws IOException with a message that names the target and the reason in words
     */
    public static void save(Topology t, Path target) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        String prefix = "." + target.getFileName() + ".";
        removeStaleTemporaries(dir, prefix);
        Path tmp = null;
        try {
            tmp = Files.createTempFile(dir, prefix, TEMPORARY_SUFFIX);
            Files.writeString(tmp, TopologyJsonWriter.write(t), StandardCharsets.UTF_8);
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

    private static final String TEMPORARY_SUFFIX = ".tmp";

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

    private static LoadResult fail(String file, String message) {
        return LoadResult.failed(new Report(List.of(Diagnostic.error(message).at(file, 0, 0))));
    }
}
