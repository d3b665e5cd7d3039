package org.dmascope.app.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.dmascope.model.io.pciids.PciIdSource;

/** One in-process run of the command line: exit status, stdout and stderr. */
record CliRun(int status, String out, String err) {
    static final String SAMPLE = Path.of(System.getProperty("dmascope.samples", "../sample-topologies"))
            .resolve("switch-p2p-server.json").toString();

    static CliRun of(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Cli.with(PciIdSource.shipped()).run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new CliRun(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "exit " + status + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
