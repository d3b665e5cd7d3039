package org.dmascope.model.session;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import org.dmascope.model.mapping.IoCost;
import org.dmascope.model.mapping.Mapping;
import org.dmascope.model.mapping.UnmapResult;

/**
 * The window's kernel: one {@link KernelSession} at a time, touched only by tasks on one executor that
 * runs them one after another (the app's engine thread), so its mapping state needs no locks. Each
 * call is queued there and answers through its callback, on that thread; callers hand results to
 * their own thread themselves.
 *
 * <p>Booting a machine (the rules, the groups) usually happens elsewhere, off the UI thread, and the
 * booted session is {@linkplain #install installed}; a call for a machine or platform the current
 * session was not booted for boots one on the spot, so a call is never answered by the wrong kernel.
 */
public final class RunningKernel {
    private final Executor engine;
    /** Only the engine thread reads or writes these. */
    private KernelSession current;
    /** Live mappings the last switch of kernels discarded, until a map call reports them. */
    private int discarded;

    /** @param engine runs one task at a time */
    public RunningKernel(Executor engine) {
        this.engine = Objects.requireNonNull(engine);
    }

    /**
     * What a map call gave.
     *
     * @param discardedByReboot live mappings that kernels of the same machine booted since the last
     *                          map call discarded (another kernel boots with nothing mapped)
     */
    public record Mapped(MapOutcome outcome, int discardedByReboot) {
    }

    /** What an unmap gave: empty when the mapping was no longer live. */
    public record Unmapped(Optional<UnmapResult> result, SessionSnapshot after) {
    }

    /** What a flush freed. */
    public record Flushed(int rangesFreed, SessionSnapshot after) {
    }

    /**
     * Makes {@code s} the running kernel for every later call, unless the running one was booted for
     * the same machine and platform (then its live mappings stay).
     */
    public void install(KernelSession s) {
        Objects.requireNonNull(s);
        engine.execute(() -> {
            if (current == null || !current.isFor(s.boot())) switchTo(s);
        });
    }

    /**
     * Maps {@code call} on the kernel booted from {@code boot}.
     *
     * @param replaces a mapping the new one replaces (a recomputation): unmapped first, if the kernel
     *                 still holds it; null for none
     * @param wanted   asked on the engine thread once the mapping is made: false (a newer call or a
     *                 cancel made it stale) unmaps it again at once, so it never occupies the state
     */
    public void map(Boot boot, MapCall call, Mapping replaces, BooleanSupplier wanted, Consumer<Mapped> done) {
        engine.execute(() -> {
            if (current == null || !current.isFor(boot)) switchTo(KernelSession.boot(boot));
            if (replaces != null) current.unmap(replaces);
            MapOutcome out = current.map(call);
            if (out.hasMapping() && !wanted.getAsBoolean()) {
                current.unmap(out.mapping());
                out = out.withAfter(current.snapshot());
            }
            Mapped result = new Mapped(out, discarded);
            discarded = 0;
            done.accept(result);
        });
    }

    /**
     * The cost per I/O of {@code m}'s buffer and device on each path ({@link KernelSession#costPerIo}), computed
     * on the engine thread by the running kernel; empty when no kernel runs.
     */
    public void costPerIo(Mapping m, Consumer<List<IoCost>> done) {
        engine.execute(() -> done.accept(current == null ? List.of() : current.costPerIo(m)));
    }

    /** Unmaps a live mapping of the running kernel. */
    public void unmap(Mapping m, Consumer<Unmapped> done) {
        engine.execute(() -> {
            if (current == null) {
                done.accept(new Unmapped(Optional.empty(), SessionSnapshot.EMPTY));
                return;
            }
            Optional<UnmapResult> r = current.unmap(m);
            done.accept(new Unmapped(r, current.snapshot()));
        });
    }

    /** The deferred IOTLB flush of a lazy domain. */
    public void flush(String domainId, Consumer<Flushed> done) {
        engine.execute(() -> {
            if (current == null) {
                done.accept(new Flushed(0, SessionSnapshot.EMPTY));
                return;
            }
            int n = current.flush(domainId);
            done.accept(new Flushed(n, current.snapshot()));
        });
    }

    /** Unmaps everything. */
    public void clear(Consumer<SessionSnapshot> done) {
        engine.execute(() -> {
            if (current != null) current.clear();
            done.accept(snapshotNow());
        });
    }

    /** The state as it is once the calls queued before this one have run. */
    public void snapshot(Consumer<SessionSnapshot> done) {
        engine.execute(() -> done.accept(snapshotNow()));
    }

    /** Warms the engine's code up on the running kernel's machine (a scratch state; nothing is mapped). */
    public void warmUp() {
        engine.execute(() -> {
            if (current != null) current.warmUp();
        });
    }

    private SessionSnapshot snapshotNow() {
        return current == null ? SessionSnapshot.EMPTY : current.snapshot();
    }

    /** Another machine forgets what the last one discarded; the same machine adds its live mappings to it. */
    private void switchTo(KernelSession s) {
        KernelSession old = current;
        current = s;
        if (old == null || old.topology() != s.topology()) discarded = 0;
        else discarded += old.liveMappings().size();
    }
}
