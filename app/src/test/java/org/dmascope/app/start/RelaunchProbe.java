package org.dmascope.app.start;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The program a real second JVM runs in {@link RealJvmRelaunchTest}: says it was relaunched and what it got. */
public final class RelaunchProbe {
    private RelaunchProbe() {
    }

    public static void main(String[] args) throws IOException {
        boolean relaunched = Relaunch.relaunched();
        Files.writeString(Path.of(System.getProperty("probe.out")), relaunched + "\n" + String.join("\n", args));
        System.exit(Integer.getInteger("probe.exit", 0));
    }
}
