package org.dmascope.model.io.json;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A JSON value that remembers where it stood in the file (line, column) and its JSON path, so a
 * reader can say exactly where something is wrong. Objects also remember which keys were read, so
 * the keys nobody asked for can be reported as unknown.
 */
public abstract sealed class JsonNodeAt permits JsonNodeAt.Obj, JsonNodeAt.Arr, JsonNodeAt.Scalar {
    final Step step;
    private final int line;
    private final int column;

    JsonNodeAt(Step step, int line, int column) {
        this.step = step;
        this.line = line;
        this.column = column;
    }

    /**
     * Where a node stands below its parent: a member key or an array index. The path string is built
     * only when a message needs it; a large file holds millions of nodes and few messages.
     */
    record Step(Step parent, String key, int index) {
        static final Step ROOT = new Step(null, null, -1);

        Step member(String k) {
            return new Step(this, k, -1);
        }

        Step item(int i) {
            return new Step(this, null, i);
        }

        void append(StringBuilder sb) {
            if (parent == null) {
                sb.append('$');
                return;
            }
            parent.append(sb);
            if (key != null) sb.append('.').append(key);
            else sb.append('[').append(index).append(']');
        }
    }

    /** JSON path, {@code $.functions[3].bars}. */
    public String path() {
        StringBuilder sb = new StringBuilder();
        step.append(sb);
        return sb.toString();
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** A word for error messages: "an object", "a string" … */
    public abstract String kindWord();

    /**
     * This node's place without its contents: what a message about it needs (path, line, column), for a reader
     * that has taken what it wanted from a large subtree and lets the rest go.
     */
    public abstract JsonNodeAt placeOnly();

    /** A JSON object; keys in file order. */
    public static final class Obj extends JsonNodeAt {
        /** Above this many members a hash index finds them; below it a scan is cheaper than the index. */
        private static final int INDEXED = 16;
        private final String[] keys;
        private final JsonNodeAt[] values;
        private final Map<String, Integer> index;
        /** Which members were asked for; a large file holds millions of objects, so no set per object. */
        private final BitSet read;

        /** @param keys in file order, each once (the parser refuses duplicates) */
        Obj(Step step, int line, int column, String[] keys, JsonNodeAt[] values) {
            super(step, line, column);
            this.keys = keys;
            this.values = values;
            this.read = new BitSet(keys.length);
            if (keys.length > INDEXED) {
                index = new HashMap<>(keys.length * 2);
                for (int i = 0; i < keys.length; i++) index.put(keys[i], i);
            } else {
                index = null;
            }
        }

        private int find(String key) {
            if (index != null) return index.getOrDefault(key, -1);
            for (int i = 0; i < keys.length; i++) if (keys[i].equals(key)) return i;
            return -1;
        }

        /** The member, marking it as read. */
        public Optional<JsonNodeAt> get(String key) {
            int i = find(key);
            if (i < 0) return Optional.empty();
            read.set(i);
            return Optional.of(values[i]);
        }

        public boolean has(String key) {
            return find(key) >= 0;
        }

        /** The member names in file order. */
        public List<String> keys() {
            return Collections.unmodifiableList(Arrays.asList(keys));
        }

        /** Members nobody asked for with {@link #get}. */
        public List<Map.Entry<String, JsonNodeAt>> unread() {
            List<Map.Entry<String, JsonNodeAt>> out = new ArrayList<>();
            for (int i = 0; i < keys.length; i++) if (!read.get(i)) out.add(Map.entry(keys[i], values[i]));
            return out;
        }

        @Override
        public String kindWord() {
            return "an object";
        }

        @Override
        public JsonNodeAt placeOnly() {
            return new Obj(step, line(), column(), new String[0], new JsonNodeAt[0]);
        }
    }

    /** A JSON array. */
    public static final class Arr extends JsonNodeAt {
        private final List<JsonNodeAt> items;

        /** @param items kept as given, not copied */
        Arr(Step step, int line, int column, List<JsonNodeAt> items) {
            super(step, line, column);
            this.items = Collections.unmodifiableList(items);
        }

        public List<JsonNodeAt> items() {
            return items;
        }

        @Override
        public String kindWord() {
            return "an array";
        }

        @Override
        public JsonNodeAt placeOnly() {
            return new Arr(step, line(), column(), List.of());
        }
    }

    /** A string, number, boolean or null; numbers keep their text so 64-bit values stay exact. */
    public static final class Scalar extends JsonNodeAt {
        public enum Type { STRING, NUMBER, BOOLEAN, NULL }

        private final Type type;
        private final String text;

        Scalar(Step step, int line, int column, Type type, String text) {
            super(step, line, column);
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
        public JsonNodeAt placeOnly() {
            return this;
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
