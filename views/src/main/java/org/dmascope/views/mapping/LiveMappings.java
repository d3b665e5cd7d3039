package org.dmascope.views.mapping;

import java.util.concurrent.Executor;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

import org.dmascope.model.mapping.Mapping;
import org.dmascope.model.session.RunningKernel;
import org.dmascope.model.session.SessionSnapshot;

/**
 * What stays mapped in the running kernel, per IOMMU domain, and the commands that give it back:
 * unmap one mapping, flush a lazy domain's IOTLB, unmap everything. The kernel does the work on its
 * own thread; each answer is published here on the UI executor.
 */
public final class LiveMappings {
    private final RunningKernel kernel;
    private final Executor ui;
    private final Messages messages;
    private final ReadOnlyObjectWrapper<SessionSnapshot> snapshot =
            new ReadOnlyObjectWrapper<>(this, "snapshot", SessionSnapshot.EMPTY);

    LiveMappings(RunningKernel kernel, Executor ui, Messages messages) {
        this.kernel = kernel;
        this.ui = ui;
        this.messages = messages;
    }

    /** The kernel's state after the last thing that changed it. */
    public ReadOnlyObjectProperty<SessionSnapshot> snapshotProperty() {
        return snapshot.getReadOnlyProperty();
    }

    /** Unmaps a live mapping (its API's unmap call) and says what was given back. */
    public void unmap(Mapping m) {
        unmap(m, () -> { });
    }

    /** {@link #unmap(Mapping)}, then {@code then} on the UI executor once the state is shown. */
    public void unmap(Mapping m, Runnable then) {
        kernel.unmap(m, r -> ui.execute(() -> {
            snapshot.set(r.after());
            messages.say(r.result().map(u -> "Unmapped #" + m.id() + ": " + String.join("; ", u.actions()))
                    .orElse("#" + m.id() + " is no longer mapped"), r.result().isEmpty());
            then.run();
        }));
    }

    /** The deferred IOTLB flush of a lazy domain. */
    public void flush(String domainId) {
        flush(domainId, () -> { });
    }

    /** {@link #flush(String)}, then {@code then} on the UI executor once the state is shown. */
    public void flush(String domainId, Runnable then) {
        kernel.flush(domainId, r -> ui.execute(() -> {
            snapshot.set(r.after());
            int n = r.rangesFreed();
            messages.say("IOTLB of domain “" + domainId + "” flushed: " + n + (n == 1 ? " queued IOVA range"
                    : " queued IOVA ranges")
                    + " freed", false);
            then.run();
        }));
    }

    /** Unmaps everything: every domain and the swiotlb pool start empty. */
    public void clear() {
        clear(() -> { });
    }

    /** {@link #clear()}, then {@code then} on the UI executor once the state is shown. */
    public void clear(Runnable then) {
        kernel.clear(s -> ui.execute(() -> {
            snapshot.set(s);
            messages.say("Every mapping unmapped: the IOMMU domains and the swiotlb pool are empty again", false);
            then.run();
        }));
    }

    /** Asks the kernel for its state again (after a result was discarded unseen). */
    void refresh() {
        kernel.snapshot(s -> ui.execute(() -> snapshot.set(s)));
    }

    /** Must run on the UI thread. */
    void show(SessionSnapshot s) {
        snapshot.set(s);
    }
}
