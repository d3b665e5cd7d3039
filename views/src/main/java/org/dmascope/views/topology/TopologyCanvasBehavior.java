package org.dmascope.views.topology;

import java.util.Optional;
import java.util.function.Function;

import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;

import org.dmascope.model.topology.Bdf;
import org.dmascope.views.topology.LayoutBox.BoxKind;

/**
 * The keys of the topology canvas. Arrows move the selection along the hierarchy (↑ parent, ↓ first
 * child, ← → neighbour at the same depth), Tab and Shift+Tab through every item; with Shift or Ctrl the
 * arrows pan. + and − zoom, F fits, 0 resets to 100 %. Enter or Space selects where the keyboard last
 * was (after Esc cleared the selection), or shows/hides the VFs of a selected PF.
 */
final class TopologyCanvasBehavior {
    static final double PAN_STEP = 80;

    private final TopologyCanvasSkin skin;

    TopologyCanvasBehavior(TopologyCanvasSkin skin) {
        this.skin = skin;
    }

    void keyPressed(KeyEvent e) {
        TopologyCanvas canvas = skin.getSkinnable();
        LayoutResult layout = canvas.getLayout();
        if (layout == null) return;
        Navigation nav = layout.navigation();
        boolean pan = e.isShiftDown() || e.isShortcutDown();
        boolean handled = true;
        switch (e.getCode()) {
            case LEFT -> {
                if (pan) skin.panBy(PAN_STEP, 0);
                else move(nav, item -> nav.beside(item, -1));
            }
            case RIGHT -> {
                if (pan) skin.panBy(-PAN_STEP, 0);
                else move(nav, item -> nav.beside(item, 1));
            }
            case UP -> {
                if (pan) skin.panBy(0, PAN_STEP);
                else move(nav, nav::parent);
            }
            case DOWN -> {
                if (pan) skin.panBy(0, -PAN_STEP);
                else move(nav, nav::firstChild);
            }
            case TAB -> move(nav, item -> nav.step(item, e.isShiftDown() ? -1 : 1));
            case PAGE_UP -> skin.panBy(0, skin.viewportHeight() * 0.8);
            case PAGE_DOWN -> skin.panBy(0, -skin.viewportHeight() * 0.8);
            case HOME -> nav.first().ifPresent(skin::selectAndShow);
            case ENTER, SPACE -> activate(layout);
            case ESCAPE -> canvas.setSelectedItem(null);
            case PLUS, ADD, EQUALS -> canvas.zoomIn();
            case MINUS, SUBTRACT -> canvas.zoomOut();
            // Ctrl+F belongs to the window (find), so only a plain F fits.
            case F -> {
                handled = !e.isShortcutDown();
                if (handled) skin.fit();
            }
            case DIGIT0, NUMPAD0 -> canvas.setZoom(1.0);
            default -> handled = false;
        }
        if (handled) e.consume();
    }

    private void move(Navigation nav, Function<TopologyItem, Optional<TopologyItem>> step) {
        TopologyItem selected = skin.getSkinnable().getSelectedItem();
        TopologyItem from = selected != null ? selected : skin.cursor();
        Optional<TopologyItem> to = from == null || !nav.contains(from) ? nav.first() : step.apply(from);
        to.ifPresent(skin::selectAndShow);
    }

    private void activate(LayoutResult layout) {
        TopologyCanvas canvas = skin.getSkinnable();
        TopologyItem selected = canvas.getSelectedItem();
        if (selected == null) {
            TopologyItem cursor = skin.cursor();
            TopologyItem target = cursor != null && layout.navigation().contains(cursor) ? cursor
                    : layout.navigation().first().orElse(null);
            if (target != null) skin.selectAndShow(target);
            return;
        }
        if (selected instanceof TopologyItem.Device d && hasVfGroup(layout, d.address())) canvas.toggleVfs(d.address());
    }

    private static boolean hasVfGroup(LayoutResult layout, Bdf pf) {
        return layout.boxes().stream().anyMatch(b -> b.kind() == BoxKind.VF_GROUP && b.owner().filter(pf::equals)
                .isPresent());
    }
}
