package org.dmascope.model.io.source;

/** Unwinds a reader when the user cancelled the import; the importer turns it into a cancelled result. */
public final class ImportCancelledException extends RuntimeException {
    public ImportCancelledException() {
        super("import cancelled", null, false, false);
    }
}
