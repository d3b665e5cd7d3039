package org.dmascope.views.mapping;

import java.util.List;

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

import org.dmascope.model.mapping.BufferSpec;
import org.dmascope.model.mapping.DmaSegments;
import org.dmascope.model.mapping.Mapping;
import org.dmascope.model.session.SessionSnapshot;
import org.dmascope.model.util.ByteSize;
import org.dmascope.model.util.Hex;
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
    static final String EMPTY = "Nothing is mapped. Every drop stays mapped here, as in a running kernel, until you "
            + "unmap it — "
            + "so a second drop lands where the kernel would put it.";

    private final MappingViewModel model;
    private final Label summary = new Label();
    private final VBox rows = new VBox(4);
    private final ChangeListener<SessionSnapshot> liveListener = (o, a, l) -> liveChanged();
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
        clear.setOnAction(e -> model.live().clear());
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
        model.live().snapshotProperty().addListener(liveListener);
        show(model.live().snapshotProperty().get());
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
            show(model.live().snapshotProperty().get());
        }
    }

    void dispose() {
        model.live().snapshotProperty().removeListener(liveListener);
    }

    private void show(SessionSnapshot l) {
        rows.getChildren().clear();
        int n = l.liveCount();
        int domains = (int) l.domains().stream().filter(d -> !d.live().isEmpty() || !d.flushQueue().isEmpty()).count()
                + (l.direct().isEmpty() ? 0 : 1);
        summary.setText((n == 0 ? EMPTY : n + (n == 1 ? " live mapping" : " live mappings") + " in " + domains
                + (domains == 1 ? " domain." : " domains.")) + l.swiotlb().map(s -> "  " + poolWords(s) + ".")
                        .orElse(""));
        for (SessionSnapshot.Domain d : l.domains()) {
            if (d.live().isEmpty() && d.flushQueue().isEmpty()) continue;
            String type = d.type().sysfsName() + " (" + (d.lazy() ? "lazy" : "strict") + ")";
            addDomain("IOMMU domain “" + d.id() + "” · " + type,
                    d, d.live());
        }
        if (!l.direct().isEmpty()) addDomain("dma-direct (no IOMMU domain)", null, l.direct());
    }

    private void addDomain(String heading, SessionSnapshot.Domain d, List<Mapping> mappings) {
        int queued = d == null ? 0 : d.flushQueue().size();
        Label title = new Label(heading + (queued > 0 ? " — " + queued + " unmapped IOVA range"
                + (queued == 1 ? "" : "s") + " wait in the flush queue" : ""));
        title.getStyleClass().add("domain-title");
        title.setMinWidth(0);
        HBox head = new HBox(10, title);
        head.setAlignment(Pos.CENTER_LEFT);
        if (d != null && d.lazy()) {
            Button flush = new Button("Flush IOTLB");
            flush.setId("flush-" + TopologyItem.sanitise(d.id()));
            flush.setDisable(queued == 0);
            flush.setOnAction(e -> model.live().flush(d.id()));
            head.getChildren().add(flush);
        }
        rows.getChildren().add(head);
        for (Mapping m : mappings) {
            Label text = new Label(summary(m) + "   " + m.request().buffer().spec());
            text.getStyleClass().add("mono");
            text.setMinWidth(0);
            HBox.setHgrow(text, Priority.ALWAYS);
            text.setMaxWidth(Double.MAX_VALUE);
            boolean shown = m == model.mappingProperty().get();
            if (shown) text.getStyleClass().add("current");
            Button unmap = new Button("Unmap");
            unmap.setId("unmap-" + m.id());
            unmap.setOnAction(x -> model.live().unmap(m));
            unmap.setMinWidth(Region.USE_PREF_SIZE);
            HBox row = new HBox(10, text, unmap);
            row.getStyleClass().add("live-row");
            row.setAlignment(Pos.CENTER_LEFT);
            rows.getChildren().add(row);
        }
    }

    private static String poolWords(SessionSnapshot.Swiotlb p) {
        return "Swiotlb pool at " + Hex.addr(p.start()) + ": " + p.used() + " of " + p.nslabs()
                + " slots (2 KiB each) in use";
    }

    /** {@code #3  64 KiB host for 03:00.0  →  0xffff0000 …  (13 segments)}. */
    static String summary(Mapping m) {
        DmaSegments s = m.segments();
        StringBuilder sb = new StringBuilder("#").append(m.id()).append("  ").append(ByteSize.human(m.request().buffer()
                .size()))
                .append(" ").append(m.request().buffer() instanceof BufferSpec.DmaBuf ? "dma-buf"
                        : m.request().buffer() instanceof BufferSpec.Bar ? "P2P" : "host").append(" for ")
                .append(m.request().initiator().shortText());
        if (s.count() > 0) {
            sb.append("  →  ").append(Hex.addr(s.address(0)));
            if (s.count() > 1) sb.append(" …");
            sb.append("  (").append(s.count()).append(s.count() == 1 ? " segment" : " segments").append(")");
        }
        return sb.toString();
    }

}
