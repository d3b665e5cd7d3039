package org.dmascope.model.io.formats;

import java.util.List;

/**
 * A file-chooser filter, free of any UI toolkit.
 *
 * @param description what the files are ({@code lspci -t tree})
 * @param globs       name patterns ({@code *.txt})
 */
public record FileFilter(String description, List<String> globs) {
    public FileFilter {
        if (globs.isEmpty()) throw new IllegalArgumentException("a filter needs at least one pattern: " + description);
        globs = List.copyOf(globs);
    }

    public FileFilter(String description, String... globs) {
        this(description, List.of(globs));
    }

    /** The description with the patterns, as file choosers show it: {@code lspci -t tree (*.txt, *.tree)}. */
    public String label() {
        return description + " (" + String.join(", ", globs) + ")";
    }
}
