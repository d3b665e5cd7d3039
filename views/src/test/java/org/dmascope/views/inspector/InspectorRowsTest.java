package org.dmascope.views.inspector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import org.dmascope.model.io.SampleCatalog;
import org.dmascope.model.topology.Bar;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.PciId;
import org.dmascope.model.topology.PciIdentity;
import org.dmascope.model.topology.Provenance;
import org.dmascope.model.topology.SourceRef;
import org.dmascope.model.topology.Topology;
import org.junit.jupiter.api.Test;

class InspectorRowsTest {
    private static final Topology T = SampleCatalog.loadDefault();
    private static final String FILE = "switch-p2p-server.json";

    private static List<InspectorRow> rows(String address) {
        return InspectorRows.of(T, T.function(Bdf.parse(address)).orElseThrow(), FILE);
    }

    private static Optional<InspectorRow> row(List<InspectorRow> rows, String category, String name) {
        return rows.stream().filter(r -> r.category().equals(category) && r.name().equals(name)).findFirst();
    }

    private static String value(List<InspectorRow> rows, String category, String name) {
        return row(rows, category, name).orElseThrow(() -> new AssertionError(category + "/" + name + " missing"))
                .value();
    }

    @Test
    void acsRegistersAreShownRawAndDecodedAsLspciDoes() {
        List<InspectorRow> r = rows("0000:02:00.0");
        assertEquals("0x0011 (SV|UF)", value(r, InspectorRows.ACS, "Control"));
        assertEquals("SrcValid+ TransBlk- ReqRedir- CmpltRedir- UpstreamFwd+ EgressCtrl- DirectTrans-",
                value(r, InspectorRows.ACS, "Control bits"));
        assertEquals("SrcValid+ TransBlk+ ReqRedir+ CmpltRedir+ UpstreamFwd+ EgressCtrl- DirectTrans+",
                value(r, InspectorRows.ACS, "Capability bits"));
        assertEquals("absent (no ACS capability)", value(rows("03:00.0"), InspectorRows.ACS, "ACS"));
    }

    @Test
    void barsShowAddressSizeWidthAndPrefetchability() {
        List<InspectorRow> r = rows("03:00.0");
        assertEquals("0xc0000000, 16MiB, 32-bit memory, non-prefetchable", value(r, InspectorRows.BARS, "BAR 0"));
        assertTrue(value(r, InspectorRows.BARS,
                "BAR 1").startsWith("0x3800000000, 256MiB, 64-bit memory, prefetchable"));
    }

    @Test
    void aResizableBarShowsTheSizesItsCapabilitySupports() {
        PciFunction gpu = T.function(Bdf.parse("03:00.0")).orElseThrow();
        List<Bar> bars = new ArrayList<>(gpu.bars());
        bars.set(1, bars.get(1).withResizableSizes(List.of(256L << 20, 512L << 20, 1L << 30, 8L << 30)));
        PciFunction resized = gpu.toBuilder().bars(bars).build();
        assertEquals("0x3800000000, 256MiB, 64-bit memory, prefetchable, resizable 256MiB–8GiB",
                value(InspectorRows.of(T, resized, FILE), InspectorRows.BARS, "BAR 1"));
    }

    @Test
    void unknownDmaParametersNameTheKernelDefault() {
        List<InspectorRow> gpu = rows("03:00.0");
        assertEquals("47 bits: DMA_BIT_MASK(47) = 0x7fffffffffff", value(gpu, InspectorRows.DMA, "DMA mask"));
        InspectorRow align = row(gpu, InspectorRows.DMA, "Min align mask").orElseThrow();
        assertTrue(align.unknown());
        assertEquals("unknown → kernel default 0 (no alignment kept)", align.value());
        InspectorRow mask = row(rows("02:00.0"), InspectorRows.DMA, "Max segment size").orElseThrow();
        assertEquals("unknown → kernel default 65536", mask.value());
    }

    @Test
    void p2pMemoryAndLinksAreSpelledOut() {
        List<InspectorRow> nvme = rows("05:00.0");
        assertEquals("BAR 2 + 0x0, 256MiB, published (pci_p2pmem_publish)", value(nvme, InspectorRows.P2P,
                "Provider 0"));
        assertEquals("8GT/s x4 (3.94 GB/s per direction)", value(nvme, InspectorRows.LINK, "Status"));
        assertEquals("0000:02:02.0", value(nvme, InspectorRows.PLACEMENT, "Upstream bridge"));
        assertEquals("05:00.0 → 02:02.0 → 01:00.0 → 00:01.0",
                value(nvme, InspectorRows.PLACEMENT, "Path to the root"));
    }

