package org.dmascope.views.importreport;

import java.util.Map;
import java.util.Optional;

/** Where the report view finds the lines around a finding; the app reads them when it imports. */
@FunctionalInterface
public interface SourceExcerpts {
    SourceExcerpts NONE = (file, line) -> Optional.empty();

    Optional<SourceExcerpt> around(String file, int line);

    /** Excerpts keyed by {@link #key(String, int)}. */
    static SourceExcerpts of(Map<String, SourceExcerpt> byKey) {
        Map<String, SourceExcerpt> copy = Map.copyOf(byKey);
        return (file, line) -> Optional.ofNullable(copy.get(key(file, line)));
    }

    static String key(String file, int line) {
        return file + ":" + line;
    }
}
