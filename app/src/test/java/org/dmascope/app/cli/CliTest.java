package org.dmascope.app.cli;

import static org.dmascope.app.cli.CliRun.SAMPLE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.dmascope.model.io.formats.ImportFormats;
import org.dmascope.model.io.imports.Importer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import picocli.CommandLine;

/** The command line as a whole: help, version, completion, usage errors and exit statuses. */
class CliTest {
    private static final List<String> COMMANDS = List.of("import", "groups", "p2p", "matrix", "map", "addresses", "run",
            "completion", "help");

    @Test
    void topLevelHelpListsEveryCommand() {
        CliRun r = CliRun.of("--help");
        assertEquals(Cli.OK, r.status(), r.toString());
        assertTrue(r.out().startsWith("usage: java -jar dmascope.jar [FILE... | COMMAND ARGS...]"), r.toString());
        for (String c : COMMANDS) assertTrue(r.out().contains("\n  " + c + " "), c + "\n" + r);
        assertEquals("", r.err());
        assertEquals(r.out(), CliRun.of("help").out());
        assertEquals(r.out(), Cli.standard().overview());
    }

    @ParameterizedTest
    @ValueSource(strings = {"import", "groups", "p2p", "matrix", "map", "addresses"})
    void everyCommandHasHelpWithItsExitStatuses(String command) {
        CliRun r = CliRun.of(command, "--help");
        assertEquals(Cli.OK, r.status(), r.toString());
        assertTrue(r.out().startsWith("usage: dmascope " + command + " FILE..."), r.toString());
        for (String s : List.of("FILE...", "--format=text|json", "-h, --help", "-V, --version", "Exit status:",
                "  2   unusable input")) {
            assertTrue(r.out().contains(s), s + "\n" + r);
        }
        assertEquals(r.out(), CliRun.of(command, "-h").out());
        assertEquals(r.out(), CliRun.of("help", command).out());
        if (!command.equals("import")) assertTrue(r.out().contains("platform options") && r.out()
                .contains("--kernel=P"), r.toString());
    }

    @Test
    void helpTextsCarryTheExplanations() {
        assertTrue(CliRun.of("import", "--help").out().contains("IOMMU group listings"));
        String map = CliRun.of("map", "--help").out();
        assertTrue(map.contains("SPEC, the buffer:\n  host:nodeN:SIZE["), map);
        assertTrue(map.contains("\n  bar:BDF:BAR:SIZE[:offset=SIZE]"), map);
        assertTrue(map.contains("  1   the kernel refuses (see verdict)"), map);
        assertTrue(map.replaceAll("\\s+", " ").contains("kernel profile: mainline, 7.4, 7.1, 7.0, 6.19, 6.18, 6.17, "
                + "6.16, 6.12, 6.6, 6.1, 5.15, 5.10, 5.9, 5.4 (default mainline; mainline is the newest profile, now "
                + "7.4)"), map);
        assertTrue(CliRun.of("p2p", "--help").out().contains("  1   NOT_SUPPORTED"));
        assertTrue(CliRun.of("groups", "--help").out().contains("--iommu-mode=M"),
                "the topology commands' own --iommu-mode");
        String run = CliRun.of("run", "--help").out();
        assertTrue(run.startsWith("usage: dmascope run SCENARIO [--format text|json]"), run);
        assertTrue(run.contains("docs/scenario-format.md") && run.contains("  1   an expectation does not hold"), run);
    }

    @Test
    void versionIsTheProjectVersion() {
        for (String[] args : List.of(new String[] {"--version"}, new String[] {"-V"}, new String[] {"map",
                "--version"})) {
            CliRun r = CliRun.of(args);
            assertEquals(Cli.OK, r.status(), r.toString());
            assertTrue(r.out().matches("dmascope \\d+\\.\\d+\\.\\d+\\S*\\R"), r.toString());
        }
    }

    @Test
    void completionPrintsABashScriptWithTheChoices() {
        CliRun r = CliRun.of("completion");
        assertEquals(Cli.OK, r.status(), r.err());
        assertTrue(r.out().contains("complete -F _complete_dmascope"), r.out());
        for (String s : List.of("import groups p2p matrix map addresses diff designs draw run completion help",
                "(\"mainline\" \"7.4\" \"7.1\" \"7.0\" \"6.19\" \"6.18\" \"6.17\" \"6.16\" \"6.12\" \"6.6\" \"6.1\" "
                        + "\"5.15\" \"5.10\" \"5.9\" \"5.4\") # --kernel values",
                "(\"sg\" \"phys\" \"block\" \"iova\") # --api values", "--initiator")) {
            assertTrue(r.out().contains(s), s);
        }
    }

