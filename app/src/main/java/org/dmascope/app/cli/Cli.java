package org.dmascope.app.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The headless command line: {@code dmascope COMMAND ARGS…}. Prints text or {@code --format json};
 * bad input ends in a message naming the file and line, never a stack trace.
 */
public final class Cli {
    /** Success (warnings allowed). */
    public static final int OK = 0;
    /** The command ran but the answer is "no" (reserved for commands that test something). */
    public static final int FAILED = 1;
    /** Bad usage or unusable input: the reason is on stderr. */
    public static final int UNUSABLE = 2;

    private final Map<String, Command> commands = new LinkedHashMap<>();

    public Cli(List<Command> commands) {
        for (Command c : commands) this.commands.put(c.name(), c);
    }

    /** The commands this build offers. */
    public static Cli standard() {
        return new Cli(List.of(new ImportCommand(), new GroupsCommand(), new P2pCommand(), new MatrixCommand(),
                new MapCommand()));
    }

    public int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            out.print(overview());
            return args.length == 0 ? UNUSABLE : OK;
        }
        Command c = commands.get(args[0]);
        if (c == null) {
            err.println("dmascope: unknown command \"" + args[0] + "\"");
            err.print(overview());
            return UNUSABLE;
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        if (rest.contains("--help") || rest.contains("-h")) {
            out.print(c.usage());
            return OK;
        }
        try {
            CliArgs parsed = CliArgs.parse(rest, c.valuedOptions(), c.flagOptions());
            return c.run(parsed, out, err);
        } catch (UsageException e) {
            err.println("dmascope " + c.name() + ": " + e.getMessage());
            err.print(c.usage());
            return UNUSABLE;
        } catch (RuntimeException e) {
            // A defect, not the user's fault: say so plainly instead of a stack trace.
            err.println("dmascope " + c.name() + ": internal error: " + e);
            return UNUSABLE;
        }
    }

    public String overview() {
        StringBuilder sb = new StringBuilder();
        sb.append("usage: java -jar dmascope.jar [COMMAND ARGS...]\n");
        sb.append("With no command, opens the window on the default topology.\n\n");
        sb.append("commands:\n");
        for (Command c : commands.values()) {
            sb.append(String.format("  %-8s %s%n", c.name(), c.summary()));
        }
        sb.append("\nRun 'java -jar dmascope.jar COMMAND --help' for a command's options.\n");
        return sb.toString();
    }
}
