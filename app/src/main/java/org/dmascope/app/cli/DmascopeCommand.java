package org.dmascope.app.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top of the command line: the list of commands, {@code --help} and {@code --version}. */
@Command(name = "dmascope", customSynopsis = "java -jar dmascope.jar [FILE... | COMMAND ARGS...]",
        description = {"With no command, opens the window: on FILE... (a topology JSON file, or exports of one "
                + "machine, as File > Open and Import read them), or on the default topology."},
        commandListHeading = "%ncommands:%n",
        exitCodeList = {"0:done", "1:the answer is \"no\" (p2p NOT_SUPPORTED, map refused by the kernel)",
                StandardOptions.UNUSABLE},
        footer = "%nRun 'java -jar dmascope.jar COMMAND --help' for a command's options.")
final class DmascopeCommand implements Callable<Integer> {
    private final Streams streams;

    @Spec
    private CommandSpec spec;

    @Mixin
    private StandardOptions standard = new StandardOptions();

    DmascopeCommand(Streams streams) {
        this.streams = streams;
    }

    /** Options but no command: nothing to do, which is a usage error. */
    @Override
    public Integer call() {
        streams.err().print(spec.commandLine().getUsageMessage());
        return Cli.UNUSABLE;
    }
}
