package org.dmascope.app.start;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The options the user gave {@code java} before {@code -jar dmascope.jar} (or {@code -cp … Main}): the relaunched
 * window runs with the same ones, so {@code -Dprism.order=sw}, {@code -Xmx} and the like still hold.
 *
 * @param options    the options, in their order, without the class path and what follows it
 * @param notAllowed why the program must not be relaunched with an archive (the user chose class-data sharing
 *                   or a debugger or agent is attached to this process), else empty
 */
public record JvmOptions(List<String> options, String notAllowed) {
    /** Options whose value is the next argument (java --help); the class path ones are dropped, not copied. */
    private static final Set<String> WITH_VALUE = Set.of("--add-modules", "--add-opens", "--add-exports",
            "--add-reads", "--module-path", "-p", "--upgrade-module-path", "--limit-modules", "--patch-module",
            "--enable-native-access");
    private static final Set<String> CLASS_PATH = Set.of("-cp", "-classpath", "--class-path");

    public JvmOptions {
        options = List.copyOf(options);
    }

    /**
     * @param commandLine this process's arguments after the {@code java} command itself
     *                    ({@code ProcessHandle.Info.arguments()}), or empty when the system does not say
     */
    public static JvmOptions parse(Optional<String[]> commandLine) {
        if (commandLine.isEmpty()) return new JvmOptions(List.of(), "the command line is unknown");
        List<String> kept = new ArrayList<>();
        String[] args = commandLine.get();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("-jar") || !a.startsWith("-") && !a.startsWith("@")) {
                return new JvmOptions(kept, "");
            }
            if (a.equals("-m") || a.equals("--module") || a.startsWith("--module=")) {
                return new JvmOptions(List.of(), "started as a module");
            }
            String refused = refused(a);
            if (!refused.isEmpty()) return new JvmOptions(List.of(), refused);
            if (CLASS_PATH.contains(a)) {
                i++;
                continue;
            }
            if (a.startsWith("--class-path=")) continue;
            kept.add(a);
            if (WITH_VALUE.contains(a) && i + 1 < args.length) kept.add(args[++i]);
        }
        return new JvmOptions(List.of(), "no main class or jar on the command line");
    }

    private static String refused(String a) {
        if (a.startsWith("-Xshare") || a.startsWith("-XX:SharedArchiveFile") || a.startsWith("-XX:ArchiveClassesAtExit")
                || a.startsWith("-XX:+AutoCreateSharedArchive")) {
            return "class-data sharing chosen on the command line (" + a + ")";
        }
        if (a.startsWith("-agentlib") || a.startsWith("-agentpath") || a.startsWith("-javaagent")
                || a.startsWith("-Xrunjdwp") || a.equals("-Xdebug")) {
            return "a debugger or agent is attached (" + a + ")";
        }
        return "";
    }
}
