package org.dmascope.model.io.nccl;

import static org.dmascope.model.io.imports.ImportTesting.assertFinding;
import static org.dmascope.model.io.imports.ImportTesting.corpus;
import static org.dmascope.model.io.imports.ImportTesting.fn;
import static org.dmascope.model.io.imports.ImportTesting.loaded;
import static org.dmascope.model.io.imports.ImportTesting.texts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.dmascope.model.io.imports.ImportResult;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.Platform;
import org.dmascope.model.topology.Topology;
import org.dmascope.model.topology.ToolReport;
import org.dmascope.model.topology.ToolReport.Device;
import org.dmascope.model.topology.ToolReport.Kind;
import org.dmascope.model.topology.ToolReport.Match;
import org.junit.jupiter.api.Test;

/** NCCL's and RCCL's topology XML read alone: functions, NUMA nodes, the CPU, and NCCL's path types. */
class NcclTopologyXmlReaderTest {

    private static ToolReport only(Topology t) {
        assertEquals(1, t.reports().size());
        return t.reports().get(0);
    }

    private static ToolReport.Pair pair(ToolReport r, String a, String b) {
        return r.pairs().stream().filter(p -> p.row().equals(a) && p.column().equals(b)
                || p.row().equals(b) && p.column().equals(a)).findFirst().orElseThrow();
    }

    private static long count(ToolReport r, Kind kind) {
        return r.devices().stream().filter(d -> d.kind() == kind).count();
    }

    @Test
    void eightA100sBehindBroadcomSwitchesWithNvSwitchesAndFourBondedNics() {
        Topology t = loaded(corpus("simai-8xa100-4cx6-icelake.nccl-xml.txt"));
        assertEquals(33, t.functions().size(), "8 GPUs, 5 NICs, 20 switch ports the XML names");
        ToolReport r = only(t);
        assertEquals(ToolReport.Tool.NCCL_XML, r.tool());
        assertEquals(8, count(r, Kind.GPU));
        assertEquals(5, count(r, Kind.NIC));
        assertEquals(13 * 12 / 2, r.pairs().size(), "one path type per pair of GPUs and NICs");
        assertTrue(r.devices().stream().allMatch(d -> d.match() == Match.BUS_ID && d.address().equals(d.busId())));
        Device gpu0 = r.device("GPU0").orElseThrow();
        assertEquals(Optional.of(Bdf.parse("0000:13:00.0")), gpu0.address());
        assertEquals(OptionalInt.of(0), gpu0.numaNode());
        assertEquals(Optional.of("0-31,64-95"), gpu0.cpus());
        assertEquals(OptionalInt.of(1), r.device("mlx5_bond_4").orElseThrow().numaNode());
        assertEquals("NVL", pair(r, "GPU0", "GPU7").label(), "every A100 reaches the NVSwitches");
        assertEquals(Optional.of("GPU0 → NVSwitch → GPU7"), pair(r, "GPU0", "GPU7").detail());
        ToolReport.Pair nic = pair(r, "GPU0", "mlx5_bond_1");
        assertEquals("PXB", nic.label());
        assertEquals(Optional.of("GPU0 → switch 0000:11:00.0 → switch 0000:0c:00.0 → mlx5_bond_1"), nic.detail(),
                "NCCL flattens the Broadcom PEX Gen4 switch 0e:00.0 into 0c:00.0");
        assertEquals("PHB", pair(r, "mlx5_bond_0", "GPU3").label());
        assertEquals("SYS", pair(r, "mlx5_bond_0", "mlx5_bond_4").label());
        assertEquals(List.of(0, 1), t.numaNodes().stream().map(n -> n.id()).toList());
        assertEquals(Optional.of("32-63,96-127"), t.numaNodes().get(1).cpus());
        assertEquals(Optional.of(Platform.Architecture.X86_64), t.platform().architecture());
        assertEquals(Optional.of(Platform.CpuVendor.INTEL), t.platform().cpu().vendor());
        assertEquals(OptionalInt.of(6), t.platform().cpu().family());
        PciFunction sw = fn(t, "0000:0c:00.0");
        assertEquals(OptionalInt.of(0x060400), sw.identity().classCode());
        assertEquals(OptionalInt.of(0xa096), sw.identity().subsystemDeviceId());
        assertEquals(OptionalInt.of(1), sw.headerType());
        assertEquals(OptionalInt.of(1), fn(t, "0000:b3:00.0").numaNode());
        assertEquals("simai-8xa100-4cx6-icelake.nccl-xml.txt:8", sw.provenance().of("identity").orElseThrow()
                .toString());
    }

