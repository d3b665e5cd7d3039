package org.dmascope.views.common;

import java.util.List;

import javafx.scene.Node;

/**
 * One of a family of style classes that share a prefix ({@code tone-peer}, {@code kind-iova}): setting
 * it replaces the family's other member. Any change to a node's style classes makes JavaFX restyle the
 * node and its whole subtree in the next pulse, so an unchanged variant leaves the list alone; list
 * cells and banners that are refilled on every result would otherwise pay for that each time.
 */
public final class StyleVariant {
    private StyleVariant() {
    }

    /** Gives {@code node} the class {@code prefix + variant}, or none of the family when {@code variant} is null. */
    public static void set(Node node, String prefix, String variant) {
        List<String> classes = node.getStyleClass();
        String wanted = variant == null ? null : prefix + variant;
        List<String> family = classes.stream().filter(c -> c.startsWith(prefix)).toList();
        if (wanted == null ? family.isEmpty() : family.equals(List.of(wanted))) return;
        classes.removeIf(c -> c.startsWith(prefix));
        if (wanted != null) classes.add(wanted);
    }
}
