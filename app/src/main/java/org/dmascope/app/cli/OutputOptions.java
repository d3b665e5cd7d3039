package org.dmascope.app.cli;

import picocli.CommandLine.Option;

/** {@code --format text|json}, a mixin of every command. */
final class OutputOptions {
    @Option(names = "--format", paramLabel = "text|json", converter = Choices.Format.class,
            completionCandidates = Choices.Format.class,
            description = "text for people (default) or json: one JSON object for scripts")
    private OutputFormat format = OutputFormat.TEXT;

    boolean json() {
        return format == OutputFormat.JSON;
    }
}
