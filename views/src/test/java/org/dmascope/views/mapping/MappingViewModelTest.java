package org.dmascope.views.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.Executor;

import javafx.beans.property.SimpleObjectProperty;

import org.dmascope.model.kernel.p2p.P2pMapType;
import org.dmascope.model.kernel.profile.KernelProfile;
import org.dmascope.model.mapping.IommuMode;
import org.dmascope.model.mapping.Mapping;
import org.dmascope.model.mapping.StepKind;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.Topology;
import org.dmascope.views.testing.Samples;
import org.dmascope.views.testing.TestKernel;
import org.dmascope.views.topology.TopologyItem;
import org.junit.jupiter.api.Test;

/** The drag-a-buffer feature without a Stage: executors run the engine inline or on demand. */
class MappingViewModelTest {
    private static final Bdf T4 = Bdf.parse("0000:03:00.0");
    private final SimpleObjectProperty<Topology> topology = new SimpleObjectProperty<>(Samples.switchP2p());

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

    private MappingViewModel inline() {
        return on(Runnable::run);
    }

    private MappingViewModel on(Executor engine) {
        TestKernel k = new TestKernel(topology, engine);
        return new MappingViewModel(topology, k.rules(), k.editor(), k.kernel(), Runnable::run);
    }

    private static BufferSource cmb(MappingViewModel m) {
        return m.sourcesProperty().get(1);
    }

    @Test
    void aDropPublishesMappingVerdictRouteAndSteps() {
        MappingViewModel m = inline();
        assertTrue(m.drop(cmb(m), T4));
        Mapping mapping = m.mappingProperty().get();
        assertEquals(P2pMapType.BUS_ADDR, mapping.mapType());
        assertEquals("BUS_ADDR", m.verdictProperty().get().code());
        assertEquals(5, m.routeProperty().get().stops().size());
        assertEquals(mapping.steps(), m.player().stepsProperty());
        assertSame(mapping.steps().get(0), m.player().selectedStepProperty().get());
        assertEquals(0, m.player().selectedSegmentProperty().get(), "the first segment, for the page walk");
        assertFalse(m.runningProperty().get());
        assertEquals(1, m.live().snapshotProperty().get().liveCount());
        assertTrue(m.timingProperty().get().computeNanos() > 0);
        assertTrue(m.isAwaitingPaint());
        m.markPainted(System.nanoTime());
        assertTrue(m.timingProperty().get().dropToPaintNanos() >= 0);
        assertEquals(Set(TopologyItem.device(T4)), m.player().focusProperty().get(),
                "the first step is about the initiator");
    }

    private static java.util.Set<TopologyItem> Set(TopologyItem... items) {
        return java.util.Set.of(items);
    }

    @Test
    void aDeviceThatCannotTakeTheBufferSaysWhyAndMapsNothing() {
        MappingViewModel m = inline();
        assertFalse(m.drop(cmb(m), Bdf.parse("0000:02:01.0")));
        assertNull(m.mappingProperty().get());
        assertEquals("Cannot map here: a PCIe switch port does not initiate DMA: it only forwards TLPs",
                m.messageProperty().get().text());
        assertTrue(m.messageProperty().get().problem());
    }

    @Test
    void changingTheKernelRecomputesTheLastDrop() {
        topology.set(Samples.acsRedirect());
        MappingViewModel m = inline();
        m.drop(cmb(m), T4);
        assertEquals(P2pMapType.THRU_HOST_BRIDGE, m.mappingProperty().get().mapType());
        m.options().chooseKernel(KernelProfile.V5_4);
        assertEquals(P2pMapType.NOT_SUPPORTED, m.mappingProperty().get().mapType());
        assertEquals("NOT_SUPPORTED", m.verdictProperty().get().code());
        assertEquals(0, m.live().snapshotProperty().get().liveCount(),
                "another kernel boots with nothing mapped; the refusal holds nothing");
        assertTrue(m.messageProperty().get().text().startsWith("Another kernel"));
    }

    @Test
    void changingTheIommuModeRecomputesAndReplacesTheMapping() {
        MappingViewModel m = inline();
        m.drop(m.sourcesProperty().get(0), T4);
        Mapping viaIommu = m.mappingProperty().get();
        assertEquals("IOMMU", m.verdictProperty().get().code());
        m.options().optionsProperty().set(m.options().optionsProperty().get()
                .withIommuMode(Optional.of(IommuMode.IDENTITY)));
        assertNotSame(viaIommu, m.mappingProperty().get());
        assertEquals("DIRECT", m.verdictProperty().get().code());
        assertEquals(1, m.live().snapshotProperty().get().liveCount(), "the recomputed mapping replaced the first");
    }

