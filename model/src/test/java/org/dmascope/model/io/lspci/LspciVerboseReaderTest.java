package org.dmascope.model.io.lspci;

import static org.dmascope.model.io.imports.ImportTesting.corpus;
import static org.dmascope.model.io.imports.ImportTesting.fn;
import static org.dmascope.model.io.imports.ImportTesting.loaded;
import static org.dmascope.model.io.imports.ImportTesting.texts;
import static org.dmascope.model.io.imports.ImportTesting.warningsAbout;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import org.dmascope.model.io.imports.ImportResult;
import org.dmascope.model.topology.Acs;
import org.dmascope.model.topology.Bar;
import org.dmascope.model.topology.Bridge;
import org.dmascope.model.topology.BridgeWindow;
import org.dmascope.model.topology.HostBridge;
import org.dmascope.model.topology.Link;
import org.dmascope.model.topology.LinkSpeed;
import org.dmascope.model.topology.LinkState;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.PortType;
import org.dmascope.model.topology.SourceRef;
import org.dmascope.model.topology.Sriov;
import org.dmascope.model.topology.Topology;
import org.junit.jupiter.api.Test;

class LspciVerboseReaderTest {

    @Test
    void pathHeadersKernelGroupsAcsAndDrivers() {
        Topology t = loaded(corpus("apple-imac20-cometlake-titanridge.verbose.txt"));
        assertEquals(33, t.functions().size());
        assertTrue(t.functions().stream().allMatch(f -> f.iommuGroup().isPresent()),
                "every block has an IOMMU group line");
        PciFunction usb = fn(t, "0a:00.0");
        assertEquals(OptionalInt.of(20), usb.iommuGroup());
        assertEquals(new SourceRef("apple-imac20-cometlake-titanridge.verbose.txt", 1716),
                usb.provenance().of("iommuGroup").orElseThrow());
        assertEquals(OptionalInt.of(0x0c0330), usb.identity().classCode());
        assertEquals(OptionalInt.of(0x8086), usb.identity().vendorId());
        assertEquals(OptionalInt.of(0x15ec), usb.identity().deviceId());
        assertEquals(OptionalInt.of(0x06), usb.identity().revision());
        assertEquals(List.of(new Bar(0, Bar.Space.MEMORY, false, false, OptionalLong.of(0x81900000L),
                OptionalLong.of(64 << 10))), usb.bars());
        assertEquals(fn(t, "08:02.0"), t.hierarchy().parentBridge(usb).orElseThrow());
        assertEquals(List.of("pci0000:00"), t.hostBridges().stream().map(HostBridge::id).toList(),
                "-PP paths start on root buses");
        PciFunction rp = fn(t, "00:01.0");
        assertEquals(Optional.of(PortType.ROOT_PORT), rp.portType());
        assertEquals(Optional.of("pcieport"), rp.driver());
        assertEquals(new Link(Optional.of(new LinkState(LinkSpeed.GT_8, 8)), Optional.of(new LinkState(LinkSpeed.GT_8,
                8))),
                rp.link().orElseThrow());
        assertEquals(new Bridge(OptionalInt.of(0), 1, 3, Optional.of(BridgeWindow.of(0x3000, 0x3fff)),
                Optional.of(BridgeWindow.of(0x81600000L, 0x817fffffL)), Optional.of(BridgeWindow.of(0xa0000000L,
                        0xb01fffffL))),
                rp.bridge().orElseThrow());
        assertEquals(OptionalInt.of(1), rp.headerType());
        assertTrue(rp.multifunction().isEmpty(), "a listing does not show the multifunction bit");
    }

    @Test
    void numaNodesAndRootBusesOfTheSupermicroServer() {
        Topology t = loaded(corpus("supermicro-4028gr-tvrt-8xv100-pex9765.verbose.txt"));
        assertEquals(340, t.functions().size());
        assertEquals(List.of("pci0000:00", "pci0000:7f", "pci0000:80", "pci0000:ff"),
                t.hostBridges().stream().map(HostBridge::id).toList());
        assertEquals(List.of(0, 1), t.numaNodes().stream().map(n -> n.id()).toList());
        assertEquals(OptionalInt.of(1), fn(t, "80:00.0").numaNode());
        PciFunction gpu = fn(t, "14:00.0");
        assertEquals(Optional.of(PortType.ENDPOINT), gpu.portType());
        assertEquals(Optional.of(Acs.ABSENT), gpu.acs(), "a full -vvv block without ACS means it has none");
        assertEquals(Optional.of("nvidia"), gpu.driver());
        assertEquals(OptionalLong.of(16L << 30), gpu.bar(1).orElseThrow().size());
    }

