package org.dmascope.views.inspector;

import java.util.Locale;
import java.util.Optional;

import javafx.beans.value.ObservableValue;
import javafx.scene.Node;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Skin;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;

import org.controlsfx.control.PropertySheet;
import org.controlsfx.property.editor.PropertyEditor;

/**
 * A read-only ControlsFX {@link PropertySheet} of {@link InspectorRow}s. Its skin shows every
 * category at once (the stock skin's accordion shows one at a time, which hides most of a device),
 * with a column saying where each value came from. Values are wrapping labels with a Copy menu.
 */
public final class InspectorSheet extends PropertySheet {
    public static final String STYLE_CLASS = "inspector-sheet";

    public InspectorSheet() {
        getStyleClass().add(STYLE_CLASS);
        setMode(Mode.CATEGORY);
        setModeSwitcherVisible(false);
        setSearchBoxVisible(false);
        setPropertyEditorFactory(item -> new ValueEditor((RowItem) item));
    }

    @Override
    protected Skin<?> createDefaultSkin() {
        return new InspectorSheetSkin(this);
    }

    /** The node id of the value of a row, e.g. {@code field-acs--control-bits}. */
    public static String valueId(String category, String name) {
        return "field-" + slug(category) + "--" + slug(name);
    }

    private static String slug(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    }

    /** A row as a PropertySheet item. Editable in the sheet's sense only so the sheet does not grey it out. */
    public static final class RowItem implements PropertySheet.Item {
        private final InspectorRow row;

        public RowItem(InspectorRow row) {
            this.row = row;
        }

        public InspectorRow row() {
            return row;
        }

        @Override
        public Class<?> getType() {
            return String.class;
        }

        @Override
        public String getCategory() {
            return row.category();
        }

        @Override
        public String getName() {
            return row.name();
        }

        @Override
        public String getDescription() {
            return row.name() + "\nfrom " + row.source() + (row.exact() ? "" : row.source()
                    .equals(InspectorRows.DERIVED)
                    ? " (computed from other fields)" : " (the file has no line for this field)");
        }

        @Override
        public Object getValue() {
            return row.value();
        }

        @Override
        public void setValue(Object value) {
            // read-only
        }

        @Override
        public Optional<ObservableValue<? extends Object>> getObservableValue() {
            return Optional.empty();
        }

        @Override
        public boolean isEditable() {
            return true;
        }
    }

    /** Shows a value as selectable-by-menu text; unknown values are styled apart. */
    static final class ValueEditor implements PropertyEditor<Object> {
        private final Label label = new Label();

        ValueEditor(RowItem item) {
            InspectorRow row = item.row();
            label.setText(row.value());
            label.setWrapText(true);
            label.setMinWidth(0);
            label.getStyleClass().add("field-value");
            if (row.unknown()) label.getStyleClass().add("unknown");
            if (row.unknown() && row.value().contains("→")) label.getStyleClass().add("kernel-default");
            label.setId(valueId(row.category(), row.name()));
            MenuItem copy = new MenuItem("Copy value");
            copy.setOnAction(e -> copy(row.value()));
            MenuItem copyRow = new MenuItem("Copy “" + row.name() + ": …”");
            copyRow.setOnAction(e -> copy(row.toText()));
            label.setContextMenu(new ContextMenu(copy, copyRow));
        }

        static void copy(String text) {
            ClipboardContent c = new ClipboardContent();
            c.putString(text);
            Clipboard.getSystemClipboard().setContent(c);
        }

        @Override
        public Node getEditor() {
            return label;
        }

        @Override
        public Object getValue() {
            return label.getText();
        }

        @Override
        public void setValue(Object value) {
            label.setText(value == null ? "" : value.toString());
        }
    }
}
