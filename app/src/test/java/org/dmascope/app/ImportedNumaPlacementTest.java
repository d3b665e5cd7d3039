package org.dmascope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.dmascope.model.io.imports.ImportProgress;
import org.dmascope.model.io.imports.ImportResult;
import org.dmascope.model.io.imports.Importer;
import org.dmascope.model.kernel.platform.PlatformAssumptions;
import org.dmascope.model.testing.Corpus;
import org.dmascope.model.topology.HostBridge;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.SourceRef;
import org.dmascope.model.topology.Topology;
import org.dmascope.views.inspector.InspectorRow;
import org.dmascope.views.inspector.InspectorRows;
import org.dmascope.views.topology.LayoutBox;
import org.dmascope.views.topology.LayoutResult;
import org.dmascope.views.topology.TopologyItem;
import org.dmascope.views.topology.TopologyLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 10, item 2: a verbose dump whose blocks say {@code NUMA node: N} puts each device in node N's frame
 * on the canvas, not in "NUMA node unknown" beside an empty frame. The host bridge takes the node its
 * functions report (the kernel's {@code pcibus_to_node()}), marked as inferred with the line.
 */
class ImportedNumaPlacementTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ni-haswell-ep-e5-2618lv3-wellsburg.verbose.txt", "intel-icelake-sp-cx7-sriov.verbose.txt",
        "x99-i7-5930k.verbose.txt", "supermicro-4028gr-tvrt-8xv100-pex9765.verbose.txt"})
    void everyDeviceWithANumaNodeSitsInItsNodesFrame(String file) {
        ImportResult r = Importer.importFiles(List.of(Corpus.file(file)), ImportProgress.NONE, () -> false);
        Topology t = r.topology().orElseThrow(() -> new AssertionError(r.report().toText()));
        LayoutResult layout = TopologyLayout.compute(t);
        int placed = 0;
        for (PciFunction f : t.functions()) {
            if (f.numaNode().isEmpty()) continue;
            LayoutBox box = layout.box(TopologyItem.device(f.address())).orElse(null);
            if (box == null) continue;
            LayoutBox frame = layout.box(TopologyItem.numa(f.numaNode().getAsInt())).orElseThrow(
                    () -> new AssertionError(file + ": no frame for node " + f.numaNode().getAsInt()));
            assertTrue(frame.bounds().contains(box.bounds()), () -> file + ": " + f.address() + " says NUMA node "
                    + f.numaNode().getAsInt() + " but is drawn outside that node's frame");
            placed++;
        }
        assertTrue(placed > 0, file + ": some device carries a NUMA node line");
        for (HostBridge hb : t.hostBridges()) {
            if (hb.numaNode().isEmpty()) continue;
            SourceRef at = hb.provenance().of("numaNode").orElseThrow();
            assertTrue(at.inferred() && at.toString().startsWith("inferred from the NUMA node of ")
                    && at.toString().contains(file + ":"), at::toString);
        }
        assertEquals(t.hostBridges().stream().filter(hb -> hb.numaNode().isPresent()).count(),
                t.hostBridges().stream().filter(hb -> t.functions().stream().anyMatch(f -> f.numaNode().isPresent()
                        && t.hierarchy().hostBridgeOf(f).equals(Optional.of(hb)))).count(),
                "every host bridge with a function that reports a node is placed");
    }

    @Test
    void theInspectorsMachineViewListsWhatWasInferredAndAssumedWithItsLine() {
        String file = "amd-raphael-desktop-w5700.tree.txt";
        ImportResult r = Importer.importFiles(List.of(Corpus.file(file)), ImportProgress.NONE, () -> false);
        Topology t = r.topology().orElseThrow();
        List<InspectorRow> rows = InspectorRows.inferred(PlatformAssumptions.of(t));
        InspectorRow cpu = rows.stream().filter(x -> x.name().equals("cpu")).findFirst().orElseThrow();
        assertEquals("amd family 0x19", cpu.value());
        assertTrue(cpu.source().startsWith("inferred from the export: ") && cpu.source().contains(file + ":23"),
                cpu::source);
        assertTrue(rows.stream().anyMatch(x -> x.name().equals("iommu") && x.value().equals("amd-vi")));
        assertTrue(rows.stream().anyMatch(x -> x.name().equals("ram") && x.value().endsWith("(assumed)")));

        // The file's own CPU row says it does not know, and what the rules take instead.
        List<InspectorRow> machine = InspectorRows.of(t, file, PlatformAssumptions.of(t));
        InspectorRow vendor = machine.stream().filter(x -> x.category().equals(InspectorRows.CPU)
                && x.name().equals("Vendor")).findFirst().orElseThrow();
        assertEquals("unknown → amd family 0x19 (inferred, see Inferred and assumed)", vendor.value());
        assertTrue(vendor.unknown());
        assertTrue(machine.containsAll(rows), "the inferred rows follow");
    }
}
