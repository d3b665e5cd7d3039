package org.dmascope.model.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.ByteBuffer;
import java.util.List;

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
            long size = Files.size(path);
            if (size > TopologyFormat.MAX_BYTES) {
                return fail(name, "the file is " + (size >> 20) + " MiB; topology files are limited to "
                        + (TopologyFormat.MAX_BYTES >> 20) + " MiB");
            }
            return TopologyJsonReader.read(decode(Files.readAllBytes(path)), name);
        } catch (NoSuchFileException e) {
            return fail(name, "the file does not exist: " + path);
        } catch (CharacterCodingException e) {
            return fail(name, "the file is not UTF-8 text (is it a binary file?)");
        } catch (IOException e) {
            return fail(name, "could not read the file: " + e.getMessage());
        }
    }

    /** Reads a topology from a stream (a classpath resource), naming it {@code name} in messages. */
    public static LoadResult load(InputStream in, String name) throws IOException {
        byte[] bytes = in.readNBytes((int) TopologyFormat.MAX_BYTES + 1);
        if (bytes.length > TopologyFormat.MAX_BYTES) return fail(name,
                "the file is larger than the topology file limit");
        try {
            return TopologyJsonReader.read(decode(bytes), name);
        } catch (CharacterCodingException e) {
            return fail(name, "the file is not UTF-8 text (is it a binary file?)");
        }
    }

    /**
     * Writes the topology as JSON atomically: to a temporary file beside the target, then renamed over
     * it, so a crash or a full disk never leaves a half-written file in place of the user's data.
     */
    public static void save(Topology t, Path target) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        try {
            Files.writeString(tmp, TopologyJsonWriter.write(t), StandardCharsets.UTF_8);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    static String decode(byte[] bytes) throws CharacterCodingException {
        String s = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes)).toString();
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }

    private static LoadResult fail(String file, String message) {
        return LoadResult.failed(new Report(List.of(Diagnostic.error(message).at(file, 0, 0))));
    }
}
