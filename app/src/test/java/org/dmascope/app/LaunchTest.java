package org.dmascope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.dmascope.app.cli.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LaunchTest {
    @TempDir
    Path dir;

    private Launch launch(String... args) {
        return Launch.of(args, Cli::isCommand);
    }

    @Test
    void noArgumentsOpenTheWindowOnTheDefaultTopology() {
        assertEquals(new Launch(Launch.Kind.WINDOW, List.of(), ""), launch());
    }

    @Test
    void everyCorpusFileOpensInTheWindow() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("dmascope.corpus")))) {
            for (Path f : files.filter(p -> !p.getFileName().toString().equals("SOURCES.md")).toList()) {
                Launch l = launch(f.toString());
                assertEquals(Launch.Kind.WINDOW, l.kind(), f.toString());
                assertEquals(List.of(f.toAbsolutePath().normalize()), l.files());
            }
        }
    }

    @Test
    void severalFilesOpenAsOneMachine() throws IOException {
        Path a = Files.writeString(dir.resolve("a.txt"), "x");
        Path b = Files.writeString(dir.resolve("b.txt"), "y");
        assertEquals(List.of(a, b), launch(a.toString(), b.toString()).files());
    }

    @Test
    void commandsAndOptionsGoToTheCommandLineEvenWhenAFileHasTheirName() throws IOException {
        Files.writeString(dir.resolve("groups"), "x");
        assertEquals(Launch.Kind.COMMAND, launch("groups", dir.resolve("groups").toString()).kind());
        assertEquals(Launch.Kind.COMMAND, launch("--help").kind());
        assertEquals(Launch.Kind.COMMAND, launch("help").kind());
    }

    @Test
    void aWordThatIsNeitherIsRefusedWithTheReason() throws IOException {
        Launch typo = launch("grops");
        assertEquals(Launch.Kind.REFUSED, typo.kind());
        assertEquals("grops: neither a command nor a file: no such file", typo.problem());

        assertEquals(dir + ": neither a command nor a file: is a directory", launch(dir.toString()).problem());

        Path a = Files.writeString(dir.resolve("a.txt"), "x");
        Launch second = launch(a.toString(), "missing.txt");
        assertEquals("missing.txt: no such file", second.problem());
        assertTrue(launch(a.toString(), "--format").problem().startsWith("--format: options go with a command"));
    }

    @Test
    void theInputOfACommandIsTheBytesOfTheFilesItNames() throws IOException {
        Path a = Files.write(dir.resolve("a.txt"), new byte[1000]);
        Path b = Files.write(dir.resolve("b.json"), new byte[234]);
        assertEquals(1234, Launch.inputBytes(new String[] {"import", a.toString(), "-o", b.toString()}));
        assertEquals(1000, Launch.inputBytes(new String[] {"groups", a.toString(), dir.toString(), "--format",
                "json", dir.resolve("missing").toString(), "\u0000"}), "directories, missing files, options: none");
        assertEquals(0, Launch.inputBytes(new String[0]));
    }
}
