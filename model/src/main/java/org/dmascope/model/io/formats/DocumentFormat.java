package org.dmascope.model.io.formats;

import org.dmascope.model.io.LoadResult;
import org.dmascope.model.io.source.SourceText;

/**
 * A file that is a whole machine by itself (dmascope's topology JSON): it is opened as it is, on its
 * own, never merged with exports.
 */
public non-sealed interface DocumentFormat extends ReadableFormat {

    /**
     * Reads the file as written (not its normalised lines: a document is parsed exactly as written).
     *
     * @param text       the decoded file ({@link SourceText#exactText()} holds it when it is UTF-8)
     * @param checkpoint run now and then while reading; it throws to stop (a cancelled import)
     */
    LoadResult read(SourceText text, Runnable checkpoint);
}
