package org.dmascope.model.io.lspci;

import static org.dmascope.model.io.imports.ImportTesting.corpus;
import static org.dmascope.model.io.imports.ImportTesting.fn;
import static org.dmascope.model.io.imports.ImportTesting.loaded;
import static org.dmascope.model.io.imports.ImportTesting.texts;
import static org.dmascope.model.io.imports.ImportTesting.warningsAbout;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.dmascope.model.io.imports.ImportResult;
import org.dmascope.model.topology.Bridge;
import org.dmascope.model.topology.HostBridge;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.Topology;
import org.junit.jupiter.api.Test;

class LspciTreeReaderTest {

    private static List<String> roots(Topology t) {
        return t.hostBridges().stream().map(HostBridge::id).toList();
    }

    @Test
    void treeGivesBusesNamesAndNothingItCannotShow() {
        Topology t = loaded(corpus("intel-alderlake-desktop.tree.txt"));
        assertEquals(List.of("pci0000:00"), roots(t));
        PciFunction rp = fn(t, "00:1c.3");
        assertEquals(Bridge.ofBuses(0x08, 0x0c), rp.bridge().orElseThrow());
        // The tree prints vendor and device as one name; the import splits it where pci.ids knows the vendor.
        assertEquals("Intel Corporation", fn(t, "00:1f.3").identity().vendorName().orElseThrow());
        assertEquals("Raptor Lake High Definition Audio Controller",
                fn(t, "00:1f.3").identity().deviceName().orElseThrow());
        assertEquals(Bridge.ofBuses(0x05, 0x05), fn(t, "00:1c.0").bridge().orElseThrow(), "an empty bus: -[05]--");
        for (PciFunction f : t.functions()) {
            assertTrue(f.link().isEmpty() && f.acs().isEmpty() && f.bars().isEmpty() && f.portType().isEmpty(),
                    f.address() + ": a tree shows no link state, ACS, BARs or port type");
        }
        assertEquals(0x0a, fn(t, "09:01.0").bridge().orElseThrow().secondary());
        assertEquals("0000:0a:00.0", fn(t, "0a:00.0").address().toString());
    }

    @Test
    void oldMultiDomainTreeHasOneHostBridgePerRootBusInEveryDomain() {
        Topology t = loaded(corpus("hisilicon-d05-arm64-9domains.tree.txt"));
        assertEquals(List.of("pci0000:00", "pci0002:f8", "pci0004:88", "pci0005:78", "pci0006:c0", "pci0007:90",
                "pci000a:10", "pci000c:20", "pci000d:30"), roots(t));
        assertEquals(Bridge.ofBuses(0x11, 0x12), fn(t, "000a:10:00.0").bridge().orElseThrow());
        assertEquals("Mellanox [ConnectX-5 VF]", fn(t, "000a:11:00.3").identity().deviceName().orElseThrow());
        assertEquals(0, t.hierarchy().bus(0, 0).orElseThrow().devices().size(), "the empty root \\-[0000:00]-");
    }

    @Test
    void vmdDomainsHaveFiveDigits() {
        Topology t = loaded(corpus("alderlake-p-laptop-vmd.tree.txt"));
        assertEquals(List.of("pci0000:00", "pci10000:e0"), roots(t));
        PciFunction nvme = fn(t, "10000:e1:00.0");
        assertEquals("SK hynix", nvme.identity().vendorName().orElseThrow());
        assertEquals("Platinum P41/PC801 NVMe Solid State Drive", nvme.identity().deviceName().orElseThrow());
        assertEquals(fn(t, "10000:e0:06.0"), t.hierarchy().parentBridge(nvme).orElseThrow());
    }

    @Test
    void misIndentedContinuationLinesStillFindTheirBus() {
        Topology ppc = loaded(corpus("ppc-linuxbox-idt-switch.tree.txt"));
        for (String port : List.of("2000:02:02.0", "2000:02:03.0", "2000:02:04.0", "2000:02:05.0")) {
            assertEquals(fn(ppc, "2000:01:00.0"), ppc.hierarchy().parentBridge(fn(ppc, port)).orElseThrow(), port);
        }
        Topology nbsp = loaded(corpus("nutanix-ahv-q35-uefi-vm.tree.txt"));
        assertEquals(16, nbsp.functions().size());
        assertEquals(Bridge.ofBuses(3, 3), fn(nbsp, "00:02.2").bridge().orElseThrow());
        assertEquals(0x03, fn(nbsp, "03:00.0").address().bus());
    }

