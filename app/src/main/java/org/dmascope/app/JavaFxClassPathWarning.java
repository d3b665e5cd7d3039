package org.dmascope.app;

import java.util.logging.Filter;
import java.util.logging.Logger;

/**
 * Keeps JavaFX's "Unsupported JavaFX configuration: classes were loaded from 'unnamed module'" off the terminal.
 * JavaFX logs it at every start from a jar that carries JavaFX on the class path, which is what {@code
 * dmascope.jar} is by design (README "Start-up"); it tells a user nothing they can act on. Formatting and printing
 * it also cost about 30 ms of the toolkit's start, on the thread the first frame waits for (the date, time zone and
 * localised level name are looked up for this one record). Only that message of JavaFX's own logger is dropped:
 * its other records, and those of its child loggers (CSS, layout), are printed as before.
 */
final class JavaFxClassPathWarning {
    /** JavaFX's logger ({@code com.sun.javafx.util.Logging.getJavaFXLogger()}). */
    static final String LOGGER = "javafx";
    static final String MESSAGE_START = "Unsupported JavaFX configuration";
    /** java.util.logging holds loggers weakly: one collected and made again would have lost the filter. */
    private static final Logger JAVAFX = Logger.getLogger(LOGGER);

    private JavaFxClassPathWarning() {
    }

    /** Call before JavaFX starts; keeps a filter the logger already has. */
    static void silence() {
        Filter before = JAVAFX.getFilter();
        JAVAFX.setFilter(r -> !(r.getMessage() != null && r.getMessage().startsWith(MESSAGE_START))
                && (before == null || before.isLoggable(r)));
    }
}
