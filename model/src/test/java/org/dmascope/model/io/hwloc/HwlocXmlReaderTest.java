package org.dmascope.model.io.hwloc;

import static org.dmascope.model.io.imports.ImportTesting.corpus;
import static org.dmascope.model.io.imports.ImportTesting.fn;
import static org.dmascope.model.io.imports.ImportTesting.loaded;
import static org.dmascope.model.io.imports.ImportTesting.texts;
import static org.dmascope.model.io.imports.ImportTesting.warningsAbout;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.dmascope.model.io.imports.ImportResult;
import org.dmascope.model.topology.Bridge;
import org.dmascope.model.topology.HostBridge;
import org.dmascope.model.topology.NumaNode;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.Platform;
import org.dmascope.model.topology.Topology;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HwlocXmlReaderTest {

    @Test
    void version2HostBridgesBridgesDevicesAndLocality() {
        ImportResult r = corpus("dell-r410-devel09.hwloc-xml.txt");
        Topology t = loaded(r);
        HostBridge hb = t.hostBridges().get(0);
        assertEquals("pci0000:00", hb.id());
        assertEquals(Optional.of(new HostBridge.BusRange(0, 4)), hb.busRange());
        assertEquals(OptionalInt.of(0), hb.numaNode(),
                "the host bridge hangs below package 1, whose nodeset is node 0");
        assertEquals(OptionalInt.of(1), fn(t, "00:01.0").headerType());
        assertEquals(Bridge.ofBuses(1, 1), fn(t, "00:01.0").bridge().orElseThrow());
        PciFunction nic = fn(t, "01:00.0");
        assertEquals(OptionalInt.of(0x14e4), nic.identity().vendorId());
        assertEquals(OptionalInt.of(0x163b), nic.identity().deviceId());
        assertEquals(OptionalInt.of(0x0028), nic.identity().subsystemVendorId());
        assertEquals(OptionalInt.of(0x020000), nic.identity().classCode());
        assertEquals(OptionalInt.of(0x20), nic.identity().revision());
        assertEquals(Optional.of("Broadcom Corporation"), nic.identity().vendorName());
        assertEquals(Optional.of("NetXtreme II BCM5716 Gigabit Ethernet"), nic.identity().deviceName());
        assertEquals(OptionalInt.of(0), nic.numaNode());
        assertTrue(nic.link().isEmpty(), "hwloc gives bandwidth only; speed and width stay unknown");
        assertEquals(Optional.of(Platform.Architecture.X86_64), t.platform().architecture());
        assertEquals(1, warningsAbout(r, "0000:51:00.0 is listed below a bridge that forwards buses 0000:00-04")
                .size());
    }

    @Test
    void cpuAndNumaNodesFromPackages() {
        Topology t = loaded(corpus("nvidia-dgx2-16gpu-nvswitch.hwloc-xml.txt"));
        assertEquals(Optional.of(Platform.CpuVendor.INTEL), t.platform().cpu().vendor());
        assertEquals(OptionalInt.of(6), t.platform().cpu().family());
        assertEquals(Optional.of("Intel(R) Xeon(R) Platinum 8174 CPU @ 3.10GHz"), t.platform().cpu().model());
        assertEquals(List.of(new NumaNode(0, OptionalInt.of(0), Optional.of("0-1"), List.of()),
                new NumaNode(1, OptionalInt.of(1), Optional.of("24-25"), List.of())), t.numaNodes());
    }

    @Test
    void version3ArchitectureAtTheEndAndProgIfInTheClass() {
        Topology power = loaded(corpus("ibm-power8-minsky-4gpu.hwloc-xml.txt"));
        assertEquals(Optional.of(Platform.Architecture.PPC64), power.platform().architecture());
        assertEquals(List.of("pci0002:00", "pci0003:00", "pci000a:00", "pci000b:00"), power.hostBridges().stream()
                .map(HostBridge::id).toList());
        Topology cxl = loaded(corpus("qemu-q35-cxl-vm.hwloc-xml.txt"));
        assertEquals(OptionalInt.of(0x050210), fn(cxl, "11:00.0").identity().classCode());
        assertEquals(OptionalInt.of(0x01), fn(cxl, "11:00.0").identity().revision());
    }

    @Test
    void hwlocBandwidthIsCheckedAgainstAnLspciLinkStatus() {
        // CHECKSTYLE.OFF: LineLength (lines of real tool output)
        String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE topology SYSTEM "hwloc2.dtd">
                <topology version="2.0">
                  <object type="Machine" os_index="0" nodeset="0x1">
                    <object type="Bridge" bridge_type="0-1" depth="0" bridge_pci="0000:[00-01]">
                      <object type="Bridge" bridge_type="1-1" depth="1" bridge_pci="0000:[01-01]" pci_busid="0000:00:01.0" pci_type="0604 [8086:1901] [0000:0000] 07" pci_link_speed="15.753846">
                        <object type="PCIDev" pci_busid="0000:01:00.0" pci_type="0302 [10de:1db4] [10de:1212] a1" pci_link_speed="7.876923"/>
                      </object>
                    </object>
                  </object>
                </topology>
                """;
        // CHECKSTYLE.ON: LineLength
        String lspci = """
                01:00.0 3D controller: NVIDIA Corporation GV100GL [Tesla V100 PCIe 16GB] (rev a1)
                \tCapabilities: [68] Express (v2) Endpoint, MSI 00
                \t\tLnkCap:\tPort #0, Speed 8GT/s, Width x16, ASPM not supported
                \t\tLnkSta:\tSpeed 2.5GT/s (downgraded), Width x16 (ok)

                """;
        ImportResult r = texts("h.xml", xml, "l.txt", lspci);
        loaded(r);
        var w = warningsAbout(r, "gives the link 7.88 GB/s");
        assertEquals(1, w.size(), r.report().toText());
        assertTrue(w.get(0).message().contains("2.5GT/s x16") && w.get(0).message().contains("l.txt:3"),
                w.get(0).message());
        assertEquals(7, w.get(0).line());
    }

    @Test
    void documentTypeDefinitionsAndEntitiesAreRefusedWithoutTouchingDiskOrNetwork(@TempDir Path dir)
            throws IOException {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET-CONTENT", StandardCharsets.UTF_8);
        try (ServerSocket server = new ServerSocket(0)) {
            server.setSoTimeout(300);
            String url = "http://127.0.0.1:" + server.getLocalPort() + "/evil.dtd";
            String[] attacks = {
                    "<?xml version=\"1.0\"?>\n<!DOCTYPE topology [\n  <!ENTITY xxe SYSTEM \"" + secret.toUri()
                            + "\">\n]>\n"
                            + "<topology version=\"2.0\"><object type=\"Machine\"><info name=\"Architecture\" "
                                    + "value=\"&xxe;\"/></object></topology>\n",
                    "<?xml version=\"1.0\"?>\n<!DOCTYPE topology [ <!ENTITY % remote SYSTEM \"" + url
                            + "\"> %remote; ]>\n<topology version=\"2.0\"/>\n",
                    "<?xml version=\"1.0\"?>\n<!DOCTYPE topology SYSTEM \"" + url
                            + "\">\n<topology version=\"2.0\">&undeclared;</topology>\n",
                    "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 "
                            + "\"&lol;&lol;&lol;&lol;\">]>\n<topology>&lol2;</topology>\n",
            };
            for (String xml : attacks) {
                ImportResult r = texts("attack.xml", xml);
                assertFalse(r.ok(), xml);
                String report = r.report().toText();
                assertFalse(report.contains("TOP-SECRET-CONTENT"), report);
                assertEquals("attack.xml", r.report().errors().get(0).file().orElseThrow());
                assertTrue(r.report().errors().get(0).line() > 0, report);
                assertNull(acceptOrNull(server), "the parser must not fetch " + url);
            }
            ImportResult plain = texts("plain.xml", "<?xml version=\"1.0\"?>\n<!DOCTYPE topology SYSTEM \"" + url
                    + "\">\n"
                    + "<topology version=\"2.0\"><object type=\"Machine\"><info name=\"Architecture\" "
                            + "value=\"aarch64\"/>"
                    + "<object type=\"Bridge\" bridge_type=\"0-1\" bridge_pci=\"0000:[00-00]\"/>"
                    + "</object></topology>\n");
            assertEquals(Optional.of(Platform.Architecture.ARM64), loaded(plain).platform().architecture(),
                    "hwloc's own DOCTYPE line is accepted, and its DTD is never loaded");
            assertNull(acceptOrNull(server));
        }
    }

    private static Socket acceptOrNull(ServerSocket server) throws IOException {
        try {
            Socket s = server.accept();
            s.close();
            return s;
        } catch (SocketTimeoutException e) {
            return null;
        }
    }
}
