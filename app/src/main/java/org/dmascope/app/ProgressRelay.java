package org.dmascope.app;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import org.dmascope.model.io.imports.ImportProgress;

/**
 * Carries an import's progress from the importing thread to the UI without flooding it: at most one
 * UI task is queued at a time, and a new one only after {@code interval} has passed since the last;
 * the task publishes the newest step. The first step goes out at once, so even a quick import shows
 * that it started.
 */
final class ProgressRelay implements ImportProgress {
    /** 20 updates a second are smooth for a progress bar and cost the FX thread next to nothing. */
    static final long DEFAULT_INTERVAL_NANOS = 50_000_000L;

    private final Executor ui;
    private final Consumer<Step> publish;
    private final LongSupplier clock;
    private final long interval;
    private final AtomicReference<Step> latest = new AtomicReference<>();
    private final AtomicBoolean queued = new AtomicBoolean();
    private volatile boolean closed;
    private boolean started;
    private long lastQueued;

    ProgressRelay(Executor ui, Consumer<Step> publish) {
        this(ui, publish, System::nanoTime, DEFAULT_INTERVAL_NANOS);
    }

    ProgressRelay(Executor ui, Consumer<Step> publish, LongSupplier clock, long intervalNanos) {
        this.ui = ui;
        this.publish = publish;
        this.clock = clock;
        this.interval = intervalNanos;
    }

    /** Called on the importing thread. */
    @Override
    public void update(Step step) {
        latest.set(step);
        long now = clock.getAsLong();
        if (started && now - lastQueued < interval) return;
        if (!queued.compareAndSet(false, true)) return;
        started = true;
        lastQueued = now;
        ui.execute(() -> {
            queued.set(false);
            if (!closed) publish.accept(latest.get());
        });
    }

    /** No more updates reach the UI (the import ended); called on the UI thread. */
    void close() {
        closed = true;
    }
}
