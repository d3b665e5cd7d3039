package org.dmascope.views.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;

import org.dmascope.model.io.SampleCatalog;
import org.dmascope.model.kernel.platform.PlatformOverrides;
import org.dmascope.model.kernel.profile.KernelChange;
import org.dmascope.model.kernel.profile.KernelProfile;
import org.dmascope.model.mapping.BufferSpecParser;
import org.dmascope.model.mapping.IommuMode;
import org.dmascope.model.mapping.MapApi;
import org.dmascope.model.session.MapCall;
import org.dmascope.model.session.MapOptions;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.Topology;
import org.junit.jupiter.api.Test;

/** The across-versions table of the window: computed off the caller's thread, the newest request shown. */
class AcrossVersionsModelTest {
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

    private static final Topology SAMPLE = SampleCatalog.load().defaultSample().topology();

    private static MapCall cmb(MapOptions o) {
        return new MapCall(Bdf.parse("0000:06:00.0"), BufferSpecParser.parse("bar:0000:05:00.0:2:64KiB"), o);
    }

    @Test
    void theTableIsComputedOnTheWorkerAndShownOnTheUiThread() {
        Held worker = new Held();
        Held ui = new Held();
        AcrossVersionsModel m = new AcrossVersionsModel(worker, ui);
        m.compute(SAMPLE, PlatformOverrides.NONE, cmb(MapOptions.DEFAULTS.withIommuMode(Optional.of(IommuMode.OFF))));
        assertTrue(m.runningProperty().get());
        assertNull(m.tableProperty().get(), "nothing is computed on the caller's thread");
        worker.runAll();
        assertNull(m.tableProperty().get(), "published on the UI thread only");
        ui.runAll();
        assertFalse(m.runningProperty().get());
        assertEquals(List.of(KernelProfile.V5_4, KernelProfile.V6_16, KernelProfile.V6_18), m.tableProperty().get()
                .rows().stream().map(r -> r.outcome().kernel()).toList());
        assertEquals(List.of(KernelChange.P2P_REFACTOR), m.tableProperty().get().rows().get(1).changes());
        assertTrue(m.subjectProperty().get().startsWith("0000:06:00.0 maps bar:0000:05:00.0:2:64KiB"),
                m.subjectProperty().get());
    }

    @Test
    void anOvertakenRequestIsNeverShown() {
        Held worker = new Held();
        Held ui = new Held();
        AcrossVersionsModel m = new AcrossVersionsModel(worker, ui);
        m.compute(SAMPLE, PlatformOverrides.NONE, cmb(MapOptions.DEFAULTS.withIommuMode(Optional.of(IommuMode.OFF))));
        m.compute(SAMPLE, PlatformOverrides.NONE, cmb(MapOptions.DEFAULTS.withApi(MapApi.IOVA)));
        worker.runAll();
        ui.runAll();
        assertEquals("not in this kernel", m.tableProperty().get().rows().get(0).outcome().verdict(),
                "the second request (two-step IOVA) is the one shown");
        m.clear();
        assertNull(m.tableProperty().get());
    }
}
