package org.dmascope.model.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.OptionalInt;

import org.dmascope.model.kernel.TopologyRules;
import org.dmascope.model.kernel.p2p.P2pMapType;
import org.dmascope.model.kernel.platform.PlatformOverrides;
import org.dmascope.model.mapping.BufferSpecParser;
import org.dmascope.model.mapping.IommuMode;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.Platform.DomainType;
import org.dmascope.model.topology.Topology;
import org.junit.jupiter.api.Test;

/**
 * The kernel command line on the sample machines, through the session every front end drives: a user's line
 * replaces the file's and changes groups, P2P and mappings as the kernel would (R-CMD-3, R-CMD-4, R-CMD-5, R-CMD-7,
 * R-CMD-8, R-CMD-9 with R-DIR-1 and R-DIR-6; v6.19 unless stated).
 */
class CommandLineSessionTest {
    private static final Bdf T4 = Bdf.parse("0000:03:00.0");
    private static final Bdf CMB_NVME = Bdf.parse("0000:05:00.0");
    private static final Bdf NIC = Bdf.parse("0000:06:00.0");
    private static final Bdf EPYC_NVME = Bdf.parse("0000:01:00.0");
    private static final String CMB = "bar:0000:05:00.0:2:64KiB";

    private static KernelSession boot(String sample, String line) {
        PlatformOverrides o = line == null ? PlatformOverrides.NONE : PlatformOverrides.NONE.withCommandLine(line);
        return KernelSession.boot(KernelSessionTest.sample(sample), o);
    }

    private static MapOutcome map(KernelSession s, Bdf dev, String buffer, MapOptions o) {
        MapOutcome out = s.map(new MapCall(dev, BufferSpecParser.parse(buffer), o));
        assertTrue(out.problem().isEmpty(), out.problem().toString());
        return out;
    }

    private static MapOptions mask(int bits) {
        return MapOptions.DEFAULTS.withDmaMaskBits(OptionalInt.of(bits));
    }

    @Test
    void disableAcsRedirOnTheRedirectServerKeepsP2pInsideTheSwitch() {
        KernelSession booted = boot("acs-redirect-server.json", null);
        assertNotEquals(P2pMapType.BUS_ADDR, booted.map(new MapCall(T4, BufferSpecParser.parse(CMB),
                MapOptions.DEFAULTS)).mapping().mapType(), "the dump's DSPs redirect (0x001d)");
        KernelSession s = boot("acs-redirect-server.json",
                "intel_iommu=on pci=disable_acs_redir=0000:02:02.0;0000:02:00.0");
        assertEquals(P2pMapType.BUS_ADDR, map(s, T4, CMB, MapOptions.DEFAULTS).mapping().mapType());
        KernelSession ids = boot("acs-redirect-server.json", "intel_iommu=on pci=disable_acs_redir=pci:0:0");
        assertEquals(P2pMapType.BUS_ADDR, map(ids, T4, CMB, MapOptions.DEFAULTS).mapping().mapType(),
                "pci:0:0 names every function with ACS");
    }

    @Test
    void configAcsOnTheRedirectServerClearsOnlyWhatItNames() {
        KernelSession s = boot("acs-redirect-server.json", "intel_iommu=on pci=config_acs=x00xx@pci:1000:0");
        TopologyRules r = s.rules();
        assertEquals(P2pMapType.BUS_ADDR, r.p2p(CMB_NVME, T4).mapType(), "RR and CR cleared on the switch ports");
        KernelSession root = boot("acs-redirect-server.json", "intel_iommu=on pci=config_acs=x00xx@00:01.0");
        assertNotEquals(P2pMapType.BUS_ADDR, root.rules().p2p(CMB_NVME, T4).mapType(), "only the root port named");
    }

