package org.dmascope.model.io.formats;

/**
 * What a file is, how strongly it shows it, and the 1-based line that gave it away (0 when the file as
 * a whole decided it).
 */
public record Detection(ImportFormat format, Confidence confidence, int line) {

    /** Decided by the file as a whole, not by one line. */
    public static Detection whole(ImportFormat format, Confidence confidence) {
        return new Detection(format, confidence, 0);
    }
}
