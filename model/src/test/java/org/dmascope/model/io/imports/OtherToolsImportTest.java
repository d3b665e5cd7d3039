package org.dmascope.model.io.imports;

import static org.dmascope.model.io.imports.ImportTesting.loaded;
import static org.dmascope.model.io.imports.ImportTesting.texts;
import static org.dmascope.model.io.imports.ImportTesting.warningsAbout;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.dmascope.model.kernel.TopologyRules;
import org.dmascope.model.kernel.matrix.P2pMatrix;
import org.dmascope.model.kernel.matrix.ReportedLabel;
import org.dmascope.model.kernel.matrix.ReportedLabel.Agreement;
import org.dmascope.model.testing.Corpus;
import org.dmascope.model.testing.CraftedMachines;
import org.dmascope.model.testing.NcclMachine;
import org.dmascope.model.testing.NvidiaSmiSamples;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.Topology;
import org.dmascope.model.topology.ToolReport;
import org.dmascope.model.topology.ToolReport.Match;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * Another tool's output imported next to an lspci listing of the same machine: its devices are tied to
 * functions (by bus id, or in bus order and said so), its labels land on the matrix cells beside
 * dmascope's, and what disagrees says why. The listings are the machines the corpus files describe
 * ({@link NcclMachine}, {@link CraftedMachines}), or such a machine changed on purpose.
 */
class OtherToolsImportTest {
    private static final String SIMAI = "simai-8xa100-4cx6-icelake.nccl-xml.txt";
    private static final String RCCL = "rccl-8x-mi100-rome-xgmi.nccl-xml.txt";
    private static final String K80S = "supermicro-7048gr-tr-3xk80.nvsmi-topo.txt";

    private static String corpusText(String name) throws IOException {
        return Files.readString(Corpus.file(name));
    }

    /** Every reported label of the matrix, with the cell it is on. */
    private record Labelled(Bdf provider, Bdf client, ReportedLabel label) {
    }

    private static List<Labelled> labels(Topology t) {
        P2pMatrix m = TopologyRules.of(t).matrix();
        List<Labelled> out = new ArrayList<>();
        for (int r = 0; r < m.size(); r++) {
            for (int c = 0; c < m.size(); c++) {
                for (ReportedLabel l : m.reported(r, c)) out.add(new Labelled(m.endpoints().get(r),
                        m.endpoints().get(c), l));
            }
        }
        return out;
    }

    private static Map<Agreement, Integer> tally(List<Labelled> labels) {
        Map<Agreement, Integer> n = new EnumMap<>(Agreement.class);
        for (Labelled l : labels) n.merge(l.label().agreement(), 1, Integer::sum);
        return n;
    }

    private static ReportedLabel at(List<Labelled> labels, String provider, String client) {
        return labels.stream().filter(l -> l.provider().equals(Bdf.parse(provider))
                && l.client().equals(Bdf.parse(client))).findFirst().orElseThrow().label();
    }

    @Test
    void ncclsOwnPathsAgreeWithDmascopesOnEveryPciePairOfTheMachineItDescribes() throws IOException {
        String xml = corpusText(SIMAI);
        ImportResult r = texts("simai.verbose.txt", NcclMachine.lspci(xml, "8086:09a2", "8086:347a"), SIMAI, xml);
        Topology t = loaded(r);
        assertEquals(List.of(), r.report().warnings(), r.report().toText());
        assertTrue(t.reports().get(0).devices().stream().allMatch(d -> d.match() == Match.BUS_ID));
        List<Labelled> labels = labels(t);
        assertEquals(13 * 12, labels.size(), "each ordered pair of the 8 GPUs and 5 NICs has NCCL's label");
        assertEquals(Map.of(Agreement.BEYOND_PCIE, 8 * 7, Agreement.AGREES, 13 * 12 - 8 * 7), tally(labels),
                "NVLink between GPUs is beyond PCIe; every PCIe path type is dmascope's");
        ReportedLabel nvlink = at(labels, "0000:13:00.0", "0000:19:00.0");
        assertEquals("NVL", nvlink.label());
        assertEquals("PXB", nvlink.derived());
        assertTrue(nvlink.why().startsWith("NCCL reaches it over NVLink (GPU0 → NVSwitch → GPU1), which lspci "
                + "cannot show; over PCIe dmascope derives PXB"), nvlink.why());
        assertEquals("PXB", at(labels, "0000:13:00.0", "0000:1a:00.0").derived(),
                "across the flattened Broadcom switch, as NCCL counts it");
    }

