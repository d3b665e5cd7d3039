package org.dmascope.views.scatterlist;

import javafx.geometry.HPos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;

import org.dmascope.model.mapping.MetadataCost;
import org.dmascope.model.util.ByteSize;

/**
 * What describing the buffer costs in each form (from {@link MetadataCost}): page pointers, 32-byte
 * scatterlist entries, 16-byte physical ranges and 16-byte dma_range entries, as bars on one scale.
 */
final class MetadataCostChart extends GridPane {
    static final String STYLE_CLASS = "metadata-cost";
    static final double BAR_WIDTH = 150;

    MetadataCostChart() {
        getStyleClass().add(STYLE_CLASS);
        ColumnConstraints right = new ColumnConstraints();
        right.setHalignment(HPos.RIGHT);
        getColumnConstraints().addAll(new ColumnConstraints(), right, right, new ColumnConstraints(BAR_WIDTH + 4));
    }

    void show(MetadataCost cost) {
        getChildren().clear();
        if (cost == null) return;
        long max = Math.max(1, Math.max(Math.max(cost.pageArrayBytes(), cost.scatterlistBytes()),
                Math.max(cost.phyrBytes(), cost.dmaRangeBytes())));
        String chain = cost.scatterlistChainEntries() > 0 ? " (" + cost.scatterlistChainEntries() + " chain)" : "";
        row(0, "struct page *[]", cost.pages() + " × 8 B", cost.pageArrayBytes(), max, "pages",
                "The pinned pages as an array of page pointers, 8 bytes each.");
        row(1, "struct scatterlist", cost.scatterlistEntries() + chain + " × 32 B", cost.scatterlistBytes(), max,
                "scatterlist",
                "Scatterlist entries, 32 bytes each on 64-bit; chained tables spend one entry per chunk on the link "
                        + "(SG-5).");
        row(2, "phyr (phys ranges)", cost.phyrRanges() + " × 16 B", cost.phyrBytes(), max, "phyr",
                "struct phyr { phys_addr_t addr; size_t len; }: one 16-byte range per physically contiguous run.");
        row(3, "struct dma_range", cost.dmaRanges() + " × 16 B", cost.dmaRangeBytes(), max, "dma-range",
                "The DMA side as dma_range entries { dma_addr_t addr; u32 len; }, 16 bytes with padding.");
    }

    private void row(int r, String name, String count, long bytes, long max, String kind, String tip) {
        Label n = new Label(name);
        n.getStyleClass().add("cost-name");
        Label c = new Label(count);
        c.getStyleClass().add("cost-count");
        Label b = new Label(ByteSize.human(bytes));
        b.getStyleClass().add("cost-bytes");
        b.setId("scatter-cost-" + kind);
        Tooltip t = new Tooltip(tip + "\n" + bytes + " bytes");
        Tooltip.install(n, t);
        Tooltip.install(b, t);
        Region bar = new Region();
        bar.getStyleClass().addAll("cost-bar", "cost-bar-" + kind);
        double w = Math.max(2, BAR_WIDTH * bytes / max);
        bar.setMinWidth(w);
        bar.setPrefWidth(w);
        bar.setMaxWidth(w);
        bar.setMaxHeight(10);
        addRow(r, n, c, b, bar);
    }
}
