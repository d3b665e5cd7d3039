package org.dmascope.app.cli;

/** The command line is wrong; the message says how, in a sentence. */
public final class UsageException extends Exception {
    public UsageException(String message) {
        super(message);
    }
}
