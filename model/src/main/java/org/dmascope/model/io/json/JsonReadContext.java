package org.dmascope.model.io.json;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.Function;

import org.dmascope.model.report.Diagnostic;
import org.dmascope.model.report.Severity;
import org.dmascope.model.util.ByteSize;
import org.dmascope.model.util.Hex;

/**
 * Typed access to a {@link JsonNodeAt} tree that turns every problem into a {@link Diagnostic} with
 * the file, line, column and JSON path, and keeps reading so one pass reports every problem.
 * Getters return empty when a value is missing or wrong; callers check {@link #hasErrors()} at the end.
 */
public final class JsonReadContext {
    private final String file;
    private final Columns columns;
    private final List<Diagnostic> diagnostics = new ArrayList<>();

    public JsonReadContext(String file) {
        this(file, Columns.CHARACTERS);
    }

    /** @param columns what the parser's columns are in: characters, or bytes of UTF-8 */
    public JsonReadContext(String file, Columns columns) {
        this.file = file;
        this.columns = columns;
    }

    /** The character column of a node. */
    private int column(JsonNodeAt at) {
        return columns.column(at.line(), at.column());
    }

    public String file() {
        return file;
    }

    public List<Diagnostic> diagnostics() {
        return List.copyOf(diagnostics);
    }

    /** Takes the findings so far out of this context, to be added back with {@link #addAll} where they belong. */
    public List<Diagnostic> drain() {
        List<Diagnostic> taken = List.copyOf(diagnostics);
        diagnostics.clear();
        return taken;
    }

    public void addAll(List<Diagnostic> findings) {
        diagnostics.addAll(findings);
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }

    public void error(JsonNodeAt at, String message) {
        add(Severity.ERROR, at, message);
    }

    public void warning(JsonNodeAt at, String message) {
        add(Severity.WARNING, at, message);
    }

    private void add(Severity s, JsonNodeAt at, String message) {
        diagnostics.add(new Diagnostic(s, at.path() + ": " + message, Optional.of(file), at.line(), column(at),
                Optional.of(at.path())));
    }

    /** Adds a finding made elsewhere (validation), placed at a node. */
    public void addAt(JsonNodeAt at, Diagnostic d) {
        diagnostics.add(new Diagnostic(d.severity(), d.message(), Optional.of(file), at.line(), column(at),
                d.subject()));
    }

    /** Warns about members of {@code o} that no reader asked for; they are dropped. */
    public void reportUnknown(JsonNodeAt.Obj o) {
        for (Map.Entry<String, JsonNodeAt> e : o.unread()) {
            warning(e.getValue(), "unknown field \"" + e.getKey() + "\" is ignored (it will not be saved)");
        }
    }

    private Optional<JsonNodeAt> member(JsonNodeAt.Obj o, String key, boolean required) {
        Optional<JsonNodeAt> n = o.get(key);
        if (n.isPresent() && n.get() instanceof JsonNodeAt.Scalar s && s.type() == JsonNodeAt.Scalar.Type.NULL) {
            n = Optional.empty();
        }
        if (n.isEmpty() && required) {
            // Placed at the enclosing object (the field has no position of its own); the subject names the field.
            diagnostics.add(new Diagnostic(Severity.ERROR, o.path() + ": the required field \"" + key + "\" is missing",
                    Optional.of(file), o.line(), column(o), Optional.of(o.path() + "." + key)));
        }
        return n;
    }

    public Optional<JsonNodeAt.Obj> object(JsonNodeAt.Obj o, String key, boolean required) {
        Optional<JsonNodeAt> n = member(o, key, required);
        if (n.isEmpty()) return Optional.empty();
        if (n.get() instanceof JsonNodeAt.Obj obj) return Optional.of(obj);
        error(n.get(), "expected an object, found " + n.get().kindWord());
        return Optional.empty();
    }

    /** The items of an array member; a missing optional array is empty. */
    public List<JsonNodeAt> array(JsonNodeAt.Obj o, String key, boolean required) {
        Optional<JsonNodeAt> n = member(o, key, required);
        if (n.isEmpty()) return List.of();
        if (n.get() instanceof JsonNodeAt.Arr a) return a.items();
        error(n.get(), "expected an array, found " + n.get().kindWord());
        return List.of();
    }

    /** The node as an object, or an error. */
    public Optional<JsonNodeAt.Obj> asObject(JsonNodeAt n) {
        if (n instanceof JsonNodeAt.Obj o) return Optional.of(o);
        error(n, "expected an object, found " + n.kindWord());
        return Optional.empty();
    }

    /** The node as a string, or an error. */
    public Optional<String> asString(JsonNodeAt n) {
        if (n instanceof JsonNodeAt.Scalar s && s.type() == JsonNodeAt.Scalar.Type.STRING) return Optional.of(s.text());
        error(n, "expected a string, found " + n.kindWord());
        return Optional.empty();
    }

