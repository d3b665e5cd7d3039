package org.dmascope.views.inspector;

import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import javafx.beans.InvalidationListener;
import javafx.geometry.Pos;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

import org.dmascope.views.common.Resources;

/**
 * The inspector: a header naming the selection, and an {@link InspectorSheet} with every field of it.
 * Right-click copies a value or the whole list; the Edit button offers the selected device's what-if edits.
 */
public final class InspectorView extends BorderPane {
    public static final String STYLE_CLASS = "inspector-view";
    public static final String TITLE_ID = "inspector-title";
    public static final String SUBTITLE_ID = "inspector-subtitle";
    public static final String SOURCE_ID = "inspector-source";
    public static final String SHEET_ID = "inspector-sheet";
    public static final String EDIT_ID = "inspector-edit";
    private static final String STYLESHEET = Resources.stylesheet(InspectorView.class, "inspector-view.css");

    private final InspectorViewModel model;
    private final Label title = new Label();
    private final Label subtitle = new Label();
    private final Label source = new Label();
    private final StackPane icon = new StackPane();
    private final InspectorSheet sheet = new InspectorSheet();
    private final InvalidationListener refresh = o -> refresh();
    private final MenuButton edit = new MenuButton("Edit Device");
    /** The selection's what-if edits, the same as its card's context menu; none: no Edit button. */
    private Supplier<List<MenuItem>> editActions = List::of;

    public InspectorView(InspectorViewModel model) {
        this.model = model;
        getStyleClass().add(STYLE_CLASS);
        getStylesheets().add(STYLESHEET);
        setTop(createHeader());
        sheet.setId(SHEET_ID);
        setCenter(sheet);
        MenuItem copyAll = new MenuItem("Copy all fields");
        copyAll.setOnAction(e -> InspectorSheet.ValueEditor.copy(allAsText()));
        sheet.setContextMenu(new ContextMenu(copyAll));
        model.rowsProperty().addListener(refresh);
        model.titleProperty().addListener(refresh);
        refresh();
    }

    private HBox createHeader() {
        title.setId(TITLE_ID);
        title.getStyleClass().add("title");
        subtitle.setId(SUBTITLE_ID);
        subtitle.getStyleClass().add("subtitle");
        subtitle.setWrapText(true);
        source.setId(SOURCE_ID);
        source.getStyleClass().add("source");
        source.setWrapText(true);
        icon.getStyleClass().add("header-icon");
        VBox text = new VBox(2, title, subtitle, source);
        HBox.setHgrow(text, Priority.ALWAYS);
        edit.setId(EDIT_ID);
        edit.setMnemonicParsing(false);
        edit.setOnShowing(e -> edit.getItems().setAll(editActions.get()));
        edit.managedProperty().bind(edit.visibleProperty());
        // The title gives way (it wraps or ellipsises), the button keeps its words.
        edit.setMinWidth(Region.USE_PREF_SIZE);
        edit.setVisible(false);
        HBox header = new HBox(10, icon, text, edit);
        header.setAlignment(Pos.TOP_LEFT);
        header.getStyleClass().add("header");
        return header;
    }

    /** Offers the selection's what-if edits in an Edit button of the header. */
    public void setEditActions(Supplier<List<MenuItem>> actions) {
        editActions = actions == null ? List::of : actions;
        editsChanged();
    }

    /** Shows the Edit button when the selection has edits (the selection changed, or the machine). */
    public void editsChanged() {
        edit.setVisible(!editActions.get().isEmpty());
    }

    /** Stops listening to the view model. */
    public void dispose() {
        model.rowsProperty().removeListener(refresh);
        model.titleProperty().removeListener(refresh);
    }

    private void refresh() {
        title.setText(model.titleProperty().get());
        subtitle.setText(model.subtitleProperty().get());
        icon.getChildren().setAll(model.iconProperty().get().graphic(30));
        boolean anyExact = model.rowsProperty().stream().anyMatch(InspectorRow::exact);
        String file = model.rowsProperty().stream().filter(r -> !r.exact() && !r.source().equals(InspectorRows.DERIVED))
                .map(InspectorRow::source).findFirst().orElse("");
        source.setText(file.isEmpty() ? "" : anyExact ? "Other values from " + file : "Values from " + file);
        sheet.getItems().setAll(model.rowsProperty().stream().map(InspectorSheet.RowItem::new).toList());
        editsChanged();
    }

    private String allAsText() {
        return title.getText() + "\n" + model.rowsProperty().stream()
                .map(r -> r.category() + " / " + r.toText()).collect(Collectors.joining("\n")) + "\n";
    }

    public InspectorSheet sheet() {
        return sheet;
    }
}
