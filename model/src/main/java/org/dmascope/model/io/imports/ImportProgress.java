package org.dmascope.model.io.imports;

/**
 * Receives progress while an import runs (on the importing thread; a GUI hands it to its own thread).
 */
@FunctionalInterface
public interface ImportProgress {
    ImportProgress NONE = p -> {
    };

    void update(Step step);

    /**
     * Where the import is.
     *
     * @param file       the file being read
     * @param fileIndex  0-based index of that file
     * @param fileCount  how many files are imported
     * @param bytesDone  bytes of all files done so far (estimated within the current file from its lines)
     * @param bytesTotal bytes of all files
     * @param line       lines of the current file done
     * @param lines      lines in the current file
     */
    record Step(String file, int fileIndex, int fileCount, long bytesDone, long bytesTotal, int line, int lines) {
        /** Done fraction 0..1, for a progress bar. */
        public double fraction() {
            return bytesTotal <= 0 ? 0 : Math.min(1.0, (double) bytesDone / bytesTotal);
        }
    }
}
