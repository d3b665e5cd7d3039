package org.dmascope.app.start;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class JvmOptionsTest {
    private static JvmOptions parse(String... args) {
        return JvmOptions.parse(Optional.of(args));
    }

    @Test
    void theOptionsBeforeMinusJarAreKeptInTheirOrder() {
        JvmOptions o = parse("-Dprism.order=sw", "-Xmx2g", "-Ddmascope.preferences=/a b", "-jar", "dmascope.jar",
                "-Dnot.an.option", "file.json");
        assertEquals(List.of("-Dprism.order=sw", "-Xmx2g", "-Ddmascope.preferences=/a b"), o.options());
        assertEquals("", o.notAllowed());
    }

    @Test
    void theClassPathIsDroppedAndTheMainClassEndsTheOptions() {
        JvmOptions o = parse("-cp", "dmascope.jar", "-Da=1", "--class-path=x.jar", "--add-opens",
                "java.base/java.lang=ALL-UNNAMED", "org.dmascope.app.Main", "--add-opens");
        assertEquals(List.of("-Da=1", "--add-opens", "java.base/java.lang=ALL-UNNAMED"), o.options());
    }

    @Test
    void anArgumentFileIsPassedOnForTheSecondJavaToRead() {
        assertEquals(List.of("@options.txt"), parse("@options.txt", "-jar", "dmascope.jar").options());
    }

    @Test
    void classDataSharingChosenByTheUserIsLeftAlone() {
        for (String chosen : List.of("-Xshare:off", "-XX:SharedArchiveFile=/tmp/mine.jsa",
                "-XX:ArchiveClassesAtExit=/tmp/x.jsa")) {
            JvmOptions o = parse(chosen, "-jar", "dmascope.jar");
            assertTrue(o.notAllowed().contains(chosen), o.notAllowed());
            assertEquals(List.of(), o.options());
        }
    }

    @Test
    void aDebuggerOrAgentKeepsTheWindowInThisJvm() {
        assertFalse(parse("-agentlib:jdwp=transport=dt_socket,server=y", "-jar", "d.jar").notAllowed().isEmpty());
        assertFalse(parse("-javaagent:/x.jar", "-jar", "d.jar").notAllowed().isEmpty());
    }

    @Test
    void anUnknownOrUnusualCommandLineIsNotRelaunched() {
        assertFalse(JvmOptions.parse(Optional.empty()).notAllowed().isEmpty());
        assertFalse(parse("-m", "org.dmascope.app/org.dmascope.app.Main").notAllowed().isEmpty());
        assertFalse(parse("-Da=1").notAllowed().isEmpty(), "no jar or class");
    }
}