    @Test
    void nonRootListingsLeaveCapabilitiesUnknown() {
        Topology t = loaded(corpus("msi-cyborg15-a12ve-laptop-nonroot.verbose.txt"));
        PciFunction rp = fn(t, "00:01.0");
        assertTrue(rp.portType().isEmpty(), "<access denied>: no Express capability seen, but none can be ruled out");
        assertTrue(rp.acs().isEmpty());
        assertTrue(rp.link().isEmpty());
        assertEquals(Bridge.ofBuses(1, 1).secondary(), rp.bridge().orElseThrow().secondary());
        assertEquals(OptionalInt.of(0x1462), rp.identity().subsystemVendorId());
        assertEquals(OptionalInt.of(0x13b9), rp.identity().subsystemDeviceId());
        assertEquals(Optional.of(PortType.CONVENTIONAL_PCI), fn(t, "00:1f.4").portType(),
                "Status: Cap- means no capability list");
        assertEquals(Optional.of(Acs.ABSENT), fn(t, "00:1f.4").acs());
    }

    @Test
    void indentationStrippedAndHardWrappedMailIsJoinedBack() {
        Topology t = loaded(corpus("intel-tigerlake-chromebook-tbt-ssd.verbose.txt"));
        PciFunction rp = fn(t, "00:07.2");
        assertEquals(Optional.of(Acs.of(Acs.SV | Acs.TB | Acs.RR | Acs.CR | Acs.UF,
                Acs.SV | Acs.TB | Acs.RR | Acs.CR | Acs.UF)),
                rp.acs(), "ACSCap/ACSCtl were wrapped after UpstreamFwd+");
        assertEquals(OptionalInt.of(0x060400), rp.identity().classCode());
        assertEquals(OptionalInt.of(0x462f), rp.identity().deviceId());
        PciFunction nvme = fn(t, "59:00.0");
        assertEquals(OptionalInt.of(0xa808), nvme.identity().deviceId(), "the device name continued on the next line");
        assertEquals(OptionalInt.of(0x010802), nvme.identity().classCode());
        assertEquals(Optional.of(new LinkState(LinkSpeed.GT_8, 4)), nvme.link().orElseThrow().status(),
                "LnkSta: Speed 8GT/s, Width x4, TrErr- ... (lspci 3.5 one-line form)");
    }

    @Test
    void wrappedListingWithHexDumpsCombinesBoth() {
        Topology t = loaded(corpus("rockchip-rk3399-rockpro64.hex.txt"));
        PciFunction rp = fn(t, "00:00.0");
        assertEquals("Fuzhou Rockchip Electronics Co., Ltd", rp.identity().vendorName().orElseThrow());
        assertEquals("RK3399 PCI Express Root Port", rp.identity().deviceName().orElseThrow());
        assertEquals(Optional.of(new LinkState(LinkSpeed.GT_2_5, 4)), rp.link().orElseThrow().capability());
        assertEquals(Optional.of(BridgeWindow.DISABLED), rp.bridge().orElseThrow().memory(),
                "Memory behind bridge: None");
        assertEquals(OptionalInt.of(0x1d87), rp.identity().vendorId(), "from the dump");
        assertEquals(Optional.of(false), rp.multifunction(), "from the dump's header type");
        assertEquals(Optional.of(true), fn(t, "04:00.0").multifunction());
    }

    @Test
    void conventionalPciIsOnlyConcludedFromAReadableCapabilityList() {
        Topology t = loaded(corpus("mikrotik-rb532-mips-ox16pci954.hex.txt"));
        for (PciFunction f : t.functions()) {
            assertEquals(Optional.of(PortType.CONVENTIONAL_PCI), f.portType(), f.address().toString());
            assertEquals(Optional.of(Acs.ABSENT), f.acs(), f.address().toString());
        }
        Topology fragment = loaded(corpus("intel-alderlake-desktop.verbose.txt"));
        PciFunction grep = fn(fragment, "00:1c.1");
        assertTrue(grep.portType().isEmpty(), "a grep-filtered block proves nothing absent");
        assertEquals(Optional.of(new Acs(true, OptionalInt.empty(), OptionalInt.empty())), grep.acs(),
                "title only: present, registers unknown");
        assertTrue(fn(fragment, "00:1c.0").acs().isEmpty());
    }