    @Test
    void exitStatusesAreZeroOneAndTwo() {
        assertEquals(Cli.OK, CliRun.of("p2p", SAMPLE, "--provider", "05:00.0", "--client", "03:00.0").status());
        CliRun refused = CliRun.of("map", SAMPLE, "--initiator", "07:00.0", "--buffer", "host:node0:300KiB",
                "--iommu-mode", "off",
                "--dma-mask", "32", "--api", "phys");
        assertEquals(Cli.FAILED, refused.status(), refused.toString());
        assertEquals(Cli.UNUSABLE, CliRun.of("map", SAMPLE, "--initiator", "07:00.0", "--buffer",
                "host:node0:0").status());
        assertEquals(Cli.UNUSABLE, CliRun.of("groups", "/nonexistent/lspci.txt").status());
    }

    @Test
    void unknownOptionNamesItAndPointsToHelp() {
        CliRun r = CliRun.of("groups", SAMPLE, "--derivee");
        assertEquals(Cli.UNUSABLE, r.status());
        assertTrue(r.err().startsWith("dmascope groups: unknown option --derivee\n"), r.toString());
        assertTrue(r.err().contains("--derive"), "a suggestion\n" + r);
        assertTrue(r.err().endsWith("Try 'dmascope groups --help' for more information.\n"), r.toString());
        assertEquals("", r.out());
    }

    @Test
    void unknownCommandSuggestsAndListsTheCommands() {
        CliRun r = CliRun.of("mapp", SAMPLE);
        assertEquals(Cli.UNUSABLE, r.status());
        assertTrue(r.err()
                .startsWith("dmascope: unknown command \"mapp\"\nDid you mean: dmascope map or dmascope matrix?"),
                r.toString());
        assertTrue(r.err().contains("commands:"), r.toString());
        CliRun file = CliRun.of(SAMPLE);
        assertEquals(Cli.UNUSABLE, file.status());
        assertTrue(file.err().contains("To read a file, name a command first, e.g. dmascope groups " + SAMPLE),
                file.toString());
    }

    @Test
    void missingRequiredOptionsAndValuesAreNamed() {
        CliRun both = CliRun.of("map", SAMPLE);
        assertEquals(Cli.UNUSABLE, both.status());
        assertTrue(both.err().contains("dmascope map: --initiator BDF is required\n"), both.toString());
        assertTrue(both.err().contains("dmascope map: --buffer SPEC is required\n"), both.toString());
        CliRun value = CliRun.of("groups", SAMPLE, "--kernel");
        assertTrue(value.err().startsWith("dmascope groups: option --kernel needs a value\n"), value.toString());
        CliRun twice = CliRun.of("groups", SAMPLE, "--format", "json", "--format", "text");
        assertTrue(twice.err().startsWith("dmascope groups: option --format was given more than once\n"),
                twice.toString());
        CliRun files = CliRun.of("p2p", "--provider", "05:00.0", "--client", "03:00.0");
        assertTrue(files.err().startsWith("dmascope p2p: no input FILE given\n"), files.toString());
        CliRun flag = CliRun.of("groups", SAMPLE, "--derive=yes");
        assertEquals(Cli.UNUSABLE, flag.status(), flag.toString());
    }

    @Test
    void noCommandIsAUsageError() {
        CliRun r = CliRun.of();
        assertEquals(Cli.UNUSABLE, r.status());
        assertTrue(r.err().startsWith("usage: java -jar dmascope.jar"), r.toString());
    }

    @Test
    void argumentsStartingWithAtAreFileNames() {
        CliRun r = CliRun.of("groups", "@machine.txt");
        assertEquals(Cli.UNUSABLE, r.status());
        assertTrue(r.err().contains("@machine.txt: error: the file does not exist"), r.toString());
    }

    @Test
    void aDefectIsOneLineThatSaysSo() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream stream = new PrintStream(err, true, StandardCharsets.UTF_8);
        CommandLine map = new CommandLine(new MapCommand(new Streams(stream, stream),
                new Importer(ImportFormats.standard())));
        int status = new DefectHandler(stream).handleExecutionException(new IllegalStateException("no page table"), map,
                null);
        assertEquals(Cli.UNUSABLE, status);
        assertEquals("map: defect in dmascope (not in the input; please report it): java.lang.IllegalStateException: "
                + "no page table\n",
                err.toString(StandardCharsets.UTF_8));
    }
}
