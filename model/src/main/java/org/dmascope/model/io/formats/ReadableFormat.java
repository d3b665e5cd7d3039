package org.dmascope.model.io.formats;

/** A format a topology can be built from: users pick such files, so they are offered and explained. */
public sealed interface ReadableFormat extends ImportFormat permits FactsFormat, DocumentFormat {

    /** How files of this format are offered in a file chooser. */
    FileFilter filter();

    /**
     * One entry of the CLI help: which files, and what they give ({@code lspci -t trees: root buses, …});
     * no line breaks, the help wraps it.
     */
    String help();
}
