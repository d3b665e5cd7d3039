package org.dmascope.app.cli;

import java.io.PrintStream;

/** Where a command prints: results to {@code out}, findings and errors to {@code err}. */
record Streams(PrintStream out, PrintStream err) {
}
