package org.dmascope.app;

import java.util.List;
import java.util.OptionalInt;

import org.dmascope.app.cli.Cli;
import org.dmascope.app.start.Relaunch;
import org.dmascope.views.common.RenderingDefaults;

/**
 * Entry point of {@code dmascope.jar}. With no arguments it opens the window; with files, the window on
 * them; with a subcommand it runs headless. It must not extend {@code Application}: a shaded jar whose
 * Main-Class does cannot start JavaFX from the class path.
 */
public final class Main {
    /**
     * A command reading at least this much runs in a second JVM ({@link Relaunch#tuning}): starting one costs about
     * 0.4 s, which a small input never wins back and a large one wins back many times (a 60 MB listing: 6.1 s and
     * 705 MB in this JVM, 3.5 s and 301 MB there; README "Start-up").
     */
    static final long RELAUNCH_FROM_BYTES = 16L << 20;

    private Main() {
    }

    public static void main(String[] args) {
        boolean relaunched = Relaunch.relaunched();
        // Relaunched to show the window (the first JVM already told the files from a command): no command line.
        if (relaunched && Relaunch.relaunchedForWindow()) {
            window(List.of(args));
            return;
        }
        // No arguments: straight to the window, without building the command line first (start-up time).
        if (args.length == 0) {
            relaunchOrWindow(List.of());
            return;
        }
        Launch launch = Launch.of(args, Cli::isCommand);
        switch (launch.kind()) {
            case WINDOW -> relaunchOrWindow(launch.files().stream().map(Object::toString).toList());
            case REFUSED -> {
                System.err.println("dmascope: " + launch.problem());
                System.err.println("Run 'java -jar dmascope.jar --help' for the commands; "
                        + "files given alone open in the window.");
                System.exit(Cli.UNUSABLE);
            }
            case COMMAND -> {
                // A large input is read in a JVM started with the options of Relaunch.tuning (half the time and
                // memory), or here when that cannot be.
                OptionalInt code = relaunched || Launch.inputBytes(args) < RELAUNCH_FROM_BYTES ? OptionalInt.empty()
                        : Relaunch.forThisProcess(Main.class).map(r -> r.runCommand(List.of(args)))
                                .orElse(OptionalInt.empty());
                System.exit(code.isPresent() ? code.getAsInt() : Cli.standard().run(args, System.out, System.err));
            }
        }
    }

    /**
     * The window in a second JVM started with the class-data archive of earlier runs (start-up time, README
     * "Start-up"), or in this one when that cannot be.
     */
    private static void relaunchOrWindow(List<String> files) {
        OptionalInt code = Relaunch.forThisProcess(Main.class).map(r -> r.run(files)).orElse(OptionalInt.empty());
        if (code.isPresent()) {
            System.exit(code.getAsInt());
        }
        window(files);
    }

    private static void window(List<String> files) {
        RenderingDefaults.apply();
        JavaFxClassPathWarning.silence();
        DmascopeApplication.launch(DmascopeApplication.class, files.toArray(String[]::new));
    }
}
