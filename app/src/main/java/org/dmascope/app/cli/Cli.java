package org.dmascope.app.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.List;

import org.dmascope.model.io.formats.ImportFormats;
import org.dmascope.model.io.imports.Importer;
import org.dmascope.model.io.pciids.PciIdSource;

import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.HelpCommand;

/**
 * The headless command line: {@code dmascope COMMAND ARGS…}, parsed by picocli. Prints text or
 * {@code --format json}; bad usage and bad input end in a sentence on stderr naming the option or the
 * file and line, never a stack trace.
 */
public final class Cli {
    /** Success (warnings allowed). */
    public static final int OK = 0;
    /** The command ran but the answer is "no" (p2p NOT_SUPPORTED, map refused). */
    public static final int FAILED = 1;
    /** Bad usage or unusable input: the reason is on stderr. */
    public static final int UNUSABLE = 2;

    private final Importer importer;

    private Cli(Importer importer) {
        this.importer = importer;
    }

    /** The commands this build offers, resolving names with the newest pci.ids ({@link PciIdsChoice}). */
    public static Cli standard() {
        return with(PciIdsChoice.newest());
    }

    /** The commands, resolving names with {@code pciIds} (tests: the shipped copy, whatever the system has). */
    public static Cli with(PciIdSource pciIds) {
        return new Cli(new Importer(ImportFormats.standard(), pciIds));
    }

    /** Runs one command line; a fresh set of command objects each time, as picocli fills in their fields. */
    public int run(String[] args, PrintStream out, PrintStream err) {
        int status = commandLine(new Streams(out, err), importer).execute(args);
        out.flush();
        err.flush();
        return status;
    }

    /** Whether {@code name} is one of the commands (or a name of {@code help}), as the first argument. */
    public boolean isCommand(String name) {
        return commandLine(new Streams(System.out, System.err), importer).getSubcommands().containsKey(name);
    }

    /** The top-level usage: the commands and how to get a command's options. */
    public String overview() {
        return commandLine(new Streams(System.out, System.err), importer).getUsageMessage();
    }

    private static CommandLine commandLine(Streams streams, Importer importer) {
        // Each command through its own CommandLine: addSubcommand(Object) would skip the commands' model
        // transformers, which put the import formats and the buffer SPEC grammar into the usage text.
        CommandLine cli = new CommandLine(new DmascopeCommand(streams));
        for (Object command : List.of(new ImportCommand(streams, importer), new GroupsCommand(streams, importer),
                new P2pCommand(streams, importer), new MatrixCommand(streams, importer),
                new MapCommand(streams, importer), new AddressesCommand(streams, importer),
                new DiffCommand(streams, importer),
                new DesignsCommand(streams, importer), new DrawCommand(streams, importer), new RunCommand(streams),
                new CompletionCommand(streams),
                new HelpCommand())) {
            cli.addSubcommand(new CommandLine(command));
        }
        // The settings below reach the subcommands added above.
        cli.setOut(new PrintWriter(new PrintStreamWriter(streams.out()), true));
        cli.setErr(new PrintWriter(new PrintStreamWriter(streams.err()), true));
        cli.setColorScheme(Help.defaultColorScheme(Help.Ansi.OFF));
        // "@list.txt" is a file name, as it always was, not a picocli argument file.
        cli.setExpandAtFiles(false);
        cli.setParameterExceptionHandler(new UsageErrorHandler(streams.err()));
        cli.setExecutionExceptionHandler(new DefectHandler(streams.err()));
        return cli;
    }
}
