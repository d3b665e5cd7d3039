package org.dmascope.model.io.imports;

import java.util.Objects;

/**
 * One file to import, already in memory.
 *
 * @param name    how to name it in the report (the file name the user gave)
 * @param content its bytes
 */
public record ImportInput(String name, byte[] content) {
    public ImportInput {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(content, "content");
    }
}
