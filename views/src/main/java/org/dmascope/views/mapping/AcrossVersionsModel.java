package org.dmascope.views.mapping;

import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import org.dmascope.model.kernel.platform.PlatformOverrides;
import org.dmascope.model.session.AcrossVersions;
import org.dmascope.model.session.MapCall;
import org.dmascope.model.topology.Topology;
import org.dmascope.model.util.NewestWins;

/**
 * The current mapping (same machine, initiator, buffer and options) under every kernel profile: the
 * model's {@link AcrossVersions} table, computed on a thread of its own (fourteen boots and mappings are
 * not a frame's work) and published on the FX thread; the newest request wins. The view only shows it.
 */
public final class AcrossVersionsModel {
    private final Executor ui;
    private final Executor worker;
    /** The thread this model started, shut down with it; null when the worker was handed in. */
    private final ExecutorService own;
    private final NewestWins requests = new NewestWins();
    private final ReadOnlyObjectWrapper<AcrossVersions.Table> table = new ReadOnlyObjectWrapper<>(this, "table");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyStringWrapper subject = new ReadOnlyStringWrapper(this, "subject", "");

    /** @param ui publishes results (the FX thread); the tables are computed on a daemon thread of this model's */
    public AcrossVersionsModel(Executor ui) {
        this.ui = ui;
        this.own = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "dmascope-across-versions");
            t.setDaemon(true);
            return t;
        });
        this.worker = own;
    }

    /**
     * @param worker computes the tables
     * @param ui     publishes results
     */
    AcrossVersionsModel(Executor worker, Executor ui) {
        this.ui = ui;
        this.worker = worker;
        this.own = null;
    }

    /** The last table computed, or null before the first (or after {@link #clear}). */
    public ReadOnlyObjectProperty<AcrossVersions.Table> tableProperty() {
        return table.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** What the table is about: "0000:06:00.0 maps bar:… with dma_map_sg"; "" before the first. */
    public ReadOnlyStringProperty subjectProperty() {
        return subject.getReadOnlyProperty();
    }

    /** Computes the table for {@code call} on {@code topology} with the machine's platform facts {@code machine}. */
    public void compute(Topology topology, PlatformOverrides machine, MapCall call) {
        NewestWins.Ticket ticket = requests.next();
        running.set(true);
        String what = call.initiator() + " maps " + call.buffer().spec() + " with " + call.options().api()
                .kernelName() + call.options().iommuMode().map(m -> ", IOMMU " + m.cli()).orElse("");
        worker.execute(() -> {
            Optional<AcrossVersions.Table> t = Optional.empty();
            try {
                if (ticket.isNewest()) t = Optional.of(AcrossVersions.of(topology, machine, call));
            } finally {
                Optional<AcrossVersions.Table> result = t;
                ui.execute(() -> {
                    if (!ticket.isNewest()) return;
                    running.set(false);
                    result.ifPresent(x -> {
                        subject.set(what);
                        table.set(x);
                    });
                });
            }
        });
    }

    /** Nothing to compare (no mapping, another machine). */
    public void clear() {
        requests.invalidate();
        running.set(false);
        subject.set("");
        table.set(null);
    }

    public void dispose() {
        requests.invalidate();
        if (own != null) own.shutdownNow();
    }
}