    @Test
    void mapAgainKeepsTheFirstSoTheSecondLandsNextToIt() {
        MappingViewModel m = inline();
        m.drop(m.sourcesProperty().get(0), T4);
        long first = m.mappingProperty().get().segments().address(0);
        m.mapAgain();
        assertEquals(2, m.live().snapshotProperty().get().liveCount());
        assertEquals(first - (64 << 10), m.mappingProperty().get().segments().address(0));
        assertTrue(m.verdictProperty().get().detail().contains("next to 1 earlier live mapping"));
        Mapping second = m.mappingProperty().get();
        m.live().unmap(second);
        assertEquals(1, m.live().snapshotProperty().get().liveCount());
        assertTrue(m.messageProperty().get().text().startsWith("Unmapped #"), m.messageProperty().get().text());
        m.live().flush("group 4");
        assertTrue(m.messageProperty().get().text().contains("1 queued IOVA range freed"), m.messageProperty().get()
                .text());
        m.live().clear();
        assertEquals(0, m.live().snapshotProperty().get().liveCount());
    }

    @Test
    void editingTheDroppedChipRecomputes() {
        MappingViewModel m = inline();
        BufferSource ram = m.sourcesProperty().get(0);
        m.drop(ram, T4);
        m.setSettings(ram, BufferSettings.HOST_DEFAULT.withSize(2L << 20));
        assertEquals(2L << 20, m.mappingProperty().get().segments().totalLength());
        assertEquals(1, m.live().snapshotProperty().get().liveCount());
        m.setSettings(cmb(m), BufferSettings.P2P_DEFAULT.withSize(4096));
        assertEquals(2L << 20, m.mappingProperty().get().segments().totalLength(),
                "another chip's settings do not remap");
    }

    @Test
    void theStepPlayerStepsPlaysAndStopsAtTheEnd() {
        MappingViewModel m = inline();
        m.drop(cmb(m), T4);
        int n = m.player().stepsProperty().size();
        m.player().nextStep();
        assertEquals(1, m.player().selectedStepIndexProperty().get());
        m.player().lastStep();
        m.player().play();
        assertEquals(0, m.player().selectedStepIndexProperty().get(), "playing from the end starts over");
        int ticks = 0;
        while (m.player().advance()) ticks++;
        assertEquals(n - 2, ticks);
        assertEquals(n - 1, m.player().selectedStepIndexProperty().get());
        assertFalse(m.player().playingProperty().get());
        m.player().selectStep(4);
        assertEquals(StepKind.ROUTE, m.player().selectedStepProperty().get().kind());
        assertTrue(m.player().routeStepSelected());
        assertEquals(5, m.player().focusProperty().get().size(), "the route step touches every hop");
        m.player().selectedStepProperty().set(org.dmascope.model.mapping.Step.of(StepKind.PIN, "", "foreign").build());
        assertEquals(4, m.player().selectedStepIndexProperty().get(), "a step of another mapping is not accepted");
    }

    @Test
    void aCancelledMappingIsReleasedUnseen() {
        Held engine = new Held();
        MappingViewModel m = on(engine);
        engine.runAll();
        m.drop(m.sourcesProperty().get(0), T4);
        assertTrue(m.runningProperty().get());
        assertEquals(T4, m.runningDropProperty().get().initiator());
        m.cancel();
        assertFalse(m.runningProperty().get());
        engine.runAll();
        assertNull(m.mappingProperty().get(), "the late result is not shown");
        assertEquals(0, m.live().snapshotProperty().get().liveCount(), "and its resources were given back");
    }

    @Test
    void aNewerDropWinsOverOneStillRunning() {
        Held engine = new Held();
        MappingViewModel m = on(engine);
        m.drop(m.sourcesProperty().get(0), T4);
        m.drop(cmb(m), T4);
        engine.runAll();
        assertEquals(P2pMapType.BUS_ADDR, m.mappingProperty().get().mapType());
        assertEquals(1, m.live().snapshotProperty().get().liveCount());
    }

    @Test
    void anotherTopologyStartsOver() {
        MappingViewModel m = inline();
        m.drop(cmb(m), T4);
        m.arm();
        topology.set(Samples.legacy());
        assertNull(m.mappingProperty().get());
        assertNull(m.verdictProperty().get());
        assertTrue(m.player().stepsProperty().isEmpty());
        assertFalse(m.armedProperty().get());
        assertEquals(2, m.sourcesProperty().size(), "the legacy desktop has RAM, no P2P memory, and a GPU BAR");
        assertTrue(m.sourcesProperty().get(1) instanceof BufferSource.DmaBufBar);
        assertEquals(m.sourcesProperty().get(0), m.selectedSourceProperty().get());
        m.dispose();
        topology.set(Samples.switchP2p());
        assertEquals(2, m.sourcesProperty().size(), "a disposed model no longer follows");
    }

    @Test
    void theKeyboardPathArmsTheSelectedChipAndMapsIt() {
        MappingViewModel m = inline();
        m.selectedSourceProperty().set(cmb(m));
        m.arm();
        assertTrue(m.armedProperty().get());
        assertTrue(m.mapSelected(Bdf.parse("0000:06:00.0")));
        assertFalse(m.armedProperty().get());
        assertNotNull(m.mappingProperty().get());
        assertEquals(Bdf.parse("0000:06:00.0"), m.mappingProperty().get().request().initiator());
    }
}
