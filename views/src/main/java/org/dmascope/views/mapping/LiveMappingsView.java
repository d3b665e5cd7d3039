package org.dmascope.views.mapping;

import javafx.beans.value.ChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import org.dmascope.views.topology.TopologyItem;

/**
 * What the kernel has mapped right now, per IOMMU domain: every drop stays mapped, as in a running
 * kernel, so a second drop lands where the kernel puts it next. Each mapping can be unmapped, a lazy
 * domain's flush queue flushed, and everything cleared.
 */
final class LiveMappingsView extends BorderPane {
    static final String ID = "live-mappings";
    static final String SUMMARY_ID = "live-summary";
    static final String CLEAR_ID = "clear-state-button";
    static final String EMPTY = "Nothing is mapped. Every drop stays mapped here, as in a running kernel, until you unmap it — "
            + "so a second drop lands where the kernel would put it.";

    private final MappingViewModel model;
    private final Label summary = new Label();
    private final VBox rows = new VBox(4);
    private final ChangeListener<LiveState> liveListener = (o, a, l) -> liveChanged();
    /** The rows are rebuilt when they can be seen: a drop should not pay for a hidden tab. */
    private boolean stale;
    private boolean shown;

    LiveMappingsView(MappingViewModel model) {
        this.model = model;
        setId(ID);
        getStyleClass().add("live-mappings");
        summary.setId(SUMMARY_ID);
        summary.setWrapText(true);
        summary.setMinWidth(0);
        Button clear = new Button("Unmap everything");
        clear.setId(CLEAR_ID);
        clear.setTooltip(new Tooltip("Unmap every live mapping: the IOMMU domains and the swiotlb pool start empty"));
        clear.setOnAction(e -> model.clearState());
        clear.setMinWidth(Region.USE_PREF_SIZE);
        HBox.setHgrow(summary, Priority.ALWAYS);
        summary.setMaxWidth(Double.MAX_VALUE);
        HBox top = new HBox(10, summary, clear);
        top.setAlignment(Pos.CENTER_LEFT);
        top.getStyleClass().add("live-top");
        setTop(top);
        rows.getStyleClass().add("live-rows");
        ScrollPane scroll = new ScrollPane(rows);
        scroll.setFitToWidth(true);
        setCenter(scroll);
        model.liveProperty().addListener(liveListener);
        show(model.liveProperty().get());
    }

    private void liveChanged() {
        stale = true;
        refreshIfShown();
    }

    /** The details view says whether the tab is selected; rows that changed while hidden are rebuilt now. */
    void setShown(boolean on) {
        shown = on;
        refreshIfShown();
    }

    private void refreshIfShown() {
        if (stale && shown) {
            stale = false;
            show(model.liveProperty().get());
        }
    }

    void dispose() {
        model.liveProperty().removeListener(liveListener);
    }

    private void show(LiveState l) {
        rows.getChildren().clear();
        int n = l.count();
        summary.setText((n == 0 ? EMPTY : n + (n == 1 ? " live mapping" : " live mappings") + " in " + l.domains().size()
                + (l.domains().size() == 1 ? " domain." : " domains.")) + l.swiotlb().map(s -> "  " + capital(s) + ".").orElse(""));
        for (LiveState.Domain d : l.domains()) {
            Label title = new Label(d.title() + (d.queued() > 0 ? " — " + d.queued() + " unmapped IOVA range"
                    + (d.queued() == 1 ? "" : "s") + " wait in the flush queue" : ""));
            title.getStyleClass().add("domain-title");
            title.setMinWidth(0);
            HBox head = new HBox(10, title);
            head.setAlignment(Pos.CENTER_LEFT);
            if (d.lazy()) {
                Button flush = new Button("Flush IOTLB");
                flush.setId("flush-" + TopologyItem.sanitise(d.id()));
                flush.setDisable(d.queued() == 0);
                flush.setOnAction(e -> model.flush(d.id()));
                head.getChildren().add(flush);
            }
            rows.getChildren().add(head);
            for (LiveState.Entry e : d.mappings()) {
                Label text = new Label(e.summary() + "   " + e.mapping().request().buffer().spec());
                text.getStyleClass().add("mono");
                text.setMinWidth(0);
                HBox.setHgrow(text, Priority.ALWAYS);
                text.setMaxWidth(Double.MAX_VALUE);
                boolean shown = e.mapping() == model.mappingProperty().get();
                if (shown) text.getStyleClass().add("current");
                Button unmap = new Button("Unmap");
                unmap.setId("unmap-" + e.mapping().id());
                unmap.setOnAction(x -> model.unmap(e.mapping()));
                unmap.setMinWidth(Region.USE_PREF_SIZE);
                HBox row = new HBox(10, text, unmap);
                row.getStyleClass().add("live-row");
                row.setAlignment(Pos.CENTER_LEFT);
                rows.getChildren().add(row);
            }
        }
    }

    private static String capital(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
