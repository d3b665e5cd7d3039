package org.dmascope.app.cli;

import java.io.PrintStream;
import java.util.Set;

/** One subcommand of the headless CLI ({@code dmascope import …}). */
public interface Command {
    /** The word that selects it. */
    String name();

    /** One line for the command list. */
    String summary();

    /** Full usage text, shown for {@code --help} and after a usage error. */
    String usage();

    /** Options that take a value ({@code -o}, {@code --format}); anything else given is a usage error. */
    default Set<String> valuedOptions() {
        return Set.of();
    }

    /** Options without a value ({@code --derive}). */
    default Set<String> flagOptions() {
        return Set.of();
    }

    /**
     * Runs the command.
     *
     * @return the exit status: {@link Cli#OK}, {@link Cli#FAILED} or {@link Cli#UNUSABLE}
     * @throws UsageException when the arguments are wrong; the CLI prints the reason and the usage
     */
    int run(CliArgs args, PrintStream out, PrintStream err) throws UsageException;
}
