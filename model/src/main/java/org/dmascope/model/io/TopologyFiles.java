package org.dmascope.model.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.dmascope.model.io.source.BoundedFiles;
import org.dmascope.model.io.source.SourceText;
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
            return TopologyJsonReader.read(bytes, name);
        } catch (BoundedFiles.Refused e) {
            return fail(name, e.getMessage());
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
        // the bytes as they are when no reader decoded them (recognising the format needs none)
        Optional<byte[]> bytes = text.undecodedBytes();
        if (bytes.isPresent()) return TopologyJsonReader.read(bytes.get(), text.name(), checkpoint);
        return text.exactText().map(s -> TopologyJsonReader.read(s, text.name(), checkpoint))
                .orElseGet(() -> fail(text.name(), "the file is not UTF-8 text (is it a binary file?)"));
    }

    /** Reads a topology from a stream (a classpath resource), naming it {@code name} in messages. */
    public static LoadResult load(InputStream in, String name) throws IOException {
        byte[] bytes = in.readNBytes((int) TopologyFormat.MAX_BYTES + 1);
        if (bytes.length > TopologyFormat.MAX_BYTES) return fail(name,
                "the file is larger than the topology file limit");
        return TopologyJsonReader.read(bytes, name);
    }

    /**
     * Writes the topology as JSON atomically ({@link AtomicFiles}): a crash or a full disk never leaves a
     * half-written file in place of the user's data.
     *
     * @throws IOException with a message that names the target and the reason in words
     */
    public static void save(Topology t, Path target) throws IOException {
        AtomicFiles.write(target, out -> out.write(TopologyJsonWriter.write(t).getBytes(StandardCharsets.UTF_8)));
    }

    private static LoadResult fail(String file, String message) {
        return LoadResult.failed(new Report(List.of(Diagnostic.error(message).at(file, 0, 0))));
    }
}
