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

import org.dmascope.model.kernel.KernelProfile;
import org.dmascope.model.kernel.P2pMapType;
import org.dmascope.model.mapping.IommuMode;
import org.dmascope.model.mapping.Mapping;
import org.dmascope.model.mapping.StepKind;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.Topology;
import org.dmascope.views.testing.Samples;
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
        return new MappingViewModel(topology, Runnable::run, Runnable::run);
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
        assertEquals(mapping.steps(), m.stepsProperty());
        assertSame(mapping.steps().get(0), m.selectedStepProperty().get());
        assertEquals(0, m.selectedSegmentProperty().get(), "the first segment, for the page walk");
        assertFalse(m.runningProperty().get());
        assertEquals(1, m.liveProperty().get().count());
        assertTrue(m.timingProperty().get().computeNanos() > 0);
        assertTrue(m.isAwaitingPaint());
        m.markPainted(System.nanoTime());
        assertTrue(m.timingProperty().get().dropToPaintNanos() >= 0);
        assertEquals(Set(TopologyItem.device(T4)), m.focusProperty().get(), "the first step is about the initiator");
    }

    private static java.util.Set<TopologyItem> Set(TopologyItem... items) {
        return java.util.Set.of(items);
    }

    @Test
    void aDeviceThatCannotTakeTheBufferSaysWhyAndMapsNothing() {
        MappingViewModel m = inline();
        assertFalse(m.drop(cmb(m), Bdf.parse("0000:02:01.0")));
        assertNull(m.mappingProperty().get());
        assertEquals("Cannot map here: a PCIe switch port does not initiate DMA: it only forwards TLPs", m.messageProperty().get().text());
        assertTrue(m.messageProperty().get().problem());
    }

    @Test
    void changingTheKernelRecomputesTheLastDrop() {
        topology.set(Samples.acsRedirect());
        MappingViewModel m = inline();
        m.drop(cmb(m), T4);
        assertEquals(P2pMapType.THRU_HOST_BRIDGE, m.mappingProperty().get().mapType());
        m.optionsProperty().set(m.optionsProperty().get().withProfile(KernelProfile.V5_4));
        assertEquals(P2pMapType.NOT_SUPPORTED, m.mappingProperty().get().mapType());
        assertEquals("NOT_SUPPORTED", m.verdictProperty().get().code());
        assertEquals(0, m.liveProperty().get().count(), "another kernel boots with nothing mapped; the refusal holds nothing");
        assertTrue(m.messageProperty().get().text().startsWith("Another kernel"));
    }

    @Test
    void changingTheIommuModeRecomputesAndReplacesTheMapping() {
        MappingViewModel m = inline();
        m.drop(m.sourcesProperty().get(0), T4);
        Mapping viaIommu = m.mappingProperty().get();
        assertEquals("IOMMU", m.verdictProperty().get().code());
        m.optionsProperty().set(m.optionsProperty().get().withIommuMode(Optional.of(IommuMode.IDENTITY)));
        assertNotSame(viaIommu, m.mappingProperty().get());
        assertEquals("DIRECT", m.verdictProperty().get().code());
        assertEquals(1, m.liveProperty().get().count(), "the recomputed mapping replaced the first");
    }

    @Test
    void mapAgainKeepsTheFirstSoTheSecondLandsNextToIt() {
        MappingViewModel m = inline();
        m.drop(m.sourcesProperty().get(0), T4);
        long first = m.mappingProperty().get().segments().address(0);
        m.mapAgain();
        assertEquals(2, m.liveProperty().get().count());
        assertEquals(first - (64 << 10), m.mappingProperty().get().segments().address(0));
        assertTrue(m.verdictProperty().get().detail().contains("next to 1 earlier live mapping"));
        Mapping second = m.mappingProperty().get();
        m.unmap(second);
        assertEquals(1, m.liveProperty().get().count());
        assertTrue(m.messageProperty().get().text().startsWith("Unmapped #"), m.messageProperty().get().text());
        m.flush("group 4");
        assertTrue(m.messageProperty().get().text().contains("1 queued IOVA range freed"), m.messageProperty().get().text());
        m.clearState();
        assertEquals(0, m.liveProperty().get().count());
    }

    @Test
    void editingTheDroppedChipRecomputes() {
        MappingViewModel m = inline();
        BufferSource ram = m.sourcesProperty().get(0);
        m.drop(ram, T4);
        m.setSettings(ram, BufferSettings.HOST_DEFAULT.withSize(2L << 20));
        assertEquals(2L << 20, m.mappingProperty().get().segments().totalLength());
        assertEquals(1, m.liveProperty().get().count());
        m.setSettings(cmb(m), BufferSettings.P2P_DEFAULT.withSize(4096));
        assertEquals(2L << 20, m.mappingProperty().get().segments().totalLength(), "another chip's settings do not remap");
    }

    @Test
    void theStepPlayerStepsPlaysAndStopsAtTheEnd() {
        MappingViewModel m = inline();
        m.drop(cmb(m), T4);
        int n = m.stepsProperty().size();
        m.nextStep();
        assertEquals(1, m.selectedStepIndexProperty().get());
        m.lastStep();
        m.play();
        assertEquals(0, m.selectedStepIndexProperty().get(), "playing from the end starts over");
        int ticks = 0;
        while (m.advance()) ticks++;
        assertEquals(n - 2, ticks);
        assertEquals(n - 1, m.selectedStepIndexProperty().get());
        assertFalse(m.playingProperty().get());
        m.selectStep(4);
        assertEquals(StepKind.ROUTE, m.selectedStepProperty().get().kind());
        assertTrue(m.routeStepSelected());
        assertEquals(5, m.focusProperty().get().size(), "the route step touches every hop");
        m.selectedStepProperty().set(org.dmascope.model.mapping.Step.of(StepKind.PIN, "", "foreign").build());
        assertEquals(4, m.selectedStepIndexProperty().get(), "a step of another mapping is not accepted");
    }

    @Test
    void aCancelledMappingIsReleasedUnseen() {
        Held engine = new Held();
        MappingViewModel m = new MappingViewModel(topology, engine, Runnable::run);
        engine.runAll();
        m.drop(m.sourcesProperty().get(0), T4);
        assertTrue(m.runningProperty().get());
        assertEquals(T4, m.runningDropProperty().get().initiator());
        m.cancel();
        assertFalse(m.runningProperty().get());
        engine.runAll();
        assertNull(m.mappingProperty().get(), "the late result is not shown");
        assertEquals(0, m.liveProperty().get().count(), "and its resources were given back");
    }

    @Test
    void aNewerDropWinsOverOneStillRunning() {
        Held engine = new Held();
        MappingViewModel m = new MappingViewModel(topology, engine, Runnable::run);
        m.drop(m.sourcesProperty().get(0), T4);
        m.drop(cmb(m), T4);
        engine.runAll();
        assertEquals(P2pMapType.BUS_ADDR, m.mappingProperty().get().mapType());
        assertEquals(1, m.liveProperty().get().count());
    }

    @Test
    void anotherTopologyStartsOver() {
        MappingViewModel m = inline();
        m.drop(cmb(m), T4);
        m.arm();
        topology.set(Samples.legacy());
        assertNull(m.mappingProperty().get());
        assertNull(m.verdictProperty().get());
        assertTrue(m.stepsProperty().isEmpty());
        assertFalse(m.armedProperty().get());
        assertEquals(1, m.sourcesProperty().size(), "the legacy desktop has RAM and no P2P memory");
        assertEquals(m.sourcesProperty().get(0), m.selectedSourceProperty().get());
        m.dispose();
        topology.set(Samples.switchP2p());
        assertEquals(1, m.sourcesProperty().size(), "a disposed model no longer follows");
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
