package org.dmascope.model.io.formats;

import java.util.Optional;

import org.dmascope.model.io.source.SourceText;

/**
 * One kind of file dmascope recognises: how to tell it from its text, and what the importer does with
 * it. A format is read into facts that merge with the other exports of a machine ({@link FactsFormat}),
 * opened whole on its own ({@link DocumentFormat}), or recognised only to be refused with a reason
 * ({@link RefusedFormat}), so it is never misread as something else. Each format is one class,
 * registered once in {@link ImportFormats#standard()}.
 */
public sealed interface ImportFormat permits ReadableFormat, RefusedFormat {

    /** In words, for the import report and the topology's description: {@code lspci -t tree}. */
    String name();

    /**
     * Looks for this format's marks in a file. Must be cheap (it runs on every imported file) and
     * never throw; {@link ImportFormats#detect} weighs what every format finds.
     *
     * @return how strongly the file shows this format and the line that showed it; empty when it does not
     */
    Optional<Detection> detect(SourceText text);
}
