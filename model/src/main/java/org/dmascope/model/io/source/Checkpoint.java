package org.dmascope.model.io.source;

/**
 * Called by readers as they go through a file, so the importer can report progress and stop a
 * cancelled import between lines.
 */
@FunctionalInterface
public interface Checkpoint {
    Checkpoint NONE = (line, total) -> {
    };

    /**
     * @param line  lines of the current file done so far
     * @param total lines in the current file
     * @throws ImportCancelledException when the user cancelled the import
     */
    void reached(int line, int total);
}