    @Test
    void rcclsXgmiAndNvbPairsAreBeyondPcieTheRestAgrees() throws IOException {
        String xml = corpusText(RCCL);
        Topology t = loaded(texts("rome.verbose.txt", NcclMachine.lspci(xml, "1022:1480", "1022:1483"), RCCL, xml));
        List<Labelled> labels = labels(t);
        assertEquals(9 * 8, labels.size());
        assertTrue(labels.stream().noneMatch(l -> l.label().agreement() == Agreement.DISAGREES), labels::toString);
        assertEquals("XGMI", at(labels, "0000:43:00.0", "0000:03:00.0").label());
        assertEquals("NVB", at(labels, "0000:03:00.0", "0000:26:00.0").label());
        assertEquals(Agreement.AGREES, at(labels, "0000:c3:00.0", "0000:e1:00.0").agreement());
    }

    @Test
    void aNicMovedToItsOwnRootPortMakesNcclsPxbADisagreementWithReasons() throws IOException {
        String xml = corpusText(SIMAI);
        String moved = NcclMachine.lspci(xml, "8086:09a2", "8086:347a", d -> {
            Element nic = NcclMachine.pci(d, "0000:1a:00.0");
            nic.getParentNode().removeChild(nic);
            d.getElementsByTagName("cpu").item(0).appendChild(nic);
        });
        Topology t = loaded(texts("simai.verbose.txt", moved, SIMAI, xml));
        List<Labelled> labels = labels(t);
        ReportedLabel l = at(labels, "0000:19:00.0", "0000:1a:00.0");
        assertEquals(Agreement.DISAGREES, l.agreement());
        assertEquals("PXB", l.label());
        assertEquals("PHB", l.derived());
        assertEquals(SIMAI + ":26", l.at().toString());
        assertTrue(l.why().startsWith("NCCL's own tree gives PXB (GPU1 → switch 0000:17:00.0 → switch "
                + "0000:0c:00.0 → mlx5_bond_1); from the exports dmascope derives PHB: the path goes through the CPU"),
                l.why());
        assertTrue(l.why().contains("The exports show nothing joining them that closely: are the files of the "
                + "same machine?"), l.why());
        assertEquals(Agreement.AGREES, at(labels, "0000:06:00.0", "0000:1a:00.0").agreement(),
                "both NICs now hang off the CPU: PHB either way");
    }

    @Test
    void ncclAloneKnowsNoPathAboveItsDevicesAndSaysSo() {
        Topology t = loaded(ImportTesting.corpus(SIMAI));
        ReportedLabel l = at(labels(t), "0000:13:00.0", "0000:1a:00.0");
        assertEquals(Agreement.DISAGREES, l.agreement());
        assertTrue(l.why().contains("dmascope does not know the path above 0000:13:00.0 and 0000:1a:00.0: no "
                + "export shows the bridge leading to their buses"), l.why());
    }