    @Test
    void noBreakSpaceIndentationAndVerboseOneFlagsLine() {
        Topology x99 = loaded(corpus("x99-i7-5930k.verbose.txt"));
        PciFunction rp = fn(x99, "00:01.0");
        assertEquals(Optional.of(Acs.of(0x1f, 0x1d)), rp.acs());
        assertEquals(OptionalInt.of(13), rp.iommuGroup());
        assertEquals(OptionalInt.of(0), rp.numaNode());
        assertEquals(Optional.of(new LinkState(LinkSpeed.GT_2_5, 0)), rp.link().orElseThrow().status());

        Topology ppc = loaded(corpus("ppc-linuxbox-idt-switch.verbose.txt"));
        PciFunction up = fn(ppc, "2000:01:00.0");
        assertEquals(OptionalInt.of(0x111d), up.identity().vendorId());
        assertEquals(OptionalInt.of(0x803e), up.identity().deviceId());
        assertEquals(OptionalInt.of(0x060400), up.identity().classCode());
        assertEquals(OptionalInt.of(0x0e), up.identity().revision());
        assertEquals(Optional.of(PortType.SWITCH_UPSTREAM), up.portType());
        assertEquals(new Bridge(OptionalInt.of(1), 2, 6, Optional.of(BridgeWindow.DISABLED),
                Optional.of(BridgeWindow.DISABLED),
                Optional.of(BridgeWindow.DISABLED)), up.bridge().orElseThrow());
        assertTrue(up.acs().isEmpty(), "the block is cut off at the end of the file, so absence is not proven");
    }

    @Test
    void sriovCapability() {
        Topology t = loaded(corpus("intel-icelake-sp-cx7-sriov.verbose.txt"));
        PciFunction pf = fn(t, "b1:00.1");
        assertEquals(Optional.of(new Sriov(8, 0, 9, 1, OptionalInt.of(0x101e))), pf.sriov());
        assertEquals(Optional.of(Acs.of(0, 0)), pf.acs());
        assertTrue(pf.ats().isEmpty(),
                "the poster joined two listings without lspci's blank line, so the block may be cut");
        assertEquals(OptionalInt.of(12), pf.iommuGroup());
    }

    @Test
    void shortPathsTakeTheBusFromTheBridgeAbove() {
        // CHECKSTYLE.OFF: LineLength (lines of real tool output)
        ImportResult r = texts("p.txt", """
                0000:00:01.0 PCI bridge: Intel Corporation Root Port (prog-if 00 [Normal decode])
                \tBus: primary=00, secondary=03, subordinate=04, sec-latency=0

                0000:00:01.0/00.0 PCI bridge: PLX Technology, Inc. Switch (prog-if 00 [Normal decode])
                \tBus: primary=03, secondary=04, subordinate=04, sec-latency=0

                0000:00:01.0/00.0/00.0 Non-Volatile memory controller: Samsung Electronics Co Ltd NVMe SSD (prog-if 02 [NVM Express])

                0000:00:02.0/00.0 Ethernet controller: Orphan behind an unlisted bridge
                """);
        // CHECKSTYLE.ON: LineLength
        Topology t = loaded(r);
        assertEquals(List.of("0000:00:01.0", "0000:03:00.0", "0000:04:00.0"), t.functions().stream()
                .map(f -> f.address().toString()).toList());
        assertEquals(OptionalInt.of(0x010802), fn(t, "04:00.0").identity().classCode());
        assertEquals(1, warningsAbout(r, "cannot be worked out").size());
        assertEquals(9, warningsAbout(r, "cannot be worked out").get(0).line());
    }

