package org.dmascope.model.io.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class LocatedJsonParserTest {

    @Test
    void itemsOfTheStreamedTopLevelArrayAreHandedOverAsTheyEndAndOnlyTheirPlaceIsKept()
            throws LocatedJsonParser.SyntaxError {
        String text = "{\n  \"functions\": [\n    {\"a\": 1},\n    {\"a\": 2}\n  ],\n"
                + "  \"other\": {\"functions\": [{\"b\": 3}]}\n}\n";
        List<String> taken = new ArrayList<>();
        JsonNodeAt root = LocatedJsonParser.parse(text, "functions", item -> {
            JsonNodeAt.Obj o = (JsonNodeAt.Obj) item;
            taken.add(item.path() + "=" + ((JsonNodeAt.Scalar) o.get("a").orElseThrow()).text() + "@" + item.line());
            return item.placeOnly();
        });
        // Only the top-level array: the nested one of the same name stays in the tree.
        assertEquals(List.of("$.functions[0]=1@3", "$.functions[1]=2@4"), taken);
        JsonNodeAt.Obj r = (JsonNodeAt.Obj) root;
        List<JsonNodeAt> kept = ((JsonNodeAt.Arr) r.get("functions").orElseThrow()).items();
        assertEquals(2, kept.size());
        JsonNodeAt.Obj second = (JsonNodeAt.Obj) kept.get(1);
        assertEquals(List.of(), second.keys(), "its contents are let go");
        assertEquals("$.functions[1]", second.path());
        assertEquals(4, second.line());
        JsonNodeAt.Obj other = (JsonNodeAt.Obj) r.get("other").orElseThrow();
        JsonNodeAt nested = ((JsonNodeAt.Arr) other.get("functions").orElseThrow()).items().get(0);
        assertEquals(List.of("b"), ((JsonNodeAt.Obj) nested).keys());
    }

    @Test
    void aTakerThatWantsFewMembersGetsOnlyThoseAndTheRestIsSkippedButStillMustBeJson()
            throws LocatedJsonParser.SyntaxError {
        String text = "{\"functions\": [\n {\"address\": \"a\", \"bars\": [{\"x\": 1}], \"name\": \"n\"},\n"
                + " {\"bars\": {\"deep\": [1, 2, {\"y\": null}]}, \"address\": \"b\"}\n]}";
        List<List<String>> keys = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        LocatedJsonParser.parse(text, "functions", new LocatedJsonParser.ItemTaker() {
            @Override
            public JsonNodeAt take(JsonNodeAt item) {
                keys.add(((JsonNodeAt.Obj) item).keys());
                lines.add(item.line());
                return item.placeOnly();
            }

            @Override
            public java.util.Set<String> membersWanted() {
                // The first item whole, then only addresses.
                return keys.isEmpty() ? null : java.util.Set.of("address");
            }
        });
        assertEquals(List.of(List.of("address", "bars", "name"), List.of("address")), keys);
        assertEquals(List.of(2, 3), lines);

        // A skipped member is not built, but the text must still be JSON, and the error keeps its place.
        String broken = "{\"functions\": [{\"address\": \"a\"},\n {\"bars\": [1, 2,, 3], \"address\": \"b\"}]}";
        LocatedJsonParser.SyntaxError e = assertThrows(LocatedJsonParser.SyntaxError.class,
                () -> LocatedJsonParser.parse(broken, "functions", new LocatedJsonParser.ItemTaker() {
                    @Override
                    public JsonNodeAt take(JsonNodeAt item) {
                        return item.placeOnly();
                    }

                    @Override
                    public java.util.Set<String> membersWanted() {
                        return java.util.Set.of("address");
                    }
                }));
        assertEquals(2, e.line());
    }

    @Test
    void aKeyTwiceInOneObjectIsRefusedAtItsSecondPlaceWhateverTheObjectsSize() {
        LocatedJsonParser.SyntaxError small = assertThrows(LocatedJsonParser.SyntaxError.class,
                () -> LocatedJsonParser.parse("{\"a\": 1,\n \"b\": 2,\n \"a\": 3}"));
        assertEquals("a key appears twice in one object: \"a\"", small.getMessage());
        assertEquals(3, small.line());
        assertEquals(2, small.column());

        // Beyond the keys a scan handles: the set takes over, and still finds the first key again.
        String many = IntStream.range(0, 40).mapToObj(i -> "\"k" + i + "\": " + i).collect(Collectors.joining(", "));
        LocatedJsonParser.SyntaxError big = assertThrows(LocatedJsonParser.SyntaxError.class,
                () -> LocatedJsonParser.parse("{" + many + ", \"k0\": 0}"));
        assertEquals("a key appears twice in one object: \"k0\"", big.getMessage());
        assertTrue(big.column() > many.length(), () -> "column " + big.column());
    }

    @Test
    void objectsWithManyDistinctKeysAreAccepted() throws LocatedJsonParser.SyntaxError {
        String many = IntStream.range(0, 5000).mapToObj(i -> "\"k" + i + "\": " + i)
                .collect(Collectors.joining(", "));
        JsonNodeAt.Obj o = (JsonNodeAt.Obj) LocatedJsonParser.parse("{" + many + "}");
        assertEquals(5000, o.keys().size());
    }
}
