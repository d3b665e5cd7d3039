package org.dmascope.app;

import org.dmascope.app.cli.Cli;

/**
 * Entry point of {@code dmascope.jar}. With no arguments it opens the window; with files, the window on
 * them; with a subcommand it runs headless. It must not extend {@code Application}: a shaded jar whose
 * Main-Class does cannot start JavaFX from the class path.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        // No arguments: straight to the window, without building the command line first (start-up time).
        if (args.length == 0) {
            DmascopeApplication.launch(DmascopeApplication.class);
            return;
        }
        Cli cli = Cli.standard();
        Launch launch = Launch.of(args, cli::isCommand);
        switch (launch.kind()) {
            case WINDOW -> DmascopeApplication.launch(DmascopeApplication.class,
                    launch.files().stream().map(Object::toString).toArray(String[]::new));
            case REFUSED -> {
                System.err.println("dmascope: " + launch.problem());
                System.err.println("Run 'java -jar dmascope.jar --help' for the commands; "
                        + "files given alone open in the window.");
                System.exit(Cli.UNUSABLE);
            }
            case COMMAND -> System.exit(cli.run(args, System.out, System.err));
        }
    }
}
