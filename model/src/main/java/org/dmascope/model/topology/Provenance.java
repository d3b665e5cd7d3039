package org.dmascope.model.topology;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Where each field of an entity came from, keyed by field name ({@code "acs"}, {@code "link"},
 * {@code "bars"} …). Imports fill this in per line; a hand-written file may leave it empty.
 */
public record Provenance(Map<String, SourceRef> fields) {

    public static final Provenance NONE = new Provenance(Map.of());

    public Provenance {
        fields = Collections.unmodifiableMap(new TreeMap<>(fields));
    }

    public Optional<SourceRef> of(String field) {
        return Optional.ofNullable(fields.get(field));
    }

    public Provenance with(String field, SourceRef source) {
        Map<String, SourceRef> m = new TreeMap<>(fields);
        m.put(field, source);
        return new Provenance(m);
    }

    public boolean isEmpty() {
        return fields.isEmpty();
    }
}
