package org.dmascope.app.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.OverwrittenOptionException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Bad usage and unusable values: one sentence per problem on stderr that names the option, then how to
 * get help, and exit status 2. Commands throw a {@link ParameterException} for input they find wrong
 * while running (a device that is not in the topology); it ends here too.
 */
final class UsageErrorHandler implements IParameterExceptionHandler {
    private final PrintStream err;

    UsageErrorHandler(PrintStream err) {
        this.err = err;
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine command = ex.getCommandLine();
        String name = command.getCommandSpec().qualifiedName();
        for (String sentence : sentences(ex, args)) err.println(name + ": " + sentence);
        Optional<String> unknownCommand = unknownCommand(ex);
        if (unknownCommand.isPresent() && namesAFile(unknownCommand.get())) {
            err.println("To read a file, name a command first, e.g. " + name + " groups " + unknownCommand.get());
        } else {
            UnmatchedArgumentException.printSuggestions(ex, err);
        }
        if (unknownCommand.isPresent()) {
            err.print(command.getUsageMessage());
        } else {
            err.println("Try '" + name + " --help' for more information.");
        }
        return Cli.UNUSABLE;
    }

    private static List<String> sentences(ParameterException ex, String[] args) {
        if (ex instanceof MissingParameterException missing) {
            return missing.getMissing().stream().map(a -> missing(a, args)).toList();
        }
        if (ex instanceof UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
            String first = unmatched.getUnmatched().get(0);
            if (unmatched.isUnknownOption()) return List.of("unknown option " + first);
            if (unknownCommand(ex).isPresent()) return List.of("unknown command \"" + first + "\"");
            return List.of("unexpected argument \"" + first + "\"");
        }
        if (ex instanceof OverwrittenOptionException overwritten) {
            return List.of("option " + name(overwritten.getOverwritten()) + " was given more than once");
        }
        if (ex.getCause() instanceof TypeConversionException bad && ex.getArgSpec() != null) {
            return List.of(name(ex.getArgSpec()) + ": " + bad.getMessage());
        }
        return List.of(ex.getMessage());
    }

    /** A required option that is absent, or an option given last without its value. */
    private static String missing(ArgSpec arg, String[] args) {
        if (!(arg instanceof OptionSpec option)) return "no input " + arg.paramLabel() + " given";
        boolean given = Arrays.stream(args)
                .anyMatch(a -> Arrays.stream(option.names()).anyMatch(n -> a.equals(n) || a.startsWith(n + "=")));
        return given ? "option " + name(option) + " needs a value" : name(option) + " " + option.paramLabel()
                + " is required";
    }

    /** A file given where a command belongs: today a usage error; later it may open the window on the file. */
    private static boolean namesAFile(String arg) {
        try {
            return Files.exists(Path.of(arg));
        } catch (InvalidPathException e) {
            return false;
        }
    }

    /** The first argument of the top command, when it is neither an option nor a command. */
    private static Optional<String> unknownCommand(ParameterException ex) {
        if (ex instanceof UnmatchedArgumentException u && !u.isUnknownOption() && !u.getUnmatched().isEmpty()
                && ex.getCommandLine().getParent() == null) {
            return Optional.of(u.getUnmatched().get(0));
        }
        return Optional.empty();
    }

    private static String name(ArgSpec arg) {
        return arg instanceof OptionSpec option ? option.longestName() : arg.paramLabel();
    }
}
