package org.dmascope.model.io.json;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.base.ParserBase;
import com.fasterxml.jackson.core.StreamReadConstraints;

/** Parses JSON text into {@link JsonNodeAt} trees with Jackson's streaming parser. */
public final class LocatedJsonParser {

    /** Deeper nesting than this is refused: no topology needs it and it guards the recursion. */
    private static final int MAX_DEPTH = 64;
    /** Up to this many keys an object's duplicates are found by a scan, beyond it by a set. */
    private static final int SCANNED_KEYS = 16;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
            .build();

    /** Why a text is not JSON, and where. */
    public static final class SyntaxError extends Exception {
        private final int line;
        private final int column;

        SyntaxError(String message, int line, int column) {
            super(message);
            this.line = line;
            this.column = column;
        }

        public int line() {
            return line;
        }

        public int column() {
            return column;
        }
    }

    /**
     * Takes each item of one top-level array as soon as it is read, and gives back what the tree keeps in its
     * place: a large file's items need not all be held as trees at once.
     */
    @FunctionalInterface
    public interface ItemTaker {
        JsonNodeAt take(JsonNodeAt item);

        /**
         * @return the only members the next object item needs, the others skipped unread (not checked, not
         *         built); {@code null} for all of them
         */
        default Set<String> membersWanted() {
            return null;
        }
    }

    /** Items of one top-level array handed to a taker as they are read; the rest of the tree as usual. */
    private record Streamed(String key, ItemTaker taker) {
        static final Streamed NONE = new Streamed(null, item -> item);

        boolean streams(JsonNodeAt.Step arrayPath) {
            return key != null && arrayPath.parent() == JsonNodeAt.Step.ROOT && key.equals(arrayPath.key());
        }
    }

    /** A key met twice in one object; thrown out of the recursion, turned into a {@link SyntaxError}. */
    private static final class DuplicateKey extends IOException {
        private final String key;
        private final int line;
        private final int column;

        DuplicateKey(String key, int line, int column) {
            super(key, null);
            this.key = key;
            this.line = line;
            this.column = column;
        }
    }

    private LocatedJsonParser() {
    }

    public static JsonNodeAt parse(String text) throws SyntaxError {
        return parse(text, Streamed.NONE);
    }

    /**
     * Parses {@code text}, handing each item of the top-level array {@code key} (when it is an array) to
     * {@code taker} as soon as it is read; the returned tree holds what the taker gave back for each item.
     */
    public static JsonNodeAt parse(String text, String key, ItemTaker taker) throws SyntaxError {
        return parse(text, new Streamed(key, taker));
    }

    /**
     * {@link #parse(String, String, ItemTaker)} of UTF-8 bytes, without decoding them into a String (Jackson reads
     * bytes faster than characters). Lines are as in text; columns count bytes: {@link Columns#ofUtf8} gives the
     * characters'.
     */
    public static JsonNodeAt parse(byte[] utf8, String key, ItemTaker taker) throws SyntaxError {
        try {
            return parse(FACTORY.createParser(utf8), new Streamed(key, taker));
        } catch (IOException e) {
            throw new SyntaxError("could not read JSON: " + e.getMessage(), 0, 0);
        }
    }

    private static JsonNodeAt parse(String text, Streamed streamed) throws SyntaxError {
        try {
            return parse(FACTORY.createParser(text), streamed);
        } catch (IOException e) {
            throw new SyntaxError("could not read JSON: " + e.getMessage(), 0, 0);
        }
    }

    private static JsonNodeAt parse(JsonParser parser, Streamed streamed) throws SyntaxError {
        try (JsonParser p = parser) {
            try {
                JsonToken first = p.nextToken();
                if (first == null) throw new SyntaxError("the file is empty", 1, 1);
                JsonNodeAt root = read(p, JsonNodeAt.Step.ROOT, streamed);
                JsonToken extra = p.nextToken();
                if (extra != null) {
                    JsonLocation l = p.currentTokenLocation();
                    throw new SyntaxError("unexpected content after the end of the JSON document", l.getLineNr(),
                            l.getColumnNr());
                }
                return root;
            } catch (DuplicateKey e) {
                throw new SyntaxError("a key appears twice in one object: \"" + e.key + "\"", e.line, e.column);
            } catch (JsonProcessingException e) {
                // Constraint violations (nesting depth) carry no location of their own: use where the parser stood.
                JsonLocation l = e.getLocation() != null ? e.getLocation() : p.currentLocation();
                String msg = e.getOriginalMessage();
                throw new SyntaxError(msg, l == null ? 0 : Math.max(0, l.getLineNr()), l == null ? 0 : Math.max(0,
                        l.getColumnNr()));
            }
        } catch (IOException e) {
            throw new SyntaxError("could not read JSON: " + e.getMessage(), 0, 0);
        }
    }

