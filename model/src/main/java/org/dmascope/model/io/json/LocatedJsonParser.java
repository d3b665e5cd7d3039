package org.dmascope.model.io.json;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

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

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
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

    private LocatedJsonParser() {
    }

    public static JsonNodeAt parse(String text) throws SyntaxError {
        try (JsonParser p = FACTORY.createParser(text)) {
            try {
                JsonToken first = p.nextToken();
                if (first == null) throw new SyntaxError("the file is empty", 1, 1);
                JsonNodeAt root = read(p, JsonNodeAt.Step.ROOT);
                JsonToken extra = p.nextToken();
                if (extra != null) {
                    JsonLocation l = p.currentTokenLocation();
                    throw new SyntaxError("unexpected content after the end of the JSON document", l.getLineNr(),
                            l.getColumnNr());
                }
                return root;
            } catch (JsonProcessingException e) {
                // Constraint violations (nesting depth) carry no location of their own: use where the parser stood.
                JsonLocation l = e.getLocation() != null ? e.getLocation() : p.currentLocation();
                String msg = e.getOriginalMessage();
                if (msg.startsWith("Duplicate field")) {
                    msg = "a key appears twice in one object: " + msg.substring(msg.indexOf('\'')).replace("'", "\"");
                }
                throw new SyntaxError(msg, l == null ? 0 : Math.max(0, l.getLineNr()), l == null ? 0 : Math.max(0,
                        l.getColumnNr()));
            }
        } catch (IOException e) {
            throw new SyntaxError("could not read JSON: " + e.getMessage(), 0, 0);
        }
    }

    private static JsonNodeAt read(JsonParser p, JsonNodeAt.Step path) throws IOException {
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
                List<JsonNodeAt> values = new ArrayList<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    p.nextToken();
                    keys.add(key);
                    values.add(read(p, path.member(key)));
                }
                return new JsonNodeAt.Obj(path, line, col, keys.toArray(String[]::new),
                        values.toArray(JsonNodeAt[]::new));
            }
            case START_ARRAY -> {
                ArrayList<JsonNodeAt> items = new ArrayList<>();
                int i = 0;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    items.add(read(p, path.item(i++)));
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
