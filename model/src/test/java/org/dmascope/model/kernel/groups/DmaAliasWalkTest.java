package org.dmascope.model.kernel.groups;

import static org.dmascope.model.kernel.fixtures.Fx.bdf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.dmascope.model.kernel.fixtures.Fx;
import org.dmascope.model.kernel.fixtures.T1;
import org.dmascope.model.kernel.platform.PlatformAssumptions;
import org.dmascope.model.kernel.profile.KernelProfile;
import org.dmascope.model.topology.Acs;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.HostBridge;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.Platform.IommuDriver;
import org.dmascope.model.topology.PortType;
import org.dmascope.model.topology.Topology;
import org.junit.jupiter.api.Test;

/** R-GRP-1 pci_for_each_dma_alias: bridge kinds, bridge flags, quirk aliases and VMD. */
class DmaAliasWalkTest {

    private static List<String> rids(Topology t, String addr, KernelProfile k) {
        DmaAliasWalk w = new DmaAliasWalk(t, k);
        return w.walk(t.function(bdf(addr)).orElseThrow()).steps().stream()
                .map(s -> s.device().address().shortText() + "@" + s.rid()).toList();
    }

    /** RP2 → bridge 05:00.0 of the given kind → conventional device 06:01.0. */
    private static Topology behind(PciFunction bridge) {
        PciFunction dev = PciFunction.builder(bdf("0000:06:01.0")).identity(Fx.id(0x104c, 0x8024, 0x0c0010))
                .portType(PortType.CONVENTIONAL_PCI).headerType(0).multifunction(false).acs(Acs.ABSENT).build();
        return Fx.add(Fx.remove(T1.t1(), T1.EPC), bridge, dev);
    }

    @Test
    void pcieToPciBridgeTakesOwnershipAsSecondaryBusZero() {
        Topology t = behind(Fx.port("0000:05:00.0", PortType.PCIE_TO_PCI_BRIDGE, 0x104c, 0x8240, Acs.ABSENT, 6, 6));
        assertEquals(List.of("06:01.0@06:01.0", "05:00.0@06:00.0"), rids(t, "0000:06:01.0", KernelProfile.MAINLINE));
    }

    @Test
    void aspeedBridgeForwardsTheOriginalIdFrom7_0() {
        Topology t = behind(Fx.port("0000:05:00.0", PortType.PCIE_TO_PCI_BRIDGE, 0x1a03, 0x1150, Acs.ABSENT, 6, 6));
        assertEquals(List.of("06:01.0@06:01.0"), rids(t, "0000:06:01.0", KernelProfile.V7_0));
        assertEquals(List.of("06:01.0@06:01.0", "05:00.0@06:00.0"), rids(t, "0000:06:01.0", KernelProfile.V6_19));
    }

    @Test
    void pciToPcieBridgeAndConventionalBridgesUseTheirOwnId() {
        Topology rev = behind(Fx.port("0000:05:00.0", PortType.PCI_TO_PCIE_BRIDGE, 0x104c, 0x8240, Acs.ABSENT, 6, 6));
        assertEquals(List.of("06:01.0@06:01.0", "05:00.0@05:00.0"), rids(rev, "0000:06:01.0", KernelProfile.MAINLINE));
        Topology conv = behind(Fx.port("0000:05:00.0", PortType.CONVENTIONAL_PCI, 0x1234, 0x5678, Acs.ABSENT, 6, 6));
        assertEquals(List.of("06:01.0@06:01.0", "05:00.0@05:00.0"), rids(conv, "0000:06:01.0", KernelProfile.MAINLINE));
    }

    @Test
    void asmediaConventionalBridgeBehindPcieUsesThePcieBridgeAlias() {
        Topology t = behind(Fx.port("0000:05:00.0", PortType.CONVENTIONAL_PCI, 0x1b21, 0x1080, Acs.ABSENT, 6, 6));
        assertEquals(List.of("06:01.0@06:01.0", "05:00.0@06:00.0"), rids(t, "0000:06:01.0", KernelProfile.MAINLINE));
    }