    @Test
    void everyRowNamesItsSourceAndUnknownsSayUnknown() {
        for (PciFunction f : T.functions()) {
            for (InspectorRow r : InspectorRows.of(T, f, FILE)) {
                assertTrue(r.source().equals(FILE) || r.source().equals(InspectorRows.DERIVED), r::toString);
                assertEquals(r.unknown(), r.value().startsWith(InspectorRows.UNKNOWN), r::toString);
            }
        }
        assertTrue(row(rows("03:00.0"), InspectorRows.PLACEMENT, "IOMMU group (reported)").orElseThrow().unknown());
    }

    @Test
    void aFieldsOwnProvenanceWinsOverTheFile() {
        PciFunction gpu = T.function(Bdf.parse("03:00.0")).orElseThrow().toBuilder()
                .provenance(new Provenance(Map.of("acs", new SourceRef("lspci-vvv.txt", 212)))).build();
        List<InspectorRow> r = InspectorRows.of(T, gpu, FILE);
        InspectorRow acs = row(r, InspectorRows.ACS, "ACS").orElseThrow();
        assertEquals("lspci-vvv.txt:212", acs.source());
        assertTrue(acs.exact());
        assertFalse(row(r, InspectorRows.LINK, "Status").orElseThrow().exact());
    }

    @Test
    void hostBridgesNumaNodesAndTheMachineHaveRowsToo() {
        List<InspectorRow> hb = InspectorRows.of(T, T.hostBridges().get(0), FILE);
        assertEquals("mem CPU 0xc0000000-0xfbffffff (960MiB), bus address = CPU address", value(hb,
                InspectorRows.WINDOWS, "Window 1"));
        List<InspectorRow> numa = InspectorRows.of(T, T.numaNodes().get(0), FILE);
        assertEquals("64 GiB", value(numa, InspectorRows.NUMA, "Total RAM"));
        List<InspectorRow> machine = InspectorRows.of(T, FILE);
        assertEquals("vtd", value(machine, InspectorRows.IOMMU, "Driver"));
        assertEquals("lazy (flush queue)", value(machine, InspectorRows.IOMMU, "Invalidation"));
    }

    @Test
    void identityRowsSayWhichPartPciIdsGaveAndListTheCandidates() {
        // A name-only dump (skx.txt line 3) whose vendor ID pci.ids gave; its device name is ambiguous there.
        PciIdentity id = new PciIdentity(OptionalInt.of(0x8086), OptionalInt.empty(), OptionalInt.empty(),
                OptionalInt.empty(), OptionalInt.of(0x088000), OptionalInt.empty(), Optional.of("Intel Corporation"),
                Optional.of("Sky Lake-E CHA Registers"), Optional.empty(), Optional.of("System peripheral"),
                List.of(PciId.of(0x8086, 0x2054), PciId.of(0x8086, 0x2055)));
        Provenance p = new Provenance(Map.of("identity", new SourceRef("skx.txt", 3),
                "vendor", new SourceRef("pci.ids (2023-04-10)", 26448),
                "className", new SourceRef("pci.ids (2023-04-10)", 0)));
        PciFunction f = T.function(Bdf.parse("0000:03:00.0")).orElseThrow().toBuilder().identity(id).provenance(p)
                .build();
        Topology t = new Topology(T.name(), T.description(), T.source(), T.platform(), T.numaNodes(),
                T.hostBridges(), T.functions().stream().map(g -> g.address().equals(f.address()) ? f : g).toList());
        List<InspectorRow> r = InspectorRows.of(t, f, FILE);
        InspectorRow vendor = row(r, InspectorRows.IDENTITY, "Vendor").orElseThrow();
        assertEquals("8086 Intel Corporation", vendor.value());
        assertEquals("ID pci.ids (2023-04-10):26448 · name skx.txt:3", vendor.source());
        InspectorRow device = row(r, InspectorRows.IDENTITY, "Device").orElseThrow();
        assertEquals("Sky Lake-E CHA Registers", device.value());
        assertEquals("skx.txt:3", device.source(), "the name is the dump's; there is no ID");
        assertEquals("8086:2054, 8086:2055 (pci.ids gives the name to each; the ID is not guessed)",
                value(r, InspectorRows.IDENTITY, "ID candidates"));
        assertEquals("ID skx.txt:3 · name pci.ids (2023-04-10)", row(r, InspectorRows.IDENTITY, "Class")
                .orElseThrow().source());
    }
}
