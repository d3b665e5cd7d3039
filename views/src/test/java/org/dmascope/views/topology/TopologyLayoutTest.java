package org.dmascope.views.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.dmascope.model.io.SampleCatalog;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.Topology;
import org.dmascope.views.testing.SyntheticMachine;
import org.dmascope.views.topology.LayoutBox.BoxKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TopologyLayoutTest {
    private static final Topology SYNTHETIC = SyntheticMachine.generate();

    static Stream<Arguments> machines() {
        List<Arguments> list = new ArrayList<>();
        for (SampleCatalog.Sample s : SampleCatalog.load().samples()) {
            Topology t = s.topology();
            list.add(Arguments.of(s.fileName(), t, TopologyLayout.expandedByDefault(t)));
            list.add(Arguments.of(s.fileName() + " (VFs expanded)", t, (Predicate<Bdf>) pf -> true));
        }
        list.add(Arguments.of("synthetic", SYNTHETIC, TopologyLayout.expandedByDefault(SYNTHETIC)));
        list.add(Arguments.of("synthetic (VFs expanded)", SYNTHETIC, (Predicate<Bdf>) pf -> true));
        list.add(Arguments.of("synthetic (VFs collapsed)", SYNTHETIC, (Predicate<Bdf>) pf -> false));
        return list.stream();
    }

    @Test
    void theGeneratedMachineHasAboutThreeHundredFunctions() {
        int n = SYNTHETIC.functions().size();
        assertTrue(n >= 280 && n <= 330, "synthetic machine has " + n + " functions");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("machines")
    void noTwoBoxesOverlapUnlessOneHoldsTheOther(String name, Topology t, Predicate<Bdf> expanded) {
        LayoutResult layout = TopologyLayout.compute(t, expanded);
        List<LayoutBox> boxes = layout.boxes();
        for (int i = 0; i < boxes.size(); i++) {
            for (int j = i + 1; j < boxes.size(); j++) {
                if (holds(boxes, i, j) || holds(boxes, j, i)) continue;
                LayoutBox a = boxes.get(i);
                LayoutBox b = boxes.get(j);
                assertFalse(a.bounds().overlaps(b.bounds()), () -> name + ": " + describe(a) + " overlaps "
                        + describe(b));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("machines")
    void everyBoxLiesInsideItsContainerAndTheDrawing(String name, Topology t, Predicate<Bdf> expanded) {
        LayoutResult layout = TopologyLayout.compute(t, expanded);
        for (LayoutBox b : layout.boxes()) {
            assertTrue(layout.bounds().contains(b.bounds()), () -> describe(b) + " outside the drawing "
                    + layout.bounds());
            if (b.container() >= 0) {
                LayoutBox c = layout.boxes().get(b.container());
                assertTrue(c.kind().isFrame() || c.kind() == BoxKind.SWITCH, () -> describe(c) + " is not a frame");
                assertTrue(c.bounds().contains(b.bounds()), () -> name + ": " + describe(b) + " sticks out of "
                        + describe(c));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("machines")
    void everyFunctionIsDrawnOnceOrHiddenUnderItsCollapsedPf(String name, Topology t, Predicate<Bdf> expanded) {
        LayoutResult layout = TopologyLayout.compute(t, expanded);
        Map<Bdf, Integer> drawn = new HashMap<>();
        for (LayoutBox b : layout.boxes()) b.function().ifPresent(f -> drawn.merge(f, 1, Integer::sum));
        for (PciFunction f : t.functions()) {
            Bdf a = f.address();
            if (layout.hiddenVfs().containsKey(a)) {
                assertEquals(f.physicalFunction().get(), layout.hiddenVfs().get(a));
                assertFalse(expanded.test(f.physicalFunction().get()));
                assertFalse(drawn.containsKey(a), a + " is hidden and drawn");
            } else {
                assertEquals(1, drawn.getOrDefault(a, 0), () -> name + ": " + a + " drawn " + drawn.get(a) + " times");
            }
        }
        assertTrue(layout.boxes().stream().noneMatch(b -> b.title().startsWith("Not reachable")),
                "every function of a consistent machine is reached from a host bridge or orphan bus");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("machines")
    void childrenSitBelowTheirParents(String name, Topology t, Predicate<Bdf> expanded) {
        LayoutResult layout = TopologyLayout.compute(t, expanded);
        Navigation nav = layout.navigation();
        for (TopologyItem item : nav.order()) {
            Optional<TopologyItem> parent = nav.parent(item);
            if (parent.isEmpty()) continue;
            Rect c = layout.box(item).orElseThrow().bounds();
            Rect p = layout.box(parent.get()).orElseThrow().bounds();
            if (layout.box(parent.get()).get().kind() == BoxKind.NUMA_GROUP) {
                assertTrue(p.contains(c), () -> item + " outside its NUMA node");
            } else {
                assertTrue(c.y() >= p.maxY(), () -> name + ": " + item + " is not below its parent " + parent.get());
            }
        }
        assertEquals(nav.order().size(), layout.boxes().stream().filter(b -> b.item().isPresent()).count(),
                "every selectable box is reachable by keyboard");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("machines")
    void connectorsAndLabelsDoNotCrossBoxes(String name, Topology t, Predicate<Bdf> expanded) {
        LayoutResult layout = TopologyLayout.compute(t, expanded);
        List<Rect> solid = layout.boxes().stream()
                .filter(b -> !b.kind().isFrame() || b.kind() == BoxKind.VF_GROUP && !b.expanded())
                .map(b -> shrink(b.bounds(), 1)).toList();
        List<Rect> labels = new ArrayList<>();
        for (Connector c : layout.connectors()) {
            for (int i = 0; i + 1 < c.pointCount(); i++) {
                Rect seg = segment(c.x(i), c.y(i), c.x(i + 1), c.y(i + 1));
                for (Rect r : solid) {
                    if (seg.overlaps(r)) fail(name + ": " + c + " crosses the box at " + r);
                }
            }
            c.label().ifPresent(l -> labels.add(l.bounds()));
        }
        for (int i = 0; i < labels.size(); i++) {
            for (Rect r : solid) assertFalse(labels.get(i).overlaps(r), name + ": label at " + labels.get(i)
                    + " covers a box");
            for (int j = i + 1; j < labels.size(); j++) {
                assertFalse(labels.get(i).overlaps(labels.get(j)), name + ": labels overlap at " + labels.get(i));
            }
        }
    }

    @Test
    void theDefaultSwitchIsOneFrameHoldingItsUpstreamAndFourDownstreamPorts() {
        Topology t = SampleCatalog.loadDefault();
        LayoutResult layout = TopologyLayout.compute(t);
        List<LayoutBox> switches = layout.boxes().stream().filter(b -> b.kind() == BoxKind.SWITCH).toList();
        assertEquals(1, switches.size());
        int frame = layout.boxes().indexOf(switches.get(0));
        List<LayoutBox> ports = layout.boxes().stream().filter(b -> b.container() == frame).toList();
        assertEquals(BoxKind.UPSTREAM_PORT, ports.get(0).kind());
        assertEquals(Bdf.parse("0000:01:00.0"), ports.get(0).function().get());
        assertEquals(List.of("0000:02:00.0", "0000:02:01.0", "0000:02:02.0", "0000:02:03.0"),
                ports.stream().skip(1).peek(p -> assertEquals(BoxKind.DOWNSTREAM_PORT, p.kind()))
                        .map(p -> p.function().get().toString()).toList());
        Rect gpu = layout.box(TopologyItem.device(Bdf.parse("03:00.0"))).get().bounds();
        Rect port = ports.get(1).bounds();
        assertEquals(port.centerX(), gpu.centerX(), 0.5, "each device hangs straight below its downstream port");
    }

    @Test
    void linksAreLabelledWithSpeedAndWidth() {
        LayoutResult layout = TopologyLayout.compute(SampleCatalog.loadDefault());
        List<String> labels = layout.connectors().stream().flatMap(c -> c.label().stream()).map(Connector.Label::text)
                .toList();
        assertTrue(labels.contains("16GT/s x16"), labels::toString);
        assertTrue(labels.contains("16GT/s x4"), labels::toString);
        assertTrue(layout.connectors().stream().filter(c -> c.kind() == Connector.Kind.PCIE_LINK)
                .noneMatch(Connector::downgraded));
    }

    @Test
    void aDowngradedLinkIsMarkedWithWhatTheDeviceCouldDo() {
        LayoutResult layout = TopologyLayout.compute(SYNTHETIC);
        List<Connector> down = layout.connectors().stream().filter(Connector::downgraded).toList();
        assertFalse(down.isEmpty());
        assertEquals(List.of("8GT/s x2 ▼", "capable 16GT/s x4"),
                down.stream().flatMap(c -> c.label().stream()).findFirst().orElseThrow().lines());
    }

    @Test
    void conventionalPciHangsBelowItsBridgeOnAPciBus() {
        LayoutResult layout = TopologyLayout.compute(SYNTHETIC);
        assertTrue(layout.connectors().stream().anyMatch(c -> c.kind() == Connector.Kind.PCI_BUS
                && c.label().map(l -> l.text().startsWith("PCI bus")).orElse(false)));
    }

    @Test
    void aFragmentBusIsDrawnApartWithItsUpstreamUnknown() {
        LayoutResult layout = TopologyLayout.compute(SYNTHETIC);
        LayoutBox group = layout.boxes().stream().filter(b -> b.kind() == BoxKind.ORPHAN_GROUP).findFirst()
                .orElseThrow();
        int index = layout.boxes().indexOf(group);
        List<LayoutBox> buses = layout.boxes().stream().filter(b -> b.kind() == BoxKind.ORPHAN_BUS).toList();
        assertEquals(2, buses.size());
        assertTrue(buses.stream().allMatch(b -> b.container() == index && b.title().contains("upstream unknown")));
        LayoutBox nic = layout.box(TopologyItem.device(Bdf.parse("0001:20:00.0"))).orElseThrow();
        assertEquals(index, nic.container());
    }

    @Test
    void aFragmentWithoutHostBridgesAndAnEmptyMachineStillLayOut() {
        Topology fragment = SYNTHETIC.withFunctions(SYNTHETIC.functions().stream()
                .filter(f -> f.address().domain() == 1).toList());
        Topology noHosts = new Topology("fragment", java.util.Optional.empty(), java.util.Optional.empty(),
                fragment.platform(),
                List.of(), List.of(), fragment.functions());
        LayoutResult layout = TopologyLayout.compute(noHosts);
        assertEquals(1, layout.boxes().stream().filter(b -> b.kind() == BoxKind.ORPHAN_GROUP).count());
        assertEquals(3, layout.navigation().order().size());
        Topology empty = new Topology("empty", java.util.Optional.empty(), java.util.Optional.empty(),
                fragment.platform(),
                List.of(), List.of(), List.of());
        LayoutResult none = TopologyLayout.compute(empty);
        assertTrue(none.boxes().isEmpty());
        assertTrue(none.bounds().width() > 0 && none.bounds().height() > 0);
    }

    @Test
    void collapsingAPfHidesItsVfsAndShrinksTheDrawing() {
        LayoutResult open = TopologyLayout.compute(SYNTHETIC, pf -> true);
        LayoutResult closed = TopologyLayout.compute(SYNTHETIC, pf -> false);
        assertEquals(8 * 16, closed.hiddenVfs().size());
        assertTrue(open.hiddenVfs().isEmpty());
        assertTrue(closed.bounds().height() < open.bounds().height() || closed.bounds().width() < open.bounds()
                .width());
        assertFalse(TopologyLayout.expandedByDefault(SYNTHETIC).test(closed.hiddenVfs().values().iterator().next()),
                "16 VFs are more than start expanded");
    }

    @Test
    void aBigMachineWrapsItsHostBridgesInsteadOfGrowingOneEndlessRow() {
        Rect b = TopologyLayout.compute(SYNTHETIC).bounds();
        double aspect = b.width() / b.height();
        assertTrue(aspect > 0.6 && aspect < 3.5, "drawing is " + b.width() + "×" + b.height());
        LayoutResult layout = TopologyLayout.compute(SYNTHETIC);
        Rect first = layout.box(TopologyItem.host("pci0000:00")).orElseThrow().bounds();
        Rect second = layout.box(TopologyItem.host("pci0000:40")).orElseThrow().bounds();
        assertTrue(second.y() > first.maxY(), "the second host bridge of a NUMA node starts a new row");
    }

    @Test
    void keyboardOrderFollowsTheHierarchy() {
        LayoutResult layout = TopologyLayout.compute(SampleCatalog.loadDefault());
        Navigation nav = layout.navigation();
        TopologyItem numa = TopologyItem.numa(0);
        TopologyItem host = TopologyItem.host("pci0000:00");
        TopologyItem rootPort = TopologyItem.device(Bdf.parse("00:01.0"));
        TopologyItem upstream = TopologyItem.device(Bdf.parse("01:00.0"));
        TopologyItem down0 = TopologyItem.device(Bdf.parse("02:00.0"));
        TopologyItem gpu = TopologyItem.device(Bdf.parse("03:00.0"));
        assertEquals(List.of(numa, host), nav.order().subList(0, 2));
        assertEquals(Optional.of(host), nav.parent(TopologyItem.device(Bdf.parse("00:00.0"))));
        assertEquals(Optional.of(rootPort), nav.parent(upstream));
        assertEquals(Optional.of(upstream), nav.parent(down0));
        assertEquals(Optional.of(down0), nav.parent(gpu));
        assertEquals(Optional.of(gpu), nav.firstChild(down0));
        assertEquals(Optional.of(TopologyItem.device(Bdf.parse("04:00.0"))), nav.beside(gpu, 1));
        assertEquals(Optional.of(TopologyItem.device(Bdf.parse("02:01.0"))), nav.beside(down0, 1));
        assertEquals(Optional.of(down0), nav.step(upstream, 1));
        assertEquals(Optional.of(numa), nav.step(nav.order().get(nav.order().size() - 1), 1), "Tab wraps around");
    }

    private static boolean holds(List<LayoutBox> boxes, int outer, int inner) {
        for (int c = boxes.get(inner).container(); c >= 0; c = boxes.get(c).container()) {
            if (c == outer) return true;
        }
        return false;
    }

    private static String describe(LayoutBox b) {
        return b.kind() + b.item().map(i -> " " + i).orElse(" '" + b.title() + "'") + " at " + b.bounds();
    }

    private static Rect shrink(Rect r, double d) {
        return new Rect(r.x() + d, r.y() + d, r.width() - 2 * d, r.height() - 2 * d);
    }

    private static Rect segment(double x0, double y0, double x1, double y1) {
        double e = 0.01;
        return new Rect(Math.min(x0, x1) - e, Math.min(y0, y1) - e, Math.abs(x1 - x0) + 2 * e,
                Math.abs(y1 - y0) + 2 * e);
    }
}