    @Test
    void droppingTheFilesOwnDisableAcsRedirBringsTheRedirectBack() {
        assertEquals(P2pMapType.BUS_ADDR, boot("switch-p2p-server.json", null).rules().p2p(CMB_NVME, T4).mapType());
        KernelSession s = boot("switch-p2p-server.json", "intel_iommu=on");
        assertNotEquals(P2pMapType.BUS_ADDR, s.rules().p2p(CMB_NVME, T4).mapType(),
                "your line replaces the file's: the kernel sets SV|RR|CR|UF on the DSPs again");
    }

    @Test
    void iommuPtOverridesTheFilesStoredDefaultDomain() {
        KernelSession stored = boot("switch-p2p-server.json", null);
        assertEquals(IommuMode.DMA_FQ, stored.map(new MapCall(NIC, BufferSpecParser.parse("host:node0:64KiB"),
                MapOptions.DEFAULTS)).mapping().request().iommuMode());
        KernelSession pt = boot("switch-p2p-server.json", "iommu=pt");
        assertEquals(DomainType.IDENTITY, pt.rules().groupOf(NIC).orElseThrow().domain().type());
        MapOutcome o = map(pt, NIC, "host:node0:4KiB:at=0x123456000", MapOptions.DEFAULTS);
        assertEquals(IommuMode.IDENTITY, o.mapping().request().iommuMode());
        assertEquals(0x1_2345_6000L, o.mapping().segments().address(0), "dma-direct: the physical address");
    }

    @Test
    void forcedacAllocatesTheFirstIovaAbove4GiB() {
        long below = map(boot("switch-p2p-server.json", null), CMB_NVME, "host:node0:4KiB", MapOptions.DEFAULTS)
                .mapping().segments().address(0);
        assertTrue(Long.compareUnsigned(below, 1L << 32) < 0, "IOM-22: just below 4 GiB first");
        KernelSession dac = boot("switch-p2p-server.json", "intel_iommu=on iommu.forcedac=1");
        long above = map(dac, CMB_NVME, "host:node0:4KiB", MapOptions.DEFAULTS).mapping().segments().address(0);
        assertTrue(Long.compareUnsigned(above, 1L << 32) > 0,
                "forcedac: the top of the limit, " + Long.toHexString(above));
        assertTrue(Long.compareUnsigned(above, 1L << 48) < 0, "inside the 48-bit aperture");
        long narrow = map(dac, NIC, "host:node0:4KiB", mask(32)).mapping().segments().address(0);
        assertTrue(Long.compareUnsigned(narrow, 1L << 32) < 0, "a 32-bit mask gets the same IOVA either way");
    }

    @Test
    void swiotlbForceBouncesASixtyFourBitDevice() {
        MapOutcome plain = map(boot("switch-p2p-server.json", "iommu=pt"), NIC, "host:node0:4KiB:at=0x123456000",
                MapOptions.DEFAULTS);
        assertTrue(plain.mapping().swiotlb().isEmpty());
        KernelSession forced = boot("switch-p2p-server.json", "iommu=pt swiotlb=force");
        MapOutcome o = map(forced, NIC, "host:node0:4KiB:at=0x123456000", MapOptions.DEFAULTS);
        assertEquals(1, o.mapping().swiotlb().size(), "TLB-8/9: every dma-direct streaming map bounces");
        assertNotEquals(0x1_2345_6000L, o.mapping().segments().address(0));
        assertEquals(o.mapping().swiotlb().get(0).tlbAddr(), o.mapping().segments().address(0));
        MapOutcome none = map(boot("switch-p2p-server.json", "iommu=pt swiotlb=noforce"), NIC,
                "host:node0:4KiB:at=0x123456000", mask(32));
        assertFalse(none.mapping().verdict().isOk(), "TLB-10: no pool, a 32-bit device cannot reach the buffer");
    }

    @Test
    void swiotlbSizeFromTheCommandLine() {
        KernelSession s = boot("switch-p2p-server.json", "iommu=pt swiotlb=100000");
        map(s, NIC, "host:node0:4KiB:at=0x123456000", mask(32));
        assertEquals(131072, s.snapshot().swiotlb().orElseThrow().nslabs(),
                "TLB-4: 100000 → 100096 → a power of two; the file's reported 64 MiB gives way");
    }

