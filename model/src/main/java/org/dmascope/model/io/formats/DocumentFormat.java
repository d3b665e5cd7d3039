package org.dmascope.model.io.formats;

import org.dmascope.model.io.LoadResult;

/**
 * A file that is a whole machine by itself (dmascope's topology JSON): it is opened as it is, on its
 * own, never merged with exports.
 */
public non-sealed interface DocumentFormat extends ReadableFormat {

    /**
     * Reads the file from its bytes (not its normalised lines: a document is parsed exactly as written).
     *
     * @param name       how to name the file in messages
     * @param checkpoint run now and then while reading; it throws to stop (a cancelled import)
     */
    LoadResult read(String name, byte[] content, Runnable checkpoint);
}
