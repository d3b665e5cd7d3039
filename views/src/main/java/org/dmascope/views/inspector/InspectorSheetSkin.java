package org.dmascope.views.inspector;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ArrayList;

import javafx.collections.ListChangeListener;
import javafx.geometry.HPos;
import javafx.geometry.VPos;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SkinBase;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

import org.controlsfx.control.PropertySheet;

/** Every category of an {@link InspectorSheet} at once: a header row, then name | value | source. */
final class InspectorSheetSkin extends SkinBase<InspectorSheet> {
    private final ScrollPane scroller = new ScrollPane();
    private final GridPane grid = new GridPane();
    private final ListChangeListener<PropertySheet.Item> itemsListener = c -> rebuild();

    InspectorSheetSkin(InspectorSheet sheet) {
        super(sheet);
        grid.getStyleClass().add("inspector-grid");
        ColumnConstraints name = new ColumnConstraints();
        name.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints value = new ColumnConstraints();
        value.setHgrow(Priority.ALWAYS);
        value.setMinWidth(80);
        ColumnConstraints source = new ColumnConstraints();
        source.setMinWidth(Region.USE_PREF_SIZE);
        source.setHalignment(HPos.RIGHT);
        grid.getColumnConstraints().setAll(name, value, source);
        scroller.setContent(grid);
        scroller.setFitToWidth(true);
        scroller.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroller.getStyleClass().add("inspector-scroller");
        getChildren().add(scroller);
        sheet.getItems().addListener(itemsListener);
        rebuild();
    }

    @Override
    public void dispose() {
        if (getSkinnable() != null) getSkinnable().getItems().removeListener(itemsListener);
        super.dispose();
    }

    private void rebuild() {
        grid.getChildren().clear();
        Map<String, List<PropertySheet.Item>> byCategory = new LinkedHashMap<>();
        for (PropertySheet.Item item : getSkinnable().getItems()) {
            byCategory.computeIfAbsent(item.getCategory(), k -> new ArrayList<>()).add(item);
        }
        int row = 0;
        for (Map.Entry<String, List<PropertySheet.Item>> e : byCategory.entrySet()) {
            Label header = new Label(e.getKey());
            header.getStyleClass().add("category");
            header.setMaxWidth(Double.MAX_VALUE);
            grid.add(header, 0, row++, 3, 1);
            for (PropertySheet.Item item : e.getValue()) {
                Label name = new Label(item.getName());
                name.getStyleClass().add("field-name");
                name.setTooltip(new Tooltip(item.getDescription()));
                var editor = getSkinnable().getPropertyEditorFactory().call(item);
                var value = editor.getEditor();
                Label source = new Label(sourceText(item));
                source.getStyleClass().add("field-source");
                GridPane.setValignment(name, VPos.TOP);
                GridPane.setValignment(source, VPos.TOP);
                GridPane.setFillWidth(value, true);
                name.setLabelFor(value);
                grid.addRow(row++, name, value, source);
            }
        }
    }

    private static String sourceText(PropertySheet.Item item) {
        if (!(item instanceof InspectorSheet.RowItem r)) return "";
        InspectorRow row = r.row();
        if (row.exact()) return row.source();
        return row.source().equals(InspectorRows.DERIVED) ? InspectorRows.DERIVED : "";
    }
}