    @Test
    void abridgedTreesStartingInsideTheRootListAreRead() {
        Topology t = loaded(corpus("supermicro-x9drg-otf-8x-rtx2080ti-abridged.tree.txt"));
        assertEquals(List.of("pci0000:00", "pci0000:80"), roots(t));
        assertEquals(48, t.functions().size());
        assertEquals(fn(t, "80:03.0"), t.hierarchy().pathToRoot(fn(t, "88:00.3")).get(3));
        assertEquals(fn(t, "00:03.0"), t.hierarchy().pathToRoot(fn(t, "09:00.2")).get(3));
    }

    @Test
    void numericTreesGiveIds() {
        Topology t = loaded(corpus("dell-optiplex5055-ryzen.tree.txt"));
        PciFunction nic = fn(t, "04:00.0");
        assertEquals(0x14e4, nic.identity().vendorId().getAsInt());
        assertEquals(0x1687, nic.identity().deviceId().getAsInt());
        // lspci -tn prints no names: they come from pci.ids, and the provenance says so.
        assertEquals("NetXtreme BCM5762 Gigabit Ethernet PCIe", nic.identity().deviceName().orElseThrow());
        assertEquals("Broadcom Inc. and subsidiaries", nic.identity().vendorName().orElseThrow());
        assertEquals("pci.ids (2023-04-10)", nic.provenance().of("deviceName").orElseThrow().file());
        assertEquals("dell-optiplex5055-ryzen.tree.txt", nic.provenance().of("identity").orElseThrow().file(),
                "the IDs are the tree's");
    }

    @Test
    void annotationsInsideATreeAreReportedWithTheirLine() {
        ImportResult r = corpus("intel-tigerlake-chromebook-tbt-ssd.tree.txt");
        Topology t = loaded(r);
        assertEquals(36, t.functions().size());
        var w = warningsAbout(r, "not part of an lspci tree");
        assertEquals(1, w.size());
        assertEquals(8, w.get(0).line());
        assertEquals(fn(t, "58:01.0"), t.hierarchy().parentBridge(fn(t, "59:00.0")).orElseThrow());
    }

    @Test
    void aliasedBridgesKeepTheirBusRangesAndAreReportedNotRejected() {
        ImportResult r = corpus("marvell-kirkwood-idt-switch-k51-aliased.tree.txt");
        Topology t = loaded(r);
        assertEquals(41, t.functions().size());
        assertEquals(Bridge.ofBuses(2, 6), fn(t, "01:1f.0").bridge().orElseThrow());
        assertTrue(fn(t, "01:01.0").bridge().isEmpty());
        assertEquals(30, warningsAbout(r, "is also the secondary bus of 0000:01:00.0").size());
        // The kernel keeps the shared bus behind the first bridge it scans.
        assertEquals(fn(t, "01:00.0"), t.hierarchy().parentBridge(fn(t, "02:02.0")).orElseThrow());
    }

    @Test
    void damagedTreeLinesAreReportedAndSkipped() {
        ImportResult r = texts("t.txt", """
                -[0000:00]-+-00.0  Intel Corporation Host bridge
                           +-01.0-[01-02]----00.0-[zz]--
                           +-02.0 garbage-here
                           \\-1f.0  Intel Corporation SMBus
                """);
        Topology t = loaded(r);
        assertEquals(List.of("0000:00:00.0", "0000:00:01.0", "0000:00:02.0", "0000:00:1f.0", "0000:01:00.0"),
                t.functions().stream().map(f -> f.address().toString()).toList());
        assertEquals(1, warningsAbout(r, "unexpected text in the tree").size());
        assertEquals(2, warningsAbout(r, "unexpected text in the tree").get(0).line());
    }
}
