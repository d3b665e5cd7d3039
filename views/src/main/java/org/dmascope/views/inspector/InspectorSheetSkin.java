package org.dmascope.views.inspector;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ArrayList;

import javafx.collections.ListChangeListener;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SkinBase;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import org.controlsfx.control.PropertySheet;
import org.dmascope.model.edit.TopologyEdit;

/**
 * Every category of an {@link InspectorSheet} at once: a header row, then name | value. A field with a
 * source of its own (file:line) shows it under the value; derived fields have an italic name.
 */
final class InspectorSheetSkin extends SkinBase<InspectorSheet> {
    /** Field names wrap beyond this, so the values keep most of the width. */
    private static final double NAME_WIDTH = 136;
    private final ScrollPane scroller = new ScrollPane();
    private final GridPane grid = new GridPane();
    private final ListChangeListener<PropertySheet.Item> itemsListener = c -> rebuild();

    InspectorSheetSkin(InspectorSheet sheet) {
        super(sheet);
        grid.getStyleClass().add("inspector-grid");
        ColumnConstraints name = new ColumnConstraints(NAME_WIDTH);
        ColumnConstraints value = new ColumnConstraints();
        value.setHgrow(Priority.ALWAYS);
        value.setMinWidth(80);
        grid.getColumnConstraints().setAll(name, value);
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
            grid.add(header, 0, row++, 2, 1);
            for (PropertySheet.Item item : e.getValue()) {
                Label name = new Label(item.getName());
                name.getStyleClass().add("field-name");
                name.setWrapText(true);
                name.setMaxWidth(NAME_WIDTH);
                name.setTooltip(new Tooltip(item.getDescription()));
                Node value = getSkinnable().getPropertyEditorFactory().call(item).getEditor();
                if (item instanceof InspectorSheet.RowItem r) {
                    InspectorRow field = r.row();
                    if (field.source().equals(InspectorRows.DERIVED)) name.getStyleClass().add("derived");
                    if (field.exact()) {
                        Label source = new Label(field.source());
                        source.getStyleClass().add("field-source");
                        if (field.source().startsWith(TopologyEdit.PROVENANCE_PREFIX)) {
                            // An edit's name reads from its start ("what-if edit: Move 06:00.0 to 00:03.0"): wrap.
                            source.setWrapText(true);
                            source.setTextOverrun(OverrunStyle.ELLIPSIS);
                            source.getStyleClass().add("edit-source");
                        } else {
                            // Long export names: keep the end, where the line number is.
                            source.setTextOverrun(OverrunStyle.LEADING_ELLIPSIS);
                        }
                        source.setTooltip(new Tooltip(field.source()));
                        value = new VBox(1, value, source);
                    }
                }
                GridPane.setValignment(name, VPos.TOP);
                name.setLabelFor(value);
                grid.addRow(row++, name, value);
            }
        }
    }

}