    /** Reads the {@code wanted} members of the object at the parser and skips the others' values unread. */
    private static JsonNodeAt readOnly(JsonParser p, JsonNodeAt.Step path, Set<String> wanted, Streamed streamed)
            throws IOException {
        JsonLocation l = p.currentTokenLocation();
        List<String> keys = new ArrayList<>();
        List<JsonNodeAt> values = new ArrayList<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            p.nextToken();
            if (wanted.contains(key) && !keys.contains(key)) {
                keys.add(key);
                values.add(read(p, path.member(key), streamed));
            } else {
                p.skipChildren();
            }
        }
        return new JsonNodeAt.Obj(path, l.getLineNr(), l.getColumnNr(), keys.toArray(String[]::new),
                values.toArray(JsonNodeAt[]::new));
    }

    private static JsonNodeAt read(JsonParser p, JsonNodeAt.Step path, Streamed streamed) throws IOException {
        int line;
        int col;
        if (p instanceof ParserBase b) {
            // The token's place without a JsonLocation object per token: millions of them in a large file.
            // ParserBase counts a value token's column one past what its JsonLocation says (the 1-based column).
            line = b.getTokenLineNr();
            col = b.getTokenColumnNr() - 1;
        } else {
            JsonLocation l = p.currentTokenLocation();
            line = l.getLineNr();
            col = l.getColumnNr();
        }
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT -> {
                List<String> keys = new ArrayList<>();
                Set<String> seen = null;
                List<JsonNodeAt> values = new ArrayList<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    // Duplicates checked here rather than by Jackson's detector, which builds a hash set per object:
                    // a scan for the few keys of most objects, a set once an object has many.
                    if (seen == null && keys.size() >= SCANNED_KEYS) seen = new HashSet<>(keys);
                    if (seen != null ? !seen.add(key) : keys.contains(key)) {
                        JsonLocation l = p.currentTokenLocation();
                        throw new DuplicateKey(key, l.getLineNr(), l.getColumnNr());
                    }
                    p.nextToken();
                    keys.add(key);
                    values.add(read(p, path.member(key), streamed));
                }
                return new JsonNodeAt.Obj(path, line, col, keys.toArray(String[]::new),
                        values.toArray(JsonNodeAt[]::new));
            }
            case START_ARRAY -> {
                ArrayList<JsonNodeAt> items = new ArrayList<>();
                boolean take = streamed.streams(path);
                int i = 0;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    Set<String> wanted = take ? streamed.taker().membersWanted() : null;
                    JsonNodeAt item = wanted != null && p.currentToken() == JsonToken.START_OBJECT
                            ? readOnly(p, path.item(i++), wanted, streamed) : read(p, path.item(i++), streamed);
                    items.add(take ? streamed.taker().take(item) : item);
                }
                items.trimToSize();
                return new JsonNodeAt.Arr(path, line, col, items);
            }
            case VALUE_STRING -> {
                return new JsonNodeAt.Scalar(path, line, col, JsonNodeAt.Scalar.Type.STRING, p.getText());
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return new JsonNodeAt.Scalar(path, line, col, JsonNodeAt.Scalar.Type.NUMBER, p.getText());
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return new JsonNodeAt.Scalar(path, line, col, JsonNodeAt.Scalar.Type.BOOLEAN, p.getText());
            }
            case VALUE_NULL -> {
                return new JsonNodeAt.Scalar(path, line, col, JsonNodeAt.Scalar.Type.NULL, "null");
            }
            default -> throw new IOException("unexpected token " + t);
        }
    }
}
