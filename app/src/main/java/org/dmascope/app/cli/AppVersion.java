package org.dmascope.app.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The project version, which Maven filters into {@code version.properties} at build time. Plain Java, so
 * the command line can print it without touching JavaFX.
 */
public final class AppVersion {
    private static final String UNKNOWN = "(development build)";

    private AppVersion() {
    }

    /** {@code 0.1.0-SNAPSHOT}, or "(development build)" when the resource was not filtered in. */
    public static String text() {
        try (InputStream in = AppVersion.class.getResourceAsStream("version.properties")) {
            Properties p = new Properties();
            if (in != null) p.load(in);
            return p.getProperty("version", UNKNOWN);
        } catch (IOException e) {
            return UNKNOWN;
        }
    }
}
