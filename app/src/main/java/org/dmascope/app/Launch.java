package org.dmascope.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * What {@code dmascope ARGS…} asks for: the window (no arguments, or files to open in it), a command, or
 * nothing that makes sense. Commands come first, then files, so that {@code dmascope lspci.txt} opens the
 * machine as File ▸ Open / Import would; a first word that is neither a command nor a file is refused with
 * that reason, so a mistyped command is not taken for a missing file or the other way round.
 *
 * @param kind    what runs
 * @param files   the files the window opens (empty: the default topology)
 * @param problem why the arguments are refused ({@link Kind#REFUSED}), else empty
 */
public record Launch(Kind kind, List<Path> files, String problem) {
    /** What runs. */
    public enum Kind { WINDOW, COMMAND, REFUSED }

    public Launch {
        files = List.copyOf(files);
    }

    /**
     * @param args      the program arguments
     * @param isCommand whether a word names a command
     */
    public static Launch of(String[] args, Predicate<String> isCommand) {
        if (args.length == 0) return new Launch(Kind.WINDOW, List.of(), "");
        // Options (--help, --version) and commands belong to the command line, which explains its own errors.
        if (args[0].startsWith("-") || isCommand.test(args[0])) return new Launch(Kind.COMMAND, List.of(), "");
        List<Path> files = new ArrayList<>();
        for (String a : args) {
            String why = notAFile(a);
            if (!why.isEmpty()) {
                String what = files.isEmpty() ? "neither a command nor a file: " : "";
                return new Launch(Kind.REFUSED, List.of(), a + ": " + what + why);
            }
            files.add(Path.of(a).toAbsolutePath().normalize());
        }
        return new Launch(Kind.WINDOW, files, "");
    }

    /**
     * The bytes of the regular files among {@code args} (an option's value that names one included): what a
     * command will read, to tell a long run from a short one before it starts.
     */
    public static long inputBytes(String[] args) {
        long sum = 0;
        for (String a : args) {
            if (a.startsWith("-")) continue;
            try {
                Path p = Path.of(a);
                if (Files.isRegularFile(p)) sum += Math.max(0, Files.size(p));
            } catch (InvalidPathException | IOException | SecurityException e) {
                // not a file the command can read: it says so itself
            }
        }
        return sum;
    }

    /** Why {@code arg} is not a readable file the window could open; empty when it is one. */
    private static String notAFile(String arg) {
        if (arg.startsWith("-")) return "options go with a command (dmascope COMMAND --help)";
        try {
            Path p = Path.of(arg);
            if (Files.isDirectory(p)) return "is a directory";
            if (!Files.exists(p)) return "no such file";
            if (!Files.isReadable(p)) return "not readable (permission denied)";
            return "";
        } catch (InvalidPathException e) {
            return "not a file name (" + e.getReason() + ")";
        }
    }
}
