package org.dmascope.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;

/**
 * Every keyboard shortcut of the window, for Help ▸ Keyboard Shortcuts: the menus' accelerators read
 * from the menu bar itself (so the sheet can never disagree with the menus), then the keys that work
 * where the keyboard is (canvas, buffer chips, steps, tool windows), which no menu carries.
 */
final class Shortcuts {
    /** One line of the sheet. */
    record Shortcut(String keys, String what, String where) {
        boolean matches(String query) {
            String q = query.strip().toLowerCase(Locale.ROOT);
            if (q.isEmpty()) return true;
            String all = (keys + " " + what + " " + where).toLowerCase(Locale.ROOT);
            for (String word : q.split("\\s+")) if (!all.contains(word)) return false;
            return true;
        }
    }

    /** Keys that act where the keyboard focus is: no menu item carries them. */
    static final List<Shortcut> IN_PLACE = List.of(
            new Shortcut("↑ ↓ ← →", "parent, first child, neighbour at the same depth", "canvas"),
            new Shortcut("Tab, Shift+Tab", "next, previous device", "canvas"),
            new Shortcut("Enter, Space", "select; on a selected PF, show or hide its VFs", "canvas"),
            new Shortcut("Esc", "clear the selection; cancel a picked buffer", "canvas"),
            new Shortcut("Shift+arrows", "pan (or drag the background, or the scroll bars)", "canvas"),
            new Shortcut("+  −  0", "zoom in, zoom out, 100 % (or the mouse wheel, around the pointer)", "canvas"),
            new Shortcut("F", "fit the machine to the window", "canvas"),
            new Shortcut("Enter", "find: go to the next match", "find field"),
            new Shortcut("← →", "choose a buffer", "buffer chips"),
            new Shortcut("Alt+↓", "open the buffer's settings", "buffer chips"),
            new Shortcut("Enter", "pick the buffer: arrows or Tab choose a device, Enter maps it, Esc cancels",
                    "buffer chips"),
            new Shortcut("Space", "play or pause the steps", "steps"),
            new Shortcut("← →", "previous, next step", "steps"),
            new Shortcut("Home, End", "first, last step", "steps"),
            new Shortcut("← →", "previous, next segment", "page walk"),
            new Shortcut("Ctrl+C, Ctrl+Shift+C", "copy the selected rows as text, as CSV", "scatter list"),
            new Shortcut("arrows, Page Up/Down, Home/End, Ctrl+Home/End", "move between cells", "P2P matrix"),
            new Shortcut("Ctrl+C", "copy the focused cell's explanation", "P2P matrix"),
            new Shortcut("Ctrl+Z, Ctrl+Shift+Z", "undo, redo a platform change", "tool windows"),
            new Shortcut("Ctrl+Z, Ctrl+Y", "undo, redo a what-if edit or a platform change", "window"),
            new Shortcut("Shift+F10, Menu key", "the selected card's what-if edits", "canvas"),
            new Shortcut("Ctrl+W", "close the tool window", "tool windows"),
            new Shortcut("Enter, double click", "the lines around a finding", "import report"),
            new Shortcut("Ctrl+C", "copy the selected findings", "import report"),
            new Shortcut("→, Page Down", "next lesson step (Page Down from anywhere while a lesson plays)",
                    "lesson panel"),
            new Shortcut("←, Page Up", "back a lesson step: the kernel starts over and replays the steps before",
                    "lesson panel"),
            new Shortcut("Home", "restart the lesson", "lesson panel"),
            new Shortcut("Esc", "close the lesson (what is mapped stays)", "lesson panel"));

    private Shortcuts() {
    }

    /** The menus' accelerators in menu order, then {@link #IN_PLACE}. */
    static List<Shortcut> of(MenuBar bar) {
        List<Shortcut> out = new ArrayList<>();
        for (Menu m : bar.getMenus()) collect(m, m.getText(), out);
        out.addAll(IN_PLACE);
        return out;
    }

    private static void collect(Menu menu, String path, List<Shortcut> out) {
        for (MenuItem i : menu.getItems()) {
            if (i instanceof Menu sub) {
                collect(sub, path + " ▸ " + sub.getText(), out);
            } else if (i.getAccelerator() != null && i.getText() != null) {
                out.add(new Shortcut(i.getAccelerator().getDisplayText(), i.getText().replace("…", ""),
                        path + " menu"));
            }
        }
    }
}
