package org.dmascope.views.pagewalk;

import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;

import org.dmascope.model.util.Hex;

/** Value labels that say their exact value in a tooltip and copy it from a context menu. */
final class Values {
    static final String VALUE = "value";
    private static final String EXACT = "dmascope.exact";

    private Values() {
    }

    /** A value label with an id and a Copy menu; the menu copies the label's text, or its exact form if one was set. */
    static Label label(String id, String... styleClasses) {
        Label l = new Label();
        if (id != null) l.setId(id);
        l.getStyleClass().addAll(styleClasses);
        l.setMinWidth(0);
        MenuItem copy = new MenuItem("Copy");
        copy.setOnAction(e -> copy(l.getText()));
        MenuItem exact = new MenuItem("Copy exact value");
        exact.setOnAction(e -> copy(exact(l)));
        l.setContextMenu(new ContextMenu(copy, exact));
        return l;
    }

    /** Shows {@code text}; the tooltip and "Copy exact value" give {@code exact}. */
    static void set(Label l, String text, String exact, String tip) {
        l.setText(text);
        l.getProperties().put(EXACT, exact == null ? text : exact);
        String t = tip == null ? exact : exact == null ? tip : exact + "\n" + tip;
        if (t == null) {
            l.setTooltip(null);
        } else if (l.getTooltip() == null) {
            l.setTooltip(new Tooltip(t));
        } else {
            l.getTooltip().setText(t);
        }
    }

    /** An address: short hex shown, the full 64-bit hex and the decimal value in the tooltip. */
    static void address(Label l, long value, String tip) {
        set(l, Hex.addr(value), Hex.reg(value, 16), (tip == null ? "" : tip + "\n") + Long.toUnsignedString(value));
    }

    static String exact(Label l) {
        Object v = l.getProperties().get(EXACT);
        return v == null ? l.getText() : v.toString();
    }

    static void copy(String text) {
        ClipboardContent c = new ClipboardContent();
        c.putString(text);
        Clipboard.getSystemClipboard().setContent(c);
    }
}
