package org.dmascope.app.cli;

import picocli.CommandLine.Command;

/**
 * What every command shares: {@code -h/--help}, {@code -V/--version} and the layout of the usage text
 * (options in the order declared, a blank line before them, the exit statuses). A mixin, declared last
 * so that help and version close each option list.
 */
@Command(mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, usageHelpAutoWidth = true,
        sortOptions = false,
        synopsisHeading = "usage: ", parameterListHeading = "%n", optionListHeading = "%n",
                exitCodeListHeading = "%nExit status:%n")
final class StandardOptions {
    /** The last line of every command's exit statuses. */
    static final String UNUSABLE = "2:unusable input or bad usage (the reason is on stderr)";
}
