package org.dmascope.model.topology;

import java.util.Optional;

/**
 * Where a topology comes from: written by hand to teach something, a real machine's export, or an import.
 *
 * @param detail e.g. the corpus file and the message it was posted in
 */
public record TopologySource(Kind kind, Optional<String> detail) {
    public enum Kind {
        SYNTHETIC("synthetic"), REAL("real"), IMPORTED("imported");

        private final String jsonName;

        Kind(String jsonName) {
            this.jsonName = jsonName;
        }

        public String jsonName() {
            return jsonName;
        }

        public static Optional<Kind> fromJsonName(String name) {
            for (Kind k : values()) if (k.jsonName.equals(name)) return Optional.of(k);
            return Optional.empty();
        }
    }
}