    @Test
    void thunderX2RootPortStopsTheWalk() {
        Topology t = behind(Fx.port("0000:05:00.0", PortType.PCIE_TO_PCI_BRIDGE, 0x104c, 0x8240, Acs.ABSENT, 6, 6));
        t = Fx.replace(t, T1.RP2, Fx.port(T1.RP2, PortType.ROOT_PORT, 0x14e4, 0x9084, Acs.ABSENT, 5, 6));
        t = Fx.replace(t, "0000:05:00.0", Fx.port("0000:05:00.0", PortType.SWITCH_UPSTREAM, 0x14e4, 0x9000, Acs.ABSENT,
                6, 6));
        DmaAliasWalk.Result r = new DmaAliasWalk(t, KernelProfile.MAINLINE).walk(t.function(bdf("0000:06:01.0"))
                .orElseThrow());
        assertEquals(bdf("0000:05:00.0"), r.stoppedAt().orElseThrow().address());
    }

    @Test
    void marvellPhantomFunctionIsAQuirkAlias() {
        Topology t = Fx.add(Fx.remove(T1.t1(), T1.EPC), Fx.endpoint("0000:05:00.0", 0x1b4b, 0x9230, 0x010601,
                Acs.ABSENT));
        assertEquals(List.of("05:00.0@05:00.0", "05:00.0@05:00.1"), rids(t, "0000:05:00.0", KernelProfile.MAINLINE));
    }

    @Test
    void devicesBehindVmdJoinTheVmdControllersGroup() {
        Topology base = T1.t1();
        PciFunction vmd = PciFunction.builder(bdf("0000:00:0e.0")).identity(Fx.id(0x8086, 0x467f, 0x010400))
                .portType(PortType.RC_INTEGRATED_ENDPOINT).headerType(0).multifunction(false).acs(Acs.ABSENT).build();
        PciFunction rp = Fx.port("10000:e0:06.0", PortType.ROOT_PORT, 0x8086, 0x464d, Acs.of(0x1F, 0x1D), 0xe1, 0xe1);
        PciFunction nvme = Fx.endpoint("10000:e1:00.0", 0x144d, 0xa80a, 0x010802, Acs.ABSENT);
        HostBridge vmdHost = Fx.hostBridge(0x10000, 0xe0);
        List<HostBridge> hbs = new java.util.ArrayList<>(base.hostBridges());
        hbs.add(vmdHost);
        List<PciFunction> fs = new java.util.ArrayList<>(base.functions());
        fs.addAll(List.of(vmd, rp, nvme));
        Topology t = Fx.topology("vmd", base.platform(), hbs, fs);
        IommuGroups g = IommuGroupBuilder.build(t, PlatformAssumptions.of(t));
        Set<String> group = g.groupOf(bdf("10000:e1:00.0")).orElseThrow().addresses().stream().map(Bdf::toString)
                .collect(Collectors.toSet());
        assertEquals(Set.of("0000:00:0e.0", "10000:e0:06.0", "10000:e1:00.0"), group);
        assertTrue(g.groupOf(bdf("10000:e1:00.0")).orElseThrow().member(bdf("10000:e1:00.0")).orElseThrow().reason()
                .contains("VMD controller 0000:00:0e.0"));
    }

    @Test
    void amdIommuFunctionGetsNoGroup() {
        PciFunction iommu = PciFunction.builder(bdf("0000:00:00.2")).identity(Fx.id(0x1022, 0x1481, 0x080600))
                .portType(PortType.RC_INTEGRATED_ENDPOINT).headerType(0).multifunction(true).acs(Acs.ABSENT).build();
        Topology t = Fx.add(T1.t1(), iommu);
        PlatformAssumptions a = PlatformAssumptions.resolve(t, org.dmascope.model.kernel.platform.PlatformOverrides.NONE
                .withIommu(IommuDriver.AMD_VI));
        IommuGroups g = IommuGroupBuilder.build(t, a);
        assertTrue(g.groupOf(bdf("0000:00:00.2")).isEmpty());
        assertTrue(g.ungrouped().get(bdf("0000:00:00.2")).contains("AMD IOMMU"));
    }
}
