package org.dmascope.app.cli;

/** What a command prints: sentences for people, or one JSON object for scripts. */
enum OutputFormat {
    TEXT, JSON
}
