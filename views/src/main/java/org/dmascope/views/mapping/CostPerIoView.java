package org.dmascope.views.mapping;

import java.util.List;
import java.util.function.Function;

import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import org.dmascope.model.mapping.IoCost;
import org.dmascope.model.mapping.Mapping;

/**
 * The cost per I/O of the current buffer and device on each mapping path (the model's {@link IoCost}): IOVA
 * allocations, page-table entries, IOTLB invalidations, map/unmap calls, metadata bytes and NVMe descriptors.
 */
final class CostPerIoView extends VBox {
    static final String TABLE_ID = "cost-per-io-table";

    private final Label subject = new Label();
    private final TableView<IoCost> table = new TableView<>();

    CostPerIoView() {
        getStyleClass().add("cost-per-io");
        setSpacing(6);
        // the tab must not widen the details pane: the table scrolls instead (its columns want about 930 px)
        setMinWidth(0);
        table.setMinWidth(0);
        subject.setWrapText(true);
        table.setId(TABLE_ID);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("Map a buffer: what one I/O of it costs on each path appears here."));
        table.getColumns().setAll(List.of(
                column("Path", 140, IoCost::path),
                column("IOVA allocs", 80, c -> num(c, c.iovaAllocs())),
                column("PTEs written", 90, c -> num(c, c.ptes())),
                column("IOTLB inval.", 80, c -> num(c, c.invalidations())),
                column("Map / unmap calls", 110, c -> c.refusal().isPresent() ? "" : c.mapCalls() + " / "
                        + c.unmapCalls()),
                column("Metadata bytes", 100, c -> num(c, c.metadataBytes())),
                column("Segments", 70, c -> num(c, c.segments())),
                column("NVMe PRP (list pages)", 130, c -> c.refusal().isPresent() ? "" : c.nvme().prpPossible()
                        ? c.nvme().prpEntries() + " (" + c.nvme().prpListPages() + ")" : "not describable"),
                column("NVMe SGL (list bytes)", 130, c -> c.refusal().isPresent() ? c.refusal().get()
                        : c.nvme().sglDescriptors() + " (" + c.nvme().sglListBytes() + ")")));
        VBox.setVgrow(table, Priority.ALWAYS);
        Label note = new Label("Each path is run on a fresh kernel state. IOTLB invalidations are the synchronous "
                + "ones at unmap: a lazy (flush-queue) domain defers them. Premapped: mapped once at registration "
                + "(io_uring dma-buf, Linux 7.4), nothing per I/O.");
        note.setWrapText(true);
        note.getStyleClass().add("muted");
        getChildren().setAll(subject, table, note);
    }

    TableView<IoCost> table() {
        return table;
    }

    /** Shows the rows for mapping {@code m} (null: none). */
    void show(Mapping m, List<IoCost> rows) {
        subject.setText(m == null ? "" : "Cost per I/O: " + m.request().buffer().spec() + " for "
                + m.request().initiator() + " (" + m.request().profile().label() + ")");
        table.getItems().setAll(rows);
    }

    private static String num(IoCost c, long v) {
        return c.refusal().isPresent() ? "" : Long.toString(v);
    }

    private static TableColumn<IoCost, String> column(String title, double width, Function<IoCost, String> f) {
        TableColumn<IoCost, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setSortable(false);
        c.setCellValueFactory(d -> new ReadOnlyStringWrapper(f.apply(d.getValue())));
        return c;
    }
}
