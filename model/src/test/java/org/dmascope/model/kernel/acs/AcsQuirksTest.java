package org.dmascope.model.kernel.acs;

import static org.dmascope.model.kernel.fixtures.Fx.bdf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.dmascope.model.kernel.fixtures.Fx;
import org.dmascope.model.kernel.platform.PlatformAssumptions;
import org.dmascope.model.kernel.platform.PlatformOverrides;
import org.dmascope.model.topology.Acs;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.Platform.IommuDriver;
import org.dmascope.model.topology.PortType;
import org.dmascope.model.topology.Topology;
import org.junit.jupiter.api.Test;

/** The pci_dev_acs_enabled[] quirks of kernel-quirks.md section 3 (R-ACS-2 step 1). */
class AcsQuirksTest {
    private static final int REQ = AcsRules.REQ_ACS_FLAGS;

    private static Topology machine(PciFunction... fs) {
        PciFunction host = PciFunction.builder(bdf("0000:00:00.0")).identity(Fx.id(0x8086, 0x1234, 0x060000))
                .portType(PortType.CONVENTIONAL_PCI).multifunction(false).acs(Acs.ABSENT).build();
        List<PciFunction> all = new java.util.ArrayList<>(List.of(fs));
        all.add(host);
        return Fx.topology("q", Fx.intelVtd(), List.of(Fx.hostBridge(0, 0)), all);
    }

    private static AcsVerdict verdict(Topology t, PlatformOverrides o, String addr) {
        AcsRules r = new AcsRules(t, PlatformAssumptions.resolve(t, o));
        return r.enabled(t.function(bdf(addr)).orElseThrow(), REQ);
    }

    @Test
    void intelPchRootPortIsIsolatedOnlyWhenAcsWasRequested() {
        Topology t = machine(Fx.port("0000:00:1c.0", PortType.ROOT_PORT, 0x8086, 0x8c10, Acs.ABSENT, 1, 1));
        AcsVerdict on = verdict(t, PlatformOverrides.NONE, "0000:00:1c.0");
        assertTrue(on.enabled());
        assertEquals("pci_quirk_intel_pch_acs", on.quirk().orElseThrow());
        AcsVerdict off = verdict(t, PlatformOverrides.NONE.withAcsRequested(false), "0000:00:1c.0");
        assertFalse(off.enabled());
    }

    @Test
    void sunrisePointReadsTheDwordAtPlusEightNotLspcisControl() {
        // lspci shows control 0 at +6, yet the kernel enabled SV|RR|CR|UF in the +8 dword.
        Topology t = machine(Fx.port("0000:00:1c.0", PortType.ROOT_PORT, 0x8086, 0xa110, Acs.of(0x1F, 0), 1, 1));
        AcsVerdict v = verdict(t, PlatformOverrides.NONE, "0000:00:1c.0");
        assertTrue(v.enabled(), v.clause());
        assertEquals("pci_quirk_intel_spt_pch_acs", v.quirk().orElseThrow());
        assertTrue(v.clause().contains("+8"));
        assertFalse(verdict(t, PlatformOverrides.NONE.withAcsRequested(false), "0000:00:1c.0").enabled());
    }

    @Test
    void amdSouthbridgeNeedsAnAmdIommu() {
        PciFunction smbus = Fx.endpoint("0000:00:14.0", 0x1002, 0x4385, 0x0c0500,
                Acs.ABSENT).toBuilder().multifunction(true).build();
        Topology t = machine(smbus);
        assertTrue(verdict(t, PlatformOverrides.NONE.withIommu(IommuDriver.AMD_VI), "0000:00:14.0").enabled());
        assertFalse(verdict(t, PlatformOverrides.NONE.withIommu(IommuDriver.INTEL_VTD), "0000:00:14.0").enabled());
    }

    @Test
    void intelRciepsClaimIsolation() {
        PciFunction rciep = PciFunction.builder(bdf("0000:00:14.0")).identity(Fx.id(0x8086, 0x06ed, 0x0c0330))
                .portType(PortType.RC_INTEGRATED_ENDPOINT).multifunction(true).acs(Acs.ABSENT).build();
        assertEquals("pci_quirk_rciep_acs", verdict(machine(rciep), PlatformOverrides.NONE,
                "0000:00:14.0").quirk().orElseThrow());
    }

    @Test
    void zhaoxinPortsOutsideTheListAreNeverIsolated() {
        Topology t = machine(Fx.port("0000:00:01.0", PortType.ROOT_PORT, 0x1d17, 0x0800, Acs.of(0x1F, 0x1D), 1, 1),
                Fx.port("0000:00:02.0", PortType.ROOT_PORT, 0x1d17, 0x0717, Acs.ABSENT, 2, 2));
        assertFalse(verdict(t, PlatformOverrides.NONE, "0000:00:01.0").enabled(),
                "a real, enabled ACS capability is ignored");
        assertTrue(verdict(t, PlatformOverrides.NONE, "0000:00:02.0").enabled());
    }

    @Test
    void caviumAnyEntryFallsThroughToTheMultifunctionEntries() {
        PciFunction mf = Fx.endpoint("0000:00:05.0", 0x177d, 0xA026, 0x020000,
                Acs.ABSENT).toBuilder().multifunction(true).build();
        AcsVerdict v = verdict(machine(mf), PlatformOverrides.NONE, "0000:00:05.0");
        assertEquals("pci_quirk_mf_endpoint_acs", v.quirk().orElseThrow());
        assertTrue(v.enabled());
        Topology rp = machine(Fx.port("0000:00:01.0", PortType.ROOT_PORT, 0x177d, 0xaf84, Acs.ABSENT, 1, 1));
        assertEquals("pci_quirk_cavium_acs", verdict(rp, PlatformOverrides.NONE, "0000:00:01.0").quirk().orElseThrow());
    }

    @Test
    void wangxunUnlistedIdsAreNotIsolated() {
        PciFunction nic = Fx.endpoint("0000:00:05.0", 0x8088, 0x9999, 0x020000, Acs.of(0,
                0)).toBuilder().multifunction(true).build();
        assertFalse(verdict(machine(nic), PlatformOverrides.NONE, "0000:00:05.0").enabled());
    }

    @Test
    void tableOrderKeepsTheKernelsOrder() {
        List<AcsQuirkTable.Entry> e = AcsQuirkTable.standard().entries();
        assertEquals("pci_quirk_amd_sb_acs", e.get(0).quirk().kernelName());
        assertEquals("pci_quirk_wangxun_nic_acs", e.get(e.size() - 1).quirk().kernelName());
        int rciep = -1;
        int pch = -1;
        for (int i = 0; i < e.size(); i++) {
            if (e.get(i).quirk() instanceof IntelRciepAcsQuirk) rciep = i;
            if (e.get(i).quirk() instanceof IntelPchAcsQuirk) pch = i;
        }
        assertTrue(rciep >= 0 && rciep < pch);
    }
}
