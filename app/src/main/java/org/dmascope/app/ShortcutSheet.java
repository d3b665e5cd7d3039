package org.dmascope.app;

import java.util.List;
import java.util.function.Function;

import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.transformation.FilteredList;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;

/**
 * Help ▸ Keyboard Shortcuts: every shortcut ({@link Shortcuts}) in a table that scrolls, with a search
 * field that filters it as one types (every word must match the keys, the action or where it works).
 */
final class ShortcutSheet extends BorderPane {
    static final String SEARCH_ID = "shortcut-search";
    static final String TABLE_ID = "shortcut-table";

    private final TextField search = new TextField();
    private final TableView<Shortcuts.Shortcut> table = new TableView<>();

    ShortcutSheet(List<Shortcuts.Shortcut> shortcuts) {
        FilteredList<Shortcuts.Shortcut> shown = new FilteredList<>(FXCollections.observableArrayList(shortcuts));
        search.setId(SEARCH_ID);
        search.setPromptText("Search: a key (ctrl+m), an action (replay) or a place (steps)");
        search.textProperty().addListener((o, a, q) -> shown.setPredicate(s -> s.matches(q)));
        search.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.DOWN) table.requestFocus();
        });
        table.setId(TABLE_ID);
        table.setItems(shown);
        table.getColumns().add(column("Keys", Shortcuts.Shortcut::keys, 190));
        table.getColumns().add(column("What it does", Shortcuts.Shortcut::what, 420));
        table.getColumns().add(column("Where", Shortcuts.Shortcut::where, 150));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No shortcut matches"));
        Label count = new Label();
        count.getStyleClass().add("hint");
        count.textProperty().bind(Bindings.size(shown).asString("%d of " + shortcuts.size()
                + " shortcuts"));
        VBox top = new VBox(6, search, count);
        top.setPadding(new Insets(10, 10, 6, 10));
        setTop(top);
        setCenter(table);
        BorderPane.setMargin(table, new Insets(0, 10, 10, 10));
        setPrefSize(800, 640);
    }

    /** The search field, which gets the keyboard when the sheet opens. */
    TextField search() {
        return search;
    }

    private static TableColumn<Shortcuts.Shortcut, String> column(String title,
            Function<Shortcuts.Shortcut, String> value, double width) {
        TableColumn<Shortcuts.Shortcut, String> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new ReadOnlyStringWrapper(value.apply(d.getValue())));
        c.setPrefWidth(width);
        return c;
    }
}