    @Test
    void rcclsXgmiRingAndItsCpuFamilyAsCpuidWritesIt() {
        Topology t = loaded(corpus("rccl-8x-mi100-rome-xgmi.nccl-xml.txt"));
        assertEquals(17, t.functions().size());
        ToolReport r = only(t);
        assertEquals(ToolReport.Tool.RCCL_XML, r.tool());
        assertEquals(8, count(r, Kind.GPU));
        assertEquals(1, count(r, Kind.NIC));
        assertEquals(OptionalInt.of(0x17), t.platform().cpu().family(),
                "familyid 143 = 0x8F: family 0xF plus extended family 8, which is family 0x17");
        assertEquals(Optional.of(Platform.CpuVendor.AMD), t.platform().cpu().vendor());
        assertEquals("XGMI", pair(r, "GPU0", "GPU1").label());
        assertEquals("NVB", pair(r, "GPU1", "GPU3").label(), "GPU1 and GPU3 share the xGMI neighbour GPU0");
        assertEquals(Optional.of("GPU1 → GPU0 → GPU3"), pair(r, "GPU1", "GPU3").detail());
        assertEquals("PHB", pair(r, "GPU4", "mlx5_1").label());
        assertEquals("SYS", pair(r, "GPU0", "mlx5_1").label());
        assertEquals(OptionalInt.of(0x038000), fn(t, "0000:43:00.0").identity().classCode());
        assertTrue(fn(t, "0000:43:00.0").identity().vendorId().isEmpty(), "RCCL's model gives no IDs");
    }

    @Test
    void aGen5BroadcomSubSwitchIsFoldedIntoItsSwitchAsNcclDoes() {
        String xml = """
                <system version="1">
                  <cpu numaid="0" affinity="ff" arch="x86_64" vendor="GenuineIntel" familyid="6" modelid="143">
                    <pci busid="0000:01:00.0" class="0x060400" vendor="0x1000" device="0xc030" \
                subsystem_vendor="0x1000" subsystem_device="0x%s">
                      <pci busid="0000:03:00.0" class="0x060400" vendor="0x1000" device="0xc030" \
                subsystem_vendor="0x1000" subsystem_device="0x1100">
                        <pci busid="0000:05:00.0" class="0x030200" vendor="0x10de" device="0x2330">
                          <gpu dev="0" sm="90" rank="0" gdr="1"/>
                        </pci>
                      </pci>
                      <pci busid="0000:06:00.0" class="0x020700" vendor="0x15b3" device="0x1021">
                        <nic><net name="mlx5_0" dev="0" speed="400000" port="1" gdr="1"/></nic>
                      </pci>
                    </pci>
                  </cpu>
                </system>
                """;
        assertEquals("PIX", pair(only(loaded(texts("gen5.xml", xml.formatted("0100")))), "GPU0", "mlx5_0").label());
        assertEquals("PXB", pair(only(loaded(texts("gen5.xml", xml.formatted("1100")))), "GPU0", "mlx5_0").label(),
                "a level-1 switch above a level-1 switch is not flattened");
    }

    // ---- hostile and damaged XML: refused or read with the line of each problem ----

    @Test
    void documentTypeDefinitionsAndEntitiesAreRefusedUnread() {
        ImportResult r = texts("evil.xml", """
                <?xml version="1.0"?>
                <!DOCTYPE system [ <!ENTITY x SYSTEM "file:///etc/passwd"> ]>
                <system version="1">
                  <cpu numaid="0" arch="&x;"/>
                </system>
                """);
        assertFalse(r.ok());
        assertFinding(r, "evil.xml:2: error: the XML declares its own document type definitions");
    }

    @Test
    void xmlThatIsNotWellFormedIsAnErrorAtItsLine() {
        ImportResult r = texts("broken.xml", "<system version=\"1\">\n  <cpu numaid=\"0\">\n    <pci busid=\"0000:01"
                + ":00.0\">\n  </cpu>\n</system>\n");
        assertFalse(r.ok());
        assertFinding(r, "broken.xml:4: error: the XML is not well-formed");
    }

