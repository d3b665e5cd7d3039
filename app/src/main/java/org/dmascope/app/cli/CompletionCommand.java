package org.dmascope.app.cli;

import java.util.concurrent.Callable;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code dmascope completion}: the bash (and zsh) completion script of these commands, generated from them. */
@Command(name = "completion", customSynopsis = "dmascope completion",
        description = {"print a bash completion script for these commands",
                "The script completes the command 'dmascope' (in zsh too, after bashcompinit). Make 'dmascope' run "
                        + "the jar, "
                        + "then load the script:",
                "  alias dmascope='java -jar /path/to/dmascope.jar'",
                "  source <(dmascope completion)"})
final class CompletionCommand implements Callable<Integer> {
    private final Streams streams;

    @Spec
    private CommandSpec spec;

    @Mixin
    private StandardOptions standard = new StandardOptions();

    CompletionCommand(Streams streams) {
        this.streams = streams;
    }

    @Override
    public Integer call() {
        streams.out().print(AutoComplete.bash(spec.root().name(), spec.root().commandLine()));
        return Cli.OK;
    }
}