    @Test
    void regionsFlagsSizesAndTheUpperHalfMisprint() {
        Topology t = loaded(texts("r.txt", """
                01:00.0 VGA compatible controller: NVIDIA Corporation GPU (rev a1) (prog-if 00 [VGA controller])
                \tControl: I/O+ Mem+ BusMaster+ SpecCycle- MemWINV- VGASnoop- ParErr- Stepping- SERR- FastB2B- DisINTx+
                \tStatus: Cap+ 66MHz- UDF- FastB2B- ParErr- DEVSEL=fast >TAbort- <TAbort- <MAbort- >SERR- <PERR- INTx-
                \tRegion 0: Memory at f6000000 (32-bit, non-prefetchable) [size=16M]
                \tRegion 1: Memory at 38f0000000 (64-bit, prefetchable) [size=256M]
                \tRegion 2: Memory at <unassigned> (32-bit, prefetchable)
                \tRegion 3: Memory at e0000000 (64-bit, prefetchable) [disabled] [size=32M]
                \tRegion 5: I/O ports at e000 [size=128]
                \tCapabilities: [60] Power Management version 3
                \tCapabilities: [68] MSI: Enable+ Count=1/1 Maskable- 64bit+
                \tKernel driver in use: nouveau

                """));
        PciFunction gpu = fn(t, "01:00.0");
        assertEquals(List.of(
                new Bar(0, Bar.Space.MEMORY, false, false, OptionalLong.of(0xf6000000L), OptionalLong.of(16L << 20)),
                new Bar(1, Bar.Space.MEMORY, true, true, OptionalLong.of(0x38f0000000L), OptionalLong.of(256L << 20)),
                new Bar(3, Bar.Space.MEMORY, true, true, OptionalLong.of(0xe0000000L), OptionalLong.of(32L << 20)),
                new Bar(5, Bar.Space.IO, false, false, OptionalLong.of(0xe000), OptionalLong.of(128))), gpu.bars(),
                "region 2 is the upper half of 64-bit BAR 1, which lspci 3.8+ misprints");
        assertEquals(Optional.of(PortType.CONVENTIONAL_PCI), gpu.portType(), "a complete -vv block without Express");
        assertEquals(Optional.of(Acs.ABSENT), gpu.acs());
        assertEquals(OptionalInt.of(0x030000), gpu.identity().classCode());
    }

    @Test
    void resizableBarSizesGoWithTheirBars() {
        // CHECKSTYLE.OFF: LineLength
        ImportResult r = texts("rebar.txt", """
                01:00.0 VGA compatible controller: Advanced Micro Devices, Inc. [AMD/ATI] Navi 10 (prog-if 00 [VGA controller])
                \tControl: I/O+ Mem+ BusMaster+ SpecCycle- MemWINV- VGASnoop- ParErr- Stepping- SERR- FastB2B- DisINTx+
                \tStatus: Cap+ 66MHz- UDF- FastB2B- ParErr- DEVSEL=fast >TAbort- <TAbort- <MAbort- >SERR- <PERR- INTx-
                \tRegion 0: Memory at e0000000 (64-bit, prefetchable) [size=256M]
                \tRegion 2: Memory at f0000000 (64-bit, prefetchable)
                \tRegion 4: I/O ports at e000 [size=256]
                \tRegion 5: Memory at fcd00000 (32-bit, non-prefetchable) [size=512K]
                \tCapabilities: [200 v1] Physical Resizable BAR
                \t\tBAR 0: current size: 256MB, supported: 256MB 512MB 1GB 2GB 4GB 8GB 256TB
                \t\tBAR 2: current size: 2MB, supported: 2MB 4MB 8MB 16MB 32MB 64MB 128MB 256MB
                \t\tBAR 4: current size: 1MB, supported: 1MB
                \t\tBAR 5: current size: 1MB, supported: 1MB 2MB
                \tKernel driver in use: amdgpu

                """);
        // CHECKSTYLE.ON: LineLength
        PciFunction gpu = fn(loaded(r), "01:00.0");
        Bar bar0 = gpu.bars().get(0);
        assertEquals(List.of(256L << 20, 512L << 20, 1L << 30, 2L << 30, 4L << 30, 8L << 30), bar0.resizableSizes(),
                "256 TB is beyond the capability dword the kernel reads");
        assertEquals(OptionalLong.of(2L << 20), gpu.bars().get(1).size(), "no region size: the current one");
        assertEquals(OptionalLong.of(256L << 20), gpu.bars().get(1).largestSize());
        assertFalse(gpu.bars().get(2).resizable(), "an I/O BAR is not resizable");
        assertEquals(OptionalLong.of(512L << 10), gpu.bars().get(3).size(), "the region line's size is kept");
        assertEquals(1, warningsAbout(r, "is 512KiB in its region line but 1MiB in the Resizable BAR capability")
                .size(), r.report()::toText);
        assertEquals(1, warningsAbout(r, "names BAR 4, which the listing does not show as a memory region").size());
    }

