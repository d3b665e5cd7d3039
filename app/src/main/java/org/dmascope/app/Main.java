package org.dmascope.app;

import org.dmascope.app.cli.Cli;

/**
 * Entry point of {@code dmascope.jar}. With no arguments it opens the window; with a subcommand it
 * runs headless. It must not extend {@code Application}: a shaded jar whose Main-Class does cannot
 * start JavaFX from the class path.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            DmascopeApplication.launch(DmascopeApplication.class);
            return;
        }
        System.exit(Cli.standard().run(args, System.out, System.err));
    }
}
