package org.dmascope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JavaFxClassPathWarningTest {
    private final Logger javafx = Logger.getLogger(JavaFxClassPathWarning.LOGGER);
    private final List<String> printed = new ArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord r) {
            printed.add(r.getLoggerName() + ": " + r.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @AfterEach
    void removeHandler() {
        javafx.removeHandler(handler);
        javafx.setFilter(null);
        javafx.setUseParentHandlers(true);
    }

    @Test
    void onlyTheClassPathWarningOfJavaFxsOwnLoggerIsDropped() {
        javafx.addHandler(handler);
        javafx.setUseParentHandlers(false);
        JavaFxClassPathWarning.silence();
        // as JavaFX logs: com.sun.javafx.logging.PlatformLogger is a System.Logger backed by java.util.logging
        System.getLogger("javafx").log(System.Logger.Level.WARNING,
                "Unsupported JavaFX configuration: classes were loaded from 'unnamed module @33effadf'");
        System.getLogger("javafx").log(System.Logger.Level.WARNING, "Something else went wrong");
        System.getLogger("javafx.css").log(System.Logger.Level.WARNING,
                "Unsupported JavaFX configuration: a child logger's record is not this warning");

        assertEquals(List.of("javafx: Something else went wrong",
                "javafx.css: Unsupported JavaFX configuration: a child logger's record is not this warning"), printed);
    }

    @Test
    void aFilterTheLoggerHadStillApplies() {
        javafx.addHandler(handler);
        javafx.setUseParentHandlers(false);
        javafx.setFilter(r -> !r.getMessage().contains("secret"));
        JavaFxClassPathWarning.silence();
        System.getLogger("javafx").log(System.Logger.Level.WARNING, "a secret");
        System.getLogger("javafx").log(System.Logger.Level.WARNING, "public");

        assertEquals(List.of("javafx: public"), printed);
    }
}