    @Test
    void memEncryptOnSetsTheCBitAndBouncesDevicesThatCannotReachIt() {
        String line = "ro quiet iommu=pt mem_encrypt=on";
        KernelSession sme = boot("epyc-dual-socket.json", line);
        assertEquals(1L << 47, sme.assumptions().smeMask());
        MapOutcome wide = map(sme, EPYC_NVME, "host:node0:4KiB:at=0x123456000", MapOptions.DEFAULTS);
        assertEquals(0x8001_2345_6000L, wide.mapping().segments().address(0), "SME-1: phys | C-bit, direct");
        assertTrue(wide.mapping().swiotlb().isEmpty());
        MapOutcome narrow = map(sme, EPYC_NVME, "host:node0:4KiB:at=0x80000000", mask(32));
        assertEquals(1, narrow.mapping().swiotlb().size(), "SME-2: below 4 GiB, yet the C-bit is out of reach");
        assertEquals(narrow.mapping().swiotlb().get(0).tlbAddr(), narrow.mapping().segments().address(0),
                "the bounce buffer's address carries no C-bit");
        assertEquals(1, map(sme, EPYC_NVME, "host:node0:4KiB:at=0x80000000", mask(44)).mapping().swiotlb().size(),
                "SME-3");
        assertTrue(map(sme, EPYC_NVME, "host:node0:4KiB:at=0x80000000", mask(48)).mapping().swiotlb().isEmpty(),
                "SME-4");
        KernelSession bit51 = KernelSession.boot(KernelSessionTest.sample("epyc-dual-socket.json"),
                PlatformOverrides.NONE.withCommandLine(line).withCBit(51));
        assertEquals(1, map(bit51, EPYC_NVME, "host:node0:4KiB:at=0x80000000", mask(48)).mapping().swiotlb().size(),
                "SME-5: C-bit 51, 48-bit mask");
        assertTrue(map(bit51, EPYC_NVME, "host:node0:4KiB:at=0x80000000", mask(52)).mapping().swiotlb().isEmpty());
        MapOutcome off = map(boot("epyc-dual-socket.json", "ro quiet iommu=pt"), EPYC_NVME,
                "host:node0:4KiB:at=0x80000000", mask(32));
        assertTrue(off.mapping().swiotlb().isEmpty(), "without SME a 32-bit device reaches 2 GiB");
        MapOutcome failed = map(boot("epyc-dual-socket.json", line + " swiotlb=noforce"), EPYC_NVME,
                "host:node0:4KiB:at=0x80000000", mask(32));
        assertFalse(failed.mapping().verdict().isOk(), "SME-8: no pool");
        assertTrue(failed.mapping().kernelLog().stream().anyMatch(l -> l.contains("0x80008000")),
                failed.mapping().kernelLog().toString());
    }

    @Test
    void memEncryptDoesNothingOnAnIntelCpu() {
        KernelSession s = boot("switch-p2p-server.json", "iommu=pt mem_encrypt=on");
        assertEquals(0, s.assumptions().smeMask(), "SME-13");
        assertTrue(s.assumptions().memoryEncryptionAssumption().detail().contains("AMD or Hygon"));
    }

    @Test
    void theUserLineIsWhatTheSessionReports() {
        KernelSession s = boot("switch-p2p-server.json", "iommu=pt");
        assertEquals(Optional.of("iommu=pt"), s.platform().commandLine());
        assertEquals("iommu=pt", s.assumptions().commandLine().text());
        Topology t = KernelSessionTest.sample("switch-p2p-server.json");
        assertTrue(s.assumptions().commandLineAssumption().detail().contains(t.platform().kernelCommandLine()
                .orElseThrow()), "it names the line it replaces");
    }
}
