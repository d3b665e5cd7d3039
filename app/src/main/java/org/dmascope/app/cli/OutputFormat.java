package org.dmascope.app.cli;

/**
 * What a command prints: sentences for people, one JSON object for scripts, or (map only) a Markdown
 * report for a bug or a mail.
 */
enum OutputFormat {
    TEXT, JSON, MARKDOWN
}
