package org.dmascope.model.io.json;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A JSON value that remembers where it stood in the file (line, column) and its JSON path, so a
 * reader can say exactly where something is wrong. Objects also remember which keys were read, so
 * the keys nobody asked for can be reported as unknown.
 */
public abstract sealed class JsonNodeAt permits JsonNodeAt.Obj, JsonNodeAt.Arr, JsonNodeAt.Scalar {
    private final String path;
    private final int line;
    private final int column;

    JsonNodeAt(String path, int line, int column) {
        this.path = path;
        this.line = line;
        this.column = column;
    }

    /** JSON path, {@code $.functions[3].bars}. */
    public String path() {
        return path;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** A word for error messages: "an object", "a string" … */
    public abstract String kindWord();

    /** A JSON object; keys in file order. */
    public static final class Obj extends JsonNodeAt {
        private final Map<String, JsonNodeAt> members;
        private final Set<String> read = new LinkedHashSet<>();

        Obj(String path, int line, int column, Map<String, JsonNodeAt> members) {
            super(path, line, column);
            this.members = Collections.unmodifiableMap(new LinkedHashMap<>(members));
        }

        /** The member, marking it as read. */
        public Optional<JsonNodeAt> get(String key) {
            read.add(key);
            return Optional.ofNullable(members.get(key));
        }

        public boolean has(String key) {
            return members.containsKey(key);
        }

        public Set<String> keys() {
            return members.keySet();
        }

        /** Members nobody asked for with {@link #get}. */
        public List<Map.Entry<String, JsonNodeAt>> unread() {
            return members.entrySet().stream().filter(e -> !read.contains(e.getKey())).toList();
        }

        @Override
        public String kindWord() {
            return "an object";
        }
    }

    /** A JSON array. */
    public static final class Arr extends JsonNodeAt {
        private final List<JsonNodeAt> items;

        Arr(String path, int line, int column, List<JsonNodeAt> items) {
            super(path, line, column);
            this.items = List.copyOf(items);
        }

        public List<JsonNodeAt> items() {
            return items;
        }

        @Override
        public String kindWord() {
            return "an array";
        }
    }

    /** A string, number, boolean or null; numbers keep their text so 64-bit values stay exact. */
    public static final class Scalar extends JsonNodeAt {
        public enum Type { STRING, NUMBER, BOOLEAN, NULL }

        private final Type type;
        private final String text;

        Scalar(String path, int line, int column, Type type, String text) {
            super(path, line, column);
            this.type = type;
            this.text = text;
        }

        public Type type() {
            return type;
        }

        /** The string value, or the number/boolean as written. */
        public String text() {
            return text;
        }

        @Override
        public String kindWord() {
            return switch (type) {
                case STRING -> "a string";
                case NUMBER -> "a number";
                case BOOLEAN -> "true/false";
                case NULL -> "null";
            };
        }
    }
}