    public Optional<String> string(JsonNodeAt.Obj o, String key, boolean required) {
        Optional<JsonNodeAt> n = member(o, key, required);
        if (n.isEmpty()) return Optional.empty();
        if (n.get() instanceof JsonNodeAt.Scalar s
                && s.type() == JsonNodeAt.Scalar.Type.STRING) return Optional.of(s.text());
        error(n.get(), "expected a string, found " + n.get().kindWord());
        return Optional.empty();
    }

    public Optional<Boolean> bool(JsonNodeAt.Obj o, String key, boolean required) {
        Optional<JsonNodeAt> n = member(o, key, required);
        if (n.isEmpty()) return Optional.empty();
        if (n.get() instanceof JsonNodeAt.Scalar s && s.type() == JsonNodeAt.Scalar.Type.BOOLEAN) {
            return Optional.of(Boolean.parseBoolean(s.text()));
        }
        error(n.get(), "expected true or false, found " + n.get().kindWord());
        return Optional.empty();
    }

    /** A JSON integer in {@code [min, max]}. */
    public OptionalInt integer(JsonNodeAt.Obj o, String key, boolean required, int min, int max) {
        Optional<JsonNodeAt> n = member(o, key, required);
        if (n.isEmpty()) return OptionalInt.empty();
        if (n.get() instanceof JsonNodeAt.Scalar s && s.type() == JsonNodeAt.Scalar.Type.NUMBER) {
            try {
                long v = Long.parseLong(s.text());
                if (v >= min && v <= max) return OptionalInt.of((int) v);
                error(s, "expected a whole number from " + min + " to " + max + ", found " + s.text());
                return OptionalInt.empty();
            } catch (NumberFormatException e) {
                error(s, "expected a whole number, found " + s.text());
                return OptionalInt.empty();
            }
        }
        error(n.get(), "expected a number, found " + n.get().kindWord());
        return OptionalInt.empty();
    }

    /** A string holding hex ({@code "10de"}, {@code "0x1d"}) no larger than {@code max}. */
    public OptionalInt hexInt(JsonNodeAt.Obj o, String key, boolean required, int max) {
        OptionalLong v = parsed(o, key, required, "a hex number such as \"10de\" or \"0x1d\"", Hex::parse);
        if (v.isEmpty()) return OptionalInt.empty();
        if (Long.compareUnsigned(v.getAsLong(), max) > 0) {
            error(o.get(key).get(), "the value " + Hex.addr(v.getAsLong()) + " is larger than " + Hex.addr(max));
            return OptionalInt.empty();
        }
        return OptionalInt.of((int) v.getAsLong());
    }

    /** A 64-bit address as a hex string, {@code "0x38f0000000"}. */
    public OptionalLong address(JsonNodeAt.Obj o, String key, boolean required) {
        return parsed(o, key, required, "an address such as \"0x38f0000000\"", Hex::parse);
    }

    /** A byte size: {@code "4KiB"}, {@code "0x1000"}, {@code "4096"} or a JSON number. */
    public OptionalLong size(JsonNodeAt.Obj o, String key, boolean required) {
        Optional<JsonNodeAt> n = o.get(key);
        if (n.isPresent() && n.get() instanceof JsonNodeAt.Scalar s && s.type() == JsonNodeAt.Scalar.Type.NUMBER) {
            try {
                long v = Long.parseLong(s.text());
                if (v >= 0) return OptionalLong.of(v);
                error(s, "expected a size in bytes, found the negative number " + s.text());
                return OptionalLong.empty();
            } catch (NumberFormatException e) {
                error(s, "expected a size in bytes, found " + s.text());
                return OptionalLong.empty();
            }
        }
        return parsed(o, key, required, "a size such as \"4KiB\", \"1GiB\" or \"0x1000\"", ByteSize::parse);
    }

    /** A string parsed by {@code parser}, which throws {@link IllegalArgumentException} with a reason. */
    public <T> Optional<T> parse(JsonNodeAt.Obj o, String key, boolean required, String expected,
                                 Function<String, T> parser) {
        Optional<String> s = string(o, key, required);
        if (s.isEmpty()) return Optional.empty();
        try {
            return Optional.of(parser.apply(s.get()));
        } catch (IllegalArgumentException e) {
            error(o.get(key).get(), "expected " + expected + ", found \"" + s.get() + "\"");
            return Optional.empty();
        }
    }

    private OptionalLong parsed(JsonNodeAt.Obj o, String key, boolean required, String expected,
                                Function<String, Long> parser) {
        Optional<Long> v = parse(o, key, required, expected, parser);
        return v.map(OptionalLong::of).orElse(OptionalLong.empty());
    }

    /** A string naming one of an enum's spellings. */
    public <T> Optional<T> choice(JsonNodeAt.Obj o, String key, boolean required, String choices,
                                  Function<String, Optional<T>> lookup) {
        Optional<String> s = string(o, key, required);
        if (s.isEmpty()) return Optional.empty();
        Optional<T> v = lookup.apply(s.get());
        if (v.isEmpty()) error(o.get(key).get(), "\"" + s.get() + "\" is not one of: " + choices);
        return v;
    }
}
