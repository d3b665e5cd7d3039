package org.dmascope.model.io.formats;

import java.util.List;

import org.dmascope.model.io.merge.MachineFacts;
import org.dmascope.model.io.source.Checkpoint;
import org.dmascope.model.io.source.Findings;
import org.dmascope.model.io.source.SourceText;

/** An export read into facts, which merge with what the machine's other exports say. */
public non-sealed interface FactsFormat extends ReadableFormat {

    /**
     * Reads what the file says. Problems go to {@code findings} with their line; nothing is thrown for
     * bad input.
     *
     * @param checkpoint to call every few hundred lines, for progress and cancelling
     */
    MachineFacts read(SourceText text, Findings findings, Checkpoint checkpoint);

    /**
     * Endings people give such files before the extension ({@code .tree} in {@code x99.tree.txt}); they
     * are cut off to name the machine, so a machine's files name it once.
     */
    default List<String> nameSuffixes() {
        return List.of();
    }
}