    @Test
    void verboseOneRegionsHaveNoBarNumberAndAreLeftOutWithOneWarning() {
        ImportResult r = texts("v.txt", """
                02:00.0 Ethernet controller: Intel Corporation 82574L Gigabit Network Connection
                \tFlags: bus master, fast devsel, latency 0, IRQ 16, NUMA node 1, IOMMU group 7
                \tMemory at f7c00000 (32-bit, non-prefetchable) [size=128K]
                \tI/O ports at e000 [size=32]
                \tCapabilities: [e0] Express Endpoint, MSI 00
                \tCapabilities: [100] Advanced Error Reporting
                \tKernel driver in use: e1000e

                """);
        PciFunction f = fn(loaded(r), "02:00.0");
        assertTrue(f.bars().isEmpty());
        assertEquals(OptionalInt.of(7), f.iommuGroup());
        assertEquals(OptionalInt.of(1), f.numaNode());
        assertEquals(Optional.of(PortType.ENDPOINT), f.portType());
        assertEquals(Optional.of(Acs.ABSENT), f.acs(), "-v lists extended capability titles too");
        assertEquals(1, warningsAbout(r, "without a BAR number").size());
    }

    @Test
    void pcieToPciBridgeAndWhatSitsBehindIt() {
        // CHECKSTYLE.OFF: LineLength (lines of real tool output)
        Topology t = loaded(texts("b.txt", """
                00:1e.0 PCI bridge: ASPEED Technology, Inc. AST1150 PCI-to-PCI Bridge (rev 04) (prog-if 00 [Normal decode])
                \tControl: I/O+ Mem+ BusMaster+ SpecCycle- MemWINV- VGASnoop- ParErr- Stepping- SERR- FastB2B- DisINTx-
                \tStatus: Cap+ 66MHz- UDF- FastB2B- ParErr- DEVSEL=fast >TAbort- <TAbort- <MAbort- >SERR- <PERR- INTx-
                \tBus: primary=00, secondary=05, subordinate=05, sec-latency=32
                \tCapabilities: [50] MSI: Enable- Count=1/4 Maskable- 64bit+
                \tCapabilities: [78] Power Management version 3
                \tCapabilities: [80] Express (v2) PCI-Express to PCI/PCI-X Bridge, MSI 00

                05:00.0 VGA compatible controller: ASPEED Technology, Inc. ASPEED Graphics Family (rev 41) (prog-if 00 [VGA controller])
                \tControl: I/O+ Mem+ BusMaster- SpecCycle- MemWINV- VGASnoop- ParErr- Stepping- SERR- FastB2B- DisINTx-
                \tStatus: Cap+ 66MHz+ UDF- FastB2B- ParErr- DEVSEL=medium >TAbort- <TAbort- <MAbort- >SERR- <PERR- INTx-
                \tCapabilities: [40] Power Management version 2

                05:01.0 Multimedia audio controller: Some Vendor Audio
                \tCapabilities: <access denied>

                """));
        // CHECKSTYLE.ON: LineLength
        assertEquals(Optional.of(PortType.PCIE_TO_PCI_BRIDGE), fn(t, "00:1e.0").portType());
        assertEquals(Optional.of(PortType.CONVENTIONAL_PCI), fn(t, "05:00.0").portType());
        assertTrue(fn(t, "05:01.0").portType().isEmpty());
        assertFalse(t.hostBridges().isEmpty());
    }

    @Test
    void oneLineListingsWithKernelDrivers() {
        // CHECKSTYLE.OFF: LineLength (lines of real tool output)
        Topology t = loaded(texts("k.txt", """
                00:1f.3 Audio device [0403]: Intel Corporation Comet Lake PCH cAVS [8086:06c8]
                \tSubsystem: Intel Corporation Device [8086:7270]
                \tKernel driver in use: snd_hda_intel
                \tKernel modules: snd_hda_intel, snd_sof_pci_intel_cnl
                00:1f.4 SMBus [0c05]: Intel Corporation Comet Lake PCH SMBus Controller [8086:06a3]
                01:00.0 Non-Volatile memory controller [0108]: Samsung Electronics Co Ltd NVMe SSD Controller SM981/PM981/PM983 [144d:a808]
                """));
        // CHECKSTYLE.ON: LineLength
        PciFunction audio = fn(t, "00:1f.3");
        assertEquals(Optional.of("snd_hda_intel"), audio.driver());
        assertEquals(OptionalInt.of(0x7270), audio.identity().subsystemDeviceId());
        assertEquals(OptionalInt.of(0x040300), audio.identity().classCode());
        assertTrue(audio.portType().isEmpty() && audio.acs().isEmpty(), "a -k listing shows no capabilities at all");
        assertEquals(OptionalInt.of(0xa808), fn(t, "01:00.0").identity().deviceId());
        assertEquals(3, t.functions().size());
    }
}
