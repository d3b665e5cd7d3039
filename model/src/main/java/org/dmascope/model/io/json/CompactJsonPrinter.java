package org.dmascope.model.io.json;

import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Pretty-prints a Jackson tree for people: two-space indent, and any object or array made only of
 * scalars that fits in one line is written on one line ({@code {"index": 0, "space": "mem"}}), so a
 * topology file stays short enough to check by eye. Output is deterministic: key order is kept.
 */
public final class CompactJsonPrinter {
    private static final int WIDTH = 110;

    private CompactJsonPrinter() {
    }

    public static String print(JsonNode node) {
        StringBuilder sb = new StringBuilder();
        write(node, sb, 0);
        sb.append('\n');
        return sb.toString();
    }

    private static void write(JsonNode node, StringBuilder sb, int indent) {
        if (node.isValueNode() || node.isNull()) {
            sb.append(scalar(node));
            return;
        }
        String inline = inline(node);
        if (inline != null && indent + inline.length() <= WIDTH) {
            sb.append(inline);
            return;
        }
        String pad = "  ".repeat(indent + 1);
        if (node.isObject()) {
            if (node.isEmpty()) {
                sb.append("{}");
                return;
            }
            sb.append("{\n");
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                sb.append(pad).append(quote(e.getKey())).append(": ");
                write(e.getValue(), sb, indent + 1);
                sb.append(it.hasNext() ? ",\n" : "\n");
            }
            sb.append("  ".repeat(indent)).append('}');
        } else {
            if (node.isEmpty()) {
                sb.append("[]");
                return;
            }
            sb.append("[\n");
            for (int i = 0; i < node.size(); i++) {
                sb.append(pad);
                write(node.get(i), sb, indent + 1);
                sb.append(i < node.size() - 1 ? ",\n" : "\n");
            }
            sb.append("  ".repeat(indent)).append(']');
        }
    }

    /** The one-line form when every member is a scalar, else null. */
    private static String inline(JsonNode node) {
        StringBuilder sb = new StringBuilder();
        if (node.isObject()) {
            sb.append('{');
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getValue().isContainerNode()) return null;
                sb.append(quote(e.getKey())).append(": ").append(scalar(e.getValue()));
                if (it.hasNext()) sb.append(", ");
            }
            return sb.append('}').toString();
        }
        sb.append('[');
        for (int i = 0; i < node.size(); i++) {
            if (node.get(i).isContainerNode()) return null;
            sb.append(scalar(node.get(i)));
            if (i < node.size() - 1) sb.append(", ");
        }
        return sb.append(']').toString();
    }

    private static String scalar(JsonNode n) {
        if (n.isTextual()) return quote(n.textValue());
        return n.toString();
    }

    private static String quote(String s) {
        return '"' + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + '"';
    }
}
