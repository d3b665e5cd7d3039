package org.dmascope.model.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Executor;

import org.dmascope.model.kernel.platform.PlatformOverrides;
import org.dmascope.model.kernel.profile.KernelProfile;
import org.dmascope.model.mapping.BufferSpecParser;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.Topology;
import org.junit.jupiter.api.Test;

class RunningKernelTest {
    private static final Bdf T4 = Bdf.parse("0000:03:00.0");
    private static final MapCall RAM = new MapCall(T4, BufferSpecParser.parse("host:node0:64KiB:scattered"),
            MapOptions.DEFAULTS);
    private final Topology machine = KernelSessionTest.sample("switch-p2p-server.json");

    /** Runs tasks only when told, like a busy engine thread. */
    private static final class Held implements Executor {
        final Deque<Runnable> tasks = new ArrayDeque<>();

        @Override
        public void execute(Runnable r) {
            tasks.add(r);
        }

        void runAll() {
            while (!tasks.isEmpty()) tasks.poll().run();
        }
    }

    @Test
    void callsRunInOrderOnTheEngineAndUseTheInstalledKernel() {
        Held engine = new Held();
        RunningKernel k = new RunningKernel(engine);
        KernelSession booted = KernelSession.boot(machine, PlatformOverrides.NONE);
        k.install(booted);
        List<RunningKernel.Mapped> results = new ArrayList<>();
        k.map(new Boot(machine, PlatformOverrides.NONE), RAM, null, () -> true, results::add);
        k.map(new Boot(machine, PlatformOverrides.NONE), RAM, null, () -> true, results::add);
        assertTrue(results.isEmpty(), "nothing runs before the engine does");
        engine.runAll();
        assertEquals(2, results.size());
        assertEquals(2, booted.snapshot().liveCount(), "both mappings live in the installed kernel");
        assertEquals(results.get(0).outcome().mapping().segments().address(0) - (64 << 10),
                results.get(1).outcome().mapping().segments().address(0));
    }

    @Test
    void aStaleResultIsUnmappedBeforeAnyoneSeesIt() {
        RunningKernel k = new RunningKernel(Runnable::run);
        List<RunningKernel.Mapped> results = new ArrayList<>();
        k.map(new Boot(machine, PlatformOverrides.NONE), RAM, null, () -> false, results::add);
        MapOutcome out = results.get(0).outcome();
        assertTrue(out.hasMapping());
        assertEquals(0, out.after().liveCount(), "released at once");
        List<SessionSnapshot> now = new ArrayList<>();
        k.snapshot(now::add);
        assertTrue(now.get(0).domains().get(0).allocated().isEmpty() || !now.get(0).domains().get(0).flushQueue()
                .isEmpty(),
                "its IOVA is free or waits in the flush queue");
    }

    @Test
    void anotherKernelBootsWithNothingMappedAndSaysWhatWasDiscarded() {
        RunningKernel k = new RunningKernel(Runnable::run);
        List<RunningKernel.Mapped> results = new ArrayList<>();
        k.map(new Boot(machine, PlatformOverrides.NONE), RAM, null, () -> true, results::add);
        k.map(new Boot(machine, PlatformOverrides.NONE), RAM, null, () -> true, results::add);
        PlatformOverrides old = PlatformOverrides.NONE.withProfile(KernelProfile.V5_15);
        k.map(new Boot(machine, old), RAM, null, () -> true, results::add);
        assertEquals(0, results.get(1).discardedByReboot());
        assertEquals(2, results.get(2).discardedByReboot());
        assertEquals(1, results.get(2).outcome().after().liveCount());
        assertEquals(KernelProfile.V5_15, results.get(2).outcome().mapping().request().profile());
    }

    @Test
    void installingAnEquivalentKernelKeepsTheOneRunning() {
        RunningKernel k = new RunningKernel(Runnable::run);
        List<RunningKernel.Mapped> results = new ArrayList<>();
        k.map(new Boot(machine, PlatformOverrides.NONE), RAM, null, () -> true, results::add);
        k.install(KernelSession.boot(machine, PlatformOverrides.NONE));
        List<SessionSnapshot> now = new ArrayList<>();
        k.snapshot(now::add);
        assertEquals(1, now.get(0).liveCount(), "the same machine and platform: the mapping stays live");
        k.map(new Boot(machine, PlatformOverrides.NONE), RAM, null, () -> true, results::add);
        assertEquals(0, results.get(1).discardedByReboot());
        assertSame(results.get(0).outcome().mapping(), results.get(1).outcome().after().liveMappings().get(0));
        List<RunningKernel.Unmapped> gone = new ArrayList<>();
        k.unmap(results.get(0).outcome().mapping(), gone::add);
        assertTrue(gone.get(0).result().isPresent());
        k.unmap(results.get(0).outcome().mapping(), gone::add);
        assertFalse(gone.get(1).result().isPresent());
    }
}
