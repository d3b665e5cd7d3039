package org.dmascope.app.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

import org.dmascope.model.io.formats.ImportFormats;
import org.dmascope.model.io.imports.Importer;
import org.dmascope.model.io.pciids.PciIdSource;

import picocli.CommandLine;
import picocli.CommandLine.Command;
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

    /**
     * The commands, each made only when its command line is built: picocli's model of every command (options,
     * usage, converters, by reflection) took about 0.3 s of a cold JVM, which a command that runs one of them
     * need not pay.
     */
    private record Entry(Class<?> type, BiFunction<Streams, Importer, Object> make) {
        List<String> names() {
            Command c = type.getAnnotation(Command.class);
            List<String> out = new ArrayList<>(List.of(c.name()));
            out.addAll(List.of(c.aliases()));
            return out;
        }
    }

    private static final List<Entry> COMMANDS = List.of(
            new Entry(ImportCommand.class, ImportCommand::new), new Entry(GroupsCommand.class, GroupsCommand::new),
            new Entry(P2pCommand.class, P2pCommand::new), new Entry(MatrixCommand.class, MatrixCommand::new),
            new Entry(MapCommand.class, MapCommand::new), new Entry(AddressesCommand.class, AddressesCommand::new),
            new Entry(DiffCommand.class, DiffCommand::new), new Entry(DesignsCommand.class, DesignsCommand::new),
            new Entry(DrawCommand.class, DrawCommand::new), new Entry(RunCommand.class, (s, i) -> new RunCommand(s)),
            new Entry(CompletionCommand.class, (s, i) -> new CompletionCommand(s)),
            new Entry(HelpCommand.class, (s, i) -> new HelpCommand()));

    /** Runs one command line; a fresh set of command objects each time, as picocli fills in their fields. */
    public int run(String[] args, PrintStream out, PrintStream err) {
        int status = commandLine(new Streams(out, err), importer, only(args)).execute(args);
        out.flush();
        err.flush();
        return status;
    }

    /**
     * Whether {@code name} is one of the commands (or a name of {@code help}), as the first argument; known without
     * building a command line (or the names' pci.ids), so a command relaunched elsewhere costs this JVM nothing.
     */
    public static boolean isCommand(String name) {
        return COMMANDS.stream().anyMatch(e -> e.names().contains(name));
    }

    /** The top-level usage: the commands and how to get a command's options. */
    public String overview() {
        return commandLine(new Streams(System.out, System.err), importer, Optional.empty()).getUsageMessage();
    }

    /**
     * The one command a command line needs when its first word names it; all of them for the top level, for
     * {@code help} and {@code completion} (which list the others) and for an unknown word (picocli suggests the
     * nearest names).
     */
    private static Optional<Entry> only(String[] args) {
        if (args.length == 0) return Optional.empty();
        return COMMANDS.stream().filter(e -> e.names().contains(args[0]))
                .filter(e -> e.type() != HelpCommand.class && e.type() != CompletionCommand.class).findFirst();
    }

    private static CommandLine commandLine(Streams streams, Importer importer, Optional<Entry> only) {
        // Each command through its own CommandLine: addSubcommand(Object) would skip the commands' model
        // transformers, which put the import formats and the buffer SPEC grammar into the usage text.
        CommandLine cli = new CommandLine(new DmascopeCommand(streams));
        for (Entry e : only.map(List::of).orElse(COMMANDS)) {
            cli.addSubcommand(new CommandLine(e.make().apply(streams, importer)));
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
