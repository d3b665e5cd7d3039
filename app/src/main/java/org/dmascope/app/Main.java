package org.dmascope.app;

import java.util.List;
import java.util.OptionalInt;

import org.dmascope.app.cli.Cli;
import org.dmascope.app.start.WindowRelaunch;

/**
 * Entry point of {@code dmascope.jar}. With no arguments it opens the window; with files, the window on
 * them; with a subcommand it runs headless. It must not extend {@code Application}: a shaded jar whose
 * Main-Class does cannot start JavaFX from the class path.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        // Relaunched to show the window (the first JVM already told the files from a command): no command line.
        if (WindowRelaunch.relaunched()) {
            window(List.of(args));
            return;
        }
        // No arguments: straight to the window, without building the command line first (start-up time).
        if (args.length == 0) {
            relaunchOrWindow(List.of());
            return;
        }
        Cli cli = Cli.standard();
        Launch launch = Launch.of(args, cli::isCommand);
        switch (launch.kind()) {
            case WINDOW -> relaunchOrWindow(launch.files().stream().map(Object::toString).toList());
            case REFUSED -> {
                System.err.println("dmascope: " + launch.problem());
                System.err.println("Run 'java -jar dmascope.jar --help' for the commands; "
                        + "files given alone open in the window.");
                System.exit(Cli.UNUSABLE);
            }
            case COMMAND -> System.exit(cli.run(args, System.out, System.err));
        }
    }

    /**
     * The window in a second JVM started with the class-data archive of earlier runs (start-up time, README
     * "Start-up"), or in this one when that cannot be.
     */
    private static void relaunchOrWindow(List<String> files) {
        OptionalInt code = WindowRelaunch.forThisProcess(Main.class).map(r -> r.run(files)).orElse(OptionalInt.empty());
        if (code.isPresent()) {
            System.exit(code.getAsInt());
        }
        window(files);
    }

    private static void window(List<String> files) {
        DmascopeApplication.launch(DmascopeApplication.class, files.toArray(String[]::new));
    }
}
