package org.dmascope.app.cli;

import java.io.PrintStream;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * The last resort: an exception a command did not expect is a defect in dmascope, not the user's input.
 * One line that says so, instead of a stack trace; exit status 2, as no answer was given.
 */
final class DefectHandler implements IExecutionExceptionHandler {
    private final PrintStream err;

    DefectHandler(PrintStream err) {
        this.err = err;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine command, ParseResult parsed) {
        err.println(command.getCommandSpec().qualifiedName()
                + ": defect in dmascope (not in the input; please report it): " + ex);
        return Cli.UNUSABLE;
    }
}