    @Test
    void nvidiaSmiGpusAreTiedInBusOrderAndAgreeWithTheMachineTheyDescribe() throws IOException {
        ImportResult r = texts("k80s.verbose.txt", CraftedMachines.supermicro7048(false), K80S, corpusText(K80S));
        Topology t = loaded(r);
        assertEquals(List.of(), r.report().warnings(), r.report().toText());
        ToolReport report = t.reports().get(0);
        assertEquals(List.of("0000:04:00.0", "0000:05:00.0", "0000:84:00.0", "0000:85:00.0", "0000:88:00.0",
                "0000:89:00.0"), report.devices().stream().map(d -> d.address().orElseThrow().toString()).toList());
        assertTrue(report.devices().stream().allMatch(d -> d.match() == Match.BUS_ORDER));
        assertTrue(report.notes().get(0).startsWith("GPU0…GPU5 are tied to the NVIDIA display/3D functions in bus "
                + "order (0000:04:00.0, "), report.notes().toString());
        assertTrue(report.notes().get(0).contains("CUDA_DEVICE_ORDER=PCI_BUS_ID"), report.notes().toString());
        List<Labelled> labels = labels(t);
        assertEquals(30, labels.size());
        assertEquals(Map.of(Agreement.AGREES, 30), tally(labels), labels.toString());
        ReportedLabel soc = at(labels, "0000:04:00.0", "0000:84:00.0");
        assertEquals("SOC", soc.label());
        assertEquals("SYS", soc.derived());
        assertTrue(soc.why().startsWith("nvidia-smi says SOC (its old name for SYS) and dmascope derives the same"),
                soc.why());
    }

    @Test
    void gpusWithoutTheSwitchNvidiaSmiSawDisagreeAndTheAssumedOrderIsNamed() throws IOException {
        Topology t = loaded(texts("k80s.verbose.txt", CraftedMachines.supermicro7048(true), K80S, corpusText(K80S)));
        List<Labelled> labels = labels(t);
        ReportedLabel l = at(labels, "0000:04:00.0", "0000:05:00.0");
        assertEquals(Agreement.DISAGREES, l.agreement());
        assertEquals("PIX", l.label());
        assertEquals("PHB", l.derived());
        assertEquals("nvidia-smi says PIX (connection traversing at most a single PCIe bridge); dmascope derives "
                + "PHB: the devices only meet in their host bridge. The exports show nothing joining them that "
                + "closely: are the files of the same machine? Is a switch missing from the export (a virtual "
                + "machine shows its guest a flattened tree; an abridged listing leaves ports out)? (GPU0 and GPU1 "
                + "were tied to functions in bus order, an assumption: another order would pair other functions.)",
                l.why());
        assertEquals(28, tally(labels).get(Agreement.AGREES), "the other boards still agree");
    }

    @Test
    void gpusAreNotTiedWhenTheCountsDiffer() throws IOException {
        String amd = "amd-wrx80-tr3975wx-2x5090.nvsmi-topo.txt";
        ImportResult r = texts("k80s.verbose.txt", CraftedMachines.supermicro7048(false), amd, corpusText(amd));
        Topology t = loaded(r);
        assertTrue(t.reports().get(0).devices().stream().allMatch(d -> d.address().isEmpty()));
        assertEquals(1, warningsAbout(r, "nvidia-smi topo -m names 2 GPUs (GPU0…GPU1); the exports list 6 NVIDIA "
                + "display/3D functions: they are not tied to functions").size(), r.report().toText());
        assertTrue(labels(t).isEmpty());
    }

    @Test
    void aGpuOnAnotherNumaNodeThanItsFunctionPutsTheOrderInDoubt() throws IOException {
        String pahi = "pahi-ryzen-2gpu-markdown.nvsmi-topo.txt";
        String listing = CraftedMachines.supermicro7048(false).replace("NUMA node: 0", "NUMA node: 1");
        String twoGpus = listing.substring(0, listing.indexOf("0000:80:00.0"));
        ImportResult r = texts("ryzen.verbose.txt", twoGpus, pahi, corpusText(pahi));
        loaded(r);
        assertEquals(2, warningsAbout(r, "puts GPU").size(), r.report().toText());
        assertTrue(warningsAbout(r, "puts GPU0 on NUMA node 0, but 0000:04:00.0, the function it is tied to in "
                + "bus order, is on node 1").get(0).toString().startsWith(pahi + ":2: warning:"), r.report()::toText);
    }

