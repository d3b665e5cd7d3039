package org.dmascope.model.diff;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.dmascope.model.diff.TopologyDiff.FieldChange;

/**
 * Field-by-field comparison of two parts of the topology JSON. Comparing what the writer writes keeps the diff
 * complete as the format grows, and shows values in the words of the file a user can open. Where a value came
 * from ({@code provenance}) is not a difference of the machine and is left out.
 */
final class JsonFields {
    private static final Set<String> IGNORED = Set.of("provenance");

    private JsonFields() {
    }

    /** The fields that differ, in the order the writer writes them; {@code skip} names fields not to compare. */
    static List<FieldChange> changes(JsonNode before, JsonNode after, Set<String> skip) {
        List<FieldChange> out = new ArrayList<>();
        changes("", before, after, skip, out);
        return out;
    }

    /** Objects on both sides are compared member by member ({@code bridge.prefetchable}); anything else whole. */
    private static void changes(String prefix, JsonNode before, JsonNode after, Set<String> skip,
                                List<FieldChange> out) {
        Map<String, JsonNode> a = fields(before);
        Map<String, JsonNode> b = fields(after);
        Set<String> names = new LinkedHashSet<>(a.keySet());
        names.addAll(b.keySet());
        for (String n : names) {
            if (skip.contains(n) || IGNORED.contains(n)) continue;
            JsonNode x = withoutIgnored(a.get(n));
            JsonNode y = withoutIgnored(b.get(n));
            if (x == null ? y == null : x.equals(y)) continue;
            if (x != null && y != null && x.isObject() && y.isObject()) {
                changes(prefix + n + ".", x, y, Set.of(), out);
            } else {
                out.add(new FieldChange(prefix + n, text(x), text(y)));
            }
        }
    }

    /** Objects keyed by one of their fields (NUMA nodes by id, host bridges by id). */
    static Map<String, JsonNode> byKey(JsonNode array, String key) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        if (array == null) return out;
        for (JsonNode n : array) out.put(n.path(key).asText(), n);
        return out;
    }

    private static Map<String, JsonNode> fields(JsonNode n) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        if (n == null) return out;
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), e.getValue());
        }
        return out;
    }

    private static JsonNode withoutIgnored(JsonNode n) {
        if (n == null || !n.isContainerNode()) return n;
        JsonNode copy = n.deepCopy();
        strip(copy);
        return copy;
    }

    private static void strip(JsonNode n) {
        if (n instanceof ObjectNode o) o.remove(IGNORED);
        for (JsonNode child : n) strip(child);
    }

    /** A scalar as its text, a container as compact JSON; {@code null} when the field is absent. */
    static String text(JsonNode n) {
        if (n == null || n.isMissingNode()) return null;
        return n.isValueNode() ? n.asText() : n.toString();
    }
}