    @Test
    void nestingDeeperThanAnyPciTreeIsRefused() {
        StringBuilder xml = new StringBuilder("<system version=\"1\">\n<cpu numaid=\"0\">\n");
        for (int i = 0; i < 100; i++) xml.append("<pci busid=\"0000:01:00.0\" class=\"0x060400\">\n");
        for (int i = 0; i < 100; i++) xml.append("</pci>\n");
        xml.append("</cpu>\n</system>\n");
        ImportResult r = texts("deep.xml", xml.toString());
        assertFalse(r.ok());
        assertFinding(r, "deep.xml:65: error: elements are nested more than 64 deep");
    }

    @Test
    void badAttributesAndStrangeElementsAreWarnedAboutAtTheirLine() {
        ImportResult r = texts("odd.xml", """
                <system version="1">
                  <cpu numaid="0" affinity="zz" arch="x86_64" vendor="GenuineIntel" familyid="6" modelid="85">
                    <pci busid="0000:3b:00.0" class="0x030200" vendor="0x10de" device="0x1db5">
                      <gpu dev="0" sm="70" rank="0" gdr="1">
                        <nvlink target="0000:3c:00.0" count="2" tclass="0x030200"/>
                      </gpu>
                    </pci>
                    <pci busid="bogus" class="0x020000"/>
                    <pci busid="0000:5e:00.0" class="0x020000" vendor="0xZZ"><nic><net name="mlx5_0"/></nic></pci>
                    <gadget/>
                  </cpu>
                </system>
                """);
        Topology t = loaded(r);
        assertFinding(r, "odd.xml:2: warning: the affinity \"zz\" is not a CPU mask");
        assertFinding(r, "odd.xml:5: warning: this nvlink link leads to 0000:3c:00.0, which is no GPU of the file");
        assertFinding(r, "odd.xml:8: warning: this <pci> has no valid busid (bogus)");
        assertFinding(r, "odd.xml:9: warning: vendor=\"0xZZ\" is not a hexadecimal number");
        assertFinding(r, "odd.xml:10: warning: <gadget> is not an element NCCL writes");
        assertEquals(2, t.functions().size());
        assertEquals("PHB", pair(only(t), "GPU0", "mlx5_0").label());
    }

    /** GPUs each behind a switch of its own, spread over two CPUs. */
    static String manyGpus(int count) {
        StringBuilder xml = new StringBuilder("<system version=\"1\">\n");
        for (int cpu = 0; cpu < 2; cpu++) {
            xml.append("<cpu numaid=\"").append(cpu).append("\" arch=\"x86_64\">\n");
            for (int i = cpu; i < count; i += 2) {
                xml.append(String.format("<pci busid=\"%04x:%02x:00.0\" class=\"0x060400\">"
                        + "<pci busid=\"%04x:%02x:00.0\" class=\"0x030200\">"
                        + "<gpu dev=\"%d\" rank=\"%d\"/></pci></pci>%n",
                        i / 100, i % 100 * 2, i / 100, i % 100 * 2 + 1, i, i));
            }
            xml.append("</cpu>\n");
        }
        return xml.append("</system>\n").toString();
    }

    @Test
    void asManyGpusAsNcclHoldsAreRead() {
        Topology t = loaded(texts("big.xml", manyGpus(NcclTopologyXmlReader.MAX_DEVICES)));
        assertEquals(640 * 639 / 2, only(t).pairs().size());
        assertEquals("PHB", pair(only(t), "GPU0", "GPU2").label());
        assertEquals("SYS", pair(only(t), "GPU0", "GPU1").label());
    }

    @Test
    void moreGpusThanNcclHoldsAreRefused() {
        ImportResult r = texts("huge.xml", manyGpus(NcclTopologyXmlReader.MAX_DEVICES + 1));
        assertFalse(r.ok());
        assertFinding(r, "huge.xml:1: error: the file names 641 GPUs and NICs and 1282 PCI devices, more than NCCL "
                + "holds (640 and 1920)");
    }

    @Test
    void aSystemWithoutDevicesHasNoPathsToCompare() {
        ImportResult r = texts("empty.txt", "<system version=\"1\">\n</system>\n");
        Topology t = loaded(r);
        assertTrue(only(t).devices().isEmpty());
        assertFinding(r, "empty.txt:1: warning: the file names no GPU and no NIC");
    }

    @Test
    void aSystemElementInsideAnotherRootIsNoNcclFile() {
        ImportResult r = texts("wrapped.xml", "<dump>\n<system version=\"1\">\n</system>\n</dump>\n");
        assertFalse(r.ok());
        assertFinding(r, "wrapped.xml:1: error: this XML is not an NCCL topology (its root element is <dump>");
    }
}