    @Test
    void busIdsNoOtherExportListsAreWarnedAbout() throws IOException {
        ImportResult r = texts("k80s.verbose.txt", CraftedMachines.supermicro7048(false), SIMAI, corpusText(SIMAI));
        List<String> notListed = warningsAbout(r, "which k80s.verbose.txt does not list").stream()
                .map(Object::toString).toList();
        assertEquals(12, notListed.size(), "GPU4's 0000:89:00.0 is a K80 there: " + r.report().toText());
        assertTrue(notListed.contains(SIMAI + ":12: warning: NCCL topology XML names GPU0 at 0000:13:00.0, which "
                + "k80s.verbose.txt does not list: are the files of the same machine?"), notListed::toString);
        assertEquals(1, warningsAbout(r, "0000:89:00.0: k80s.verbose.txt:92 and " + SIMAI + ":83 disagree on the "
                + "identity (device ID 102d vs 20b2").size(), r.report().toText());
    }

    @Test
    void nicsAreTiedInBusOrderAndNvlinkIsALinkBeyondPcie() {
        ImportResult r = texts("dgx.verbose.txt", CraftedMachines.twoSocketsGpuAndNicEach(), "dgx.nvsmi-topo.txt",
                NvidiaSmiSamples.MODERN);
        Topology t = loaded(r);
        assertEquals(List.of(), r.report().warnings(), r.report().toText());
        ToolReport report = t.reports().get(0);
        assertEquals(Optional.of(Bdf.parse("0000:84:00.0")), report.device("NIC1").orElseThrow().address());
        assertEquals(2, report.notes().size(), "one assumption for the GPUs, one for the NICs");
        assertTrue(report.notes().get(1).startsWith("NIC0…NIC1 are tied to the network functions in bus order"),
                report.notes().toString());
        List<Labelled> labels = labels(t);
        assertEquals(Map.of(Agreement.AGREES, 10, Agreement.BEYOND_PCIE, 2), tally(labels));
        ReportedLabel nv = at(labels, "0000:03:00.0", "0000:83:00.0");
        assertEquals("nvidia-smi says NV12: 12 bonded NVLinks join the GPUs, which lspci cannot show; over PCIe "
                + "dmascope derives SYS: host bridges in different NUMA nodes.", nv.why());
        assertEquals("PIX", at(labels, "0000:84:00.0", "0000:83:00.0").label());
    }

    @Test
    void theDriversP2pStatusIsSetBesideTheKernelsMapType() throws IOException {
        Topology t = loaded(texts("k80s.verbose.txt", CraftedMachines.supermicro7048(false), K80S, corpusText(K80S),
                "k80s-p2p.txt", NvidiaSmiSamples.K80_P2P_READ));
        assertEquals(2, t.reports().size());
        List<Labelled> p2p = labels(t).stream().filter(l -> l.label().tool().isP2pStatus()).toList();
        assertEquals(30, p2p.size());
        ReportedLabel board = at(p2p, "0000:05:00.0", "0000:04:00.0");
        assertEquals("OK", board.label());
        assertEquals("BUS_ADDR", board.derived());
        assertEquals(Agreement.AGREES, board.agreement());
        ReportedLabel across = at(p2p, "0000:88:00.0", "0000:04:00.0");
        assertEquals("OK", across.label(), "GPU0 (the client, its row) reads GPU4's memory (the provider)");
        assertEquals("NOT_SUPPORTED", across.derived());
        assertEquals(Agreement.DISAGREES, across.agreement());
        assertTrue(across.why().startsWith("The driver allows peer reads where the kernel's P2PDMA refuses: "),
                across.why());
        assertTrue(across.why().endsWith("CUDA peer access is the NVIDIA driver's own decision and does not go "
                + "through the kernel's P2PDMA, so the two can differ."), across.why());
        assertEquals(Agreement.AGREES, at(p2p, "0000:84:00.0", "0000:04:00.0").agreement(), "CNS: both refuse");
        assertEquals(Agreement.NOT_COMPARED, at(p2p, "0000:04:00.0", "0000:89:00.0").agreement(), "GNS");
    }
}
