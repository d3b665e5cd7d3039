package org.dmascope.model.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The real machine exports in {@code corpus/} (a verbatim copy of shared/corpus; see corpus/SOURCES.md).
 * Surefire passes the folder as {@code dmascope.corpus}; other modules reach this through the model test-jar.
 */
public final class Corpus {
    private Corpus() {
    }

    public static Path dir() {
        String prop = System.getProperty("dmascope.corpus");
        Path p = prop != null ? Path.of(prop) : Path.of("../corpus");
        if (!Files.isDirectory(p)) throw new IllegalStateException("corpus folder not found at " + p.toAbsolutePath());
        return p;
    }

    public static Path file(String name) {
        Path p = dir().resolve(name);
        if (!Files.isRegularFile(p)) throw new IllegalArgumentException("no corpus file " + name);
        return p;
    }

    /** Every export file (all but SOURCES.md), sorted by name. */
    public static List<Path> files() {
        try (Stream<Path> s = Files.list(dir())) {
            return s.filter(p -> p.getFileName().toString().endsWith(".txt")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Files of one kind: {@code tree}, {@code verbose}, {@code hex}, {@code iommu-groups}, {@code hwloc-xml} … */
    public static List<Path> ofKind(String kind) {
        return files().stream().filter(p -> p.getFileName().toString().endsWith("." + kind + ".txt")).toList();
    }
}
