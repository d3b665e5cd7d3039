package org.dmascope.app;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.dmascope.model.io.scenario.ScenarioReader;

/**
 * The lessons that ship with the app: the {@code lessons/} folder of the repository, copied into the
 * app's classes (so {@code mvn javafx:run} finds them in {@code target/classes/lessons}) and into the
 * jar (where they are read from the jar itself, in the app image too). Nothing needs an index: every
 * {@code *.json} there is a lesson, in file-name order.
 */
final class LessonLibrary {
    static final String FOLDER = "lessons";

    /** A bundled lesson: its file name and what reading it gave (a title, or the problems). */
    record Lesson(String fileName, ScenarioReader.Result read) {
        String title() {
            return read.scenario().map(s -> s.title()).orElse(fileName + " (cannot be read)");
        }
    }

    private LessonLibrary() {
    }

    /** Every bundled lesson, read; empty when the app was packaged without them. */
    static List<Lesson> bundled() {
        CodeSource code = LessonLibrary.class.getProtectionDomain().getCodeSource();
        if (code == null) return List.of();
        try {
            Path where = Path.of(code.getLocation().toURI());
            if (Files.isDirectory(where)) return read(where.resolve(FOLDER), where.resolve(FOLDER));
            try (FileSystem jar = FileSystems.newFileSystem(where)) {
                return read(jar.getPath("/" + FOLDER), Path.of("."));
            }
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return List.of();
        }
    }

    /**
     * @param folder where the machine files a lesson names are looked for (lessons in a jar name samples)
     */
    static List<Lesson> read(Path dir, Path folder) throws IOException {
        if (!Files.isDirectory(dir)) return List.of();
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".json"))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
        }
        List<Lesson> out = new ArrayList<>();
        for (Path p : files) {
            String name = p.getFileName().toString();
            String text = Files.readString(p, StandardCharsets.UTF_8);
            out.add(new Lesson(name, ScenarioReader.read(text, FOLDER + "/" + name, folder)));
        }
        return out;
    }
}
