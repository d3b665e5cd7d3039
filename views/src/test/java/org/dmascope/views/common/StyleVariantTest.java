package org.dmascope.views.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;

import javafx.collections.ListChangeListener;
import javafx.scene.layout.Pane;

import org.junit.jupiter.api.Test;

class StyleVariantTest {
    @Test
    void replacesTheFamilyMemberAndKeepsOtherClasses() {
        Pane p = new Pane();
        p.getStyleClass().addAll("banner", "tone-idle");
        StyleVariant.set(p, "tone-", "peer");
        assertEquals(List.of("banner", "tone-peer"), p.getStyleClass());
        StyleVariant.set(p, "tone-", null);
        assertEquals(List.of("banner"), p.getStyleClass());
    }

    @Test
    void anUnchangedVariantDoesNotTouchTheList() {
        Pane p = new Pane();
        p.getStyleClass().addAll("banner", "tone-peer");
        List<String> changes = new ArrayList<>();
        p.getStyleClass().addListener((ListChangeListener<String>) c -> changes.add(c.toString()));
        StyleVariant.set(p, "tone-", "peer");
        assertEquals(List.of(), changes, "restyling the subtree for nothing");
        StyleVariant.set(p, "tone-", "host");
        assertEquals(List.of("banner", "tone-host"), p.getStyleClass());
        assertFalse(changes.isEmpty());
    }

    @Test
    void duplicatesOfTheFamilyAreCleanedUp() {
        Pane p = new Pane();
        p.getStyleClass().addAll("tone-peer", "tone-host", "tone-peer");
        StyleVariant.set(p, "tone-", "peer");
        assertEquals(List.of("tone-peer"), p.getStyleClass());
    }
}
