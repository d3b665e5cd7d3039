package org.dmascope.model.kernel.groups;

import static org.dmascope.model.kernel.fixtures.Fx.bdf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.dmascope.model.kernel.fixtures.Fx;
import org.dmascope.model.kernel.fixtures.T1;
import org.dmascope.model.kernel.groups.GroupMember.Mechanism;
import org.dmascope.model.kernel.platform.PlatformAssumptions;
import org.dmascope.model.kernel.platform.PlatformOverrides;
import org.dmascope.model.topology.Acs;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.PortType;
import org.dmascope.model.topology.Topology;
import org.junit.jupiter.api.Test;

/** The vectors of kernel-dma-rules.md section 3.8 (R-GRP-1, R-GRP-2, mainline algorithm). */
class GroupVectorsTest {

    static IommuGroups groups(Topology t) {
        return IommuGroupBuilder.build(t, PlatformAssumptions.of(t));
    }

    static Set<Set<String>> partition(IommuGroups g) {
        return g.groups().stream().map(gr -> gr.addresses().stream().map(Bdf::toString).collect(Collectors.toSet()))
                .collect(Collectors.toSet());
    }

    static Set<String> set(String... s) {
        return Set.of(s);
    }

    /** GR-1's T1: the kernel enabled ACS (SV|RR|CR|UF) on both root ports and both downstream ports. */
    static Topology t1AcsOn() {
        Topology t = T1.t1();
        for (String p : List.of(T1.RP1, T1.RP2, T1.DSPA, T1.DSPB)) t = Fx.setAcsControl(t, p, 0x1D);
        return t;
    }

    @Test
    void gr1_everyDeviceAloneWhenTheKernelEnabledAcs() {
        IommuGroups g = groups(t1AcsOn());
        assertEquals(Set.of(set(T1.HBDEV), set(T1.RP1), set(T1.RP2), set(T1.USP), set(T1.DSPA), set(T1.DSPB),
                set(T1.EPA),
                set(T1.EPB), set(T1.EPC)), partition(g));
        assertEquals(List.of(bdf(T1.HBDEV), bdf(T1.RP1), bdf(T1.RP2), bdf(T1.USP), bdf(T1.DSPA), bdf(T1.DSPB),
                bdf(T1.EPA),
                bdf(T1.EPB), bdf(T1.EPC)), g.groups().stream().map(gr -> gr.addresses().get(0)).toList(),
                        "ids in probe order");
    }

    @Test
    void gr1_sameGroupsFromTheAcsRequestedWhatIf() {
        Topology t = T1.t1();
        PlatformAssumptions whatIf = PlatformAssumptions.resolve(t, PlatformOverrides.NONE.withAcsRequested(true));
        IommuGroups g = IommuGroupBuilder.build(t, whatIf);
        assertEquals(partition(groups(t1AcsOn())), partition(g));
        assertTrue(g.notes().stream().anyMatch(n -> n.contains("what-if")), g.notes().toString());
    }

    @Test
    void gr2_downstreamPortsWithoutAcsGiveTwoSeparateGroups() {
        Topology t = t1AcsOn();
        t = Fx.replace(t, T1.DSPA, Fx.port(T1.DSPA, PortType.SWITCH_DOWNSTREAM, 0x1000, 0xc030, Acs.ABSENT, 3, 3));
        t = Fx.replace(t, T1.DSPB, Fx.port(T1.DSPB, PortType.SWITCH_DOWNSTREAM, 0x1000, 0xc030, Acs.ABSENT, 4, 4));
        IommuGroups g = groups(t);
        assertEquals(Set.of(T1.DSPA, T1.EPA), set(g.groupOf(bdf(T1.EPA)).orElseThrow()));
        assertEquals(Set.of(T1.DSPB, T1.EPB), set(g.groupOf(bdf(T1.EPB)).orElseThrow()));
        GroupMember epa = g.groupOf(bdf(T1.EPA)).orElseThrow().member(bdf(T1.EPA)).orElseThrow();
        assertEquals(Mechanism.BRIDGE_CLIMB, epa.mechanism());
        assertEquals("behind switch downstream port 0000:02:00.0, which has no ACS capability and no quirk",
                epa.reason());
    }

    private static Set<String> set(IommuGroup g) {
        return g.addresses().stream().map(Bdf::toString).collect(Collectors.toSet());
    }

    private static Topology dualFunctionNic(Acs acs) {
        Topology t = t1AcsOn();
        PciFunction fn0 = Fx.endpoint("0000:03:00.0", 0x15b3, 0x1017, 0x020000, acs).toBuilder().multifunction(true)
                .build();
        PciFunction fn1 = Fx.endpoint("0000:03:00.1", 0x15b3, 0x1017, 0x020000, acs).toBuilder().multifunction(true)
                .build();
        return Fx.add(Fx.remove(t, T1.EPA), fn0, fn1);
    }

    @Test
    void gr3_functionsWithoutAcsShareAGroup() {
        IommuGroups g = groups(dualFunctionNic(Acs.ABSENT));
        IommuGroup nic = g.groupOf(bdf("0000:03:00.0")).orElseThrow();
        assertEquals(Set.of("0000:03:00.0", "0000:03:00.1"), set(nic));
        GroupMember fn1 = nic.member(bdf("0000:03:00.1")).orElseThrow();
        assertEquals(Mechanism.SLOT_FUNCTION, fn1.mechanism());
        assertTrue(fn1.reason().startsWith("function of a multifunction slot without ACS isolation"), fn1.reason());
    }

    @Test
    void gr4_functionsWithAcsAreSeparate() {
        for (Acs acs : List.of(Acs.of(0x1F, 0x1D), Acs.of(0, 0))) {
            IommuGroups g = groups(dualFunctionNic(acs));
            assertEquals(Set.of("0000:03:00.0"), set(g.groupOf(bdf("0000:03:00.0")).orElseThrow()), acs.toString());
            assertEquals(Set.of("0000:03:00.1"), set(g.groupOf(bdf("0000:03:00.1")).orElseThrow()), acs.toString());
        }
    }

    @Test
    void gr5_conventionalDevicesBehindAPcieToPciBridgeJoinTheBridge() {
        Topology t = Fx.remove(t1AcsOn(), T1.EPC);
        PciFunction bridge = Fx.port("0000:05:00.0", PortType.PCIE_TO_PCI_BRIDGE, 0x104c, 0x8240, Acs.ABSENT, 6, 6);
        PciFunction a = PciFunction.builder(bdf("0000:06:01.0")).identity(Fx.id(0x104c, 0x8024, 0x0c0010))
                .portType(PortType.CONVENTIONAL_PCI).headerType(0).multifunction(false).acs(Acs.ABSENT).build();
        PciFunction b = a.toBuilder().address(bdf("0000:06:02.0")).build();
        IommuGroups g = groups(Fx.add(t, bridge, a, b));
        IommuGroup group = g.groupOf(bdf("0000:06:01.0")).orElseThrow();
        assertEquals(Set.of("0000:05:00.0", "0000:06:01.0", "0000:06:02.0"), set(group));
        GroupMember m = group.member(bdf("0000:06:02.0")).orElseThrow();
        assertEquals(Mechanism.ALIAS_WALK, m.mechanism());
        assertEquals("aliased by PCIe-to-PCI bridge 0000:05:00.0: the IOMMU sees its DMA as requester ID 06:00.0",
                m.reason());
    }

    /** GR-6: two functions of one PCH root-port slot without ACS or quirk, each with an endpoint. */
    static Topology pchRootPorts() {
        PciFunction host = PciFunction.builder(bdf("0000:00:00.0")).identity(Fx.id(0x8086, 0x9b53, 0x060000))
                .portType(PortType.CONVENTIONAL_PCI).headerType(0).multifunction(false).acs(Acs.ABSENT).build();
        PciFunction rpA = Fx.port("0000:00:1c.0", PortType.ROOT_PORT, 0x8086, 0x06b8, Acs.ABSENT, 2,
                2).toBuilder().multifunction(true).build();
        PciFunction rpB = Fx.port("0000:00:1c.4", PortType.ROOT_PORT, 0x8086, 0x06bc, Acs.ABSENT, 3,
                3).toBuilder().multifunction(true).build();
        PciFunction epA = Fx.endpoint("0000:02:00.0", 0x14e4, 0x4464, 0x028000, Acs.ABSENT);
        PciFunction epB = Fx.endpoint("0000:03:00.0", 0x14e4, 0x1686, 0x020000, Acs.ABSENT);
        return Fx.topology("pch", Fx.intelVtd(), List.of(Fx.hostBridge(0, 0)), List.of(host, rpA, rpB, epA, epB));
    }

    @Test
    void gr6_pchRootPortsOfOneSlotAndTheirEndpointsFormOneGroup() {
        IommuGroups g = groups(pchRootPorts());
        IommuGroup group = g.groupOf(bdf("0000:00:1c.0")).orElseThrow();
        assertEquals(Set.of("0000:00:1c.0", "0000:00:1c.4", "0000:02:00.0", "0000:03:00.0"), set(group));
        assertEquals(Mechanism.SLOT_FUNCTION, group.member(bdf("0000:00:1c.4")).orElseThrow().mechanism());
        assertEquals("behind root port 0000:00:1c.0, which has no ACS capability and no quirk",
                group.member(bdf("0000:02:00.0")).orElseThrow().reason());
    }

    @Test
    void gr7_quirkDmaAliasSharesTheAliasDevicesGroup() {
        Topology t = Fx.remove(t1AcsOn(), T1.EPC);
        PciFunction sata = Fx.endpoint("0000:05:00.0", 0x1b4b, 0x9123, 0x010601, Acs.of(0,
                0)).toBuilder().multifunction(true).build();
        PciFunction ide = Fx.endpoint("0000:05:00.1", 0x1b4b, 0x91a4, 0x010185, Acs.of(0,
                0)).toBuilder().multifunction(true).build();
        IommuGroups g = groups(Fx.add(t, sata, ide));
        IommuGroup group = g.groupOf(bdf("0000:05:00.0")).orElseThrow();
        assertEquals(Set.of("0000:05:00.0", "0000:05:00.1"), set(group));
        GroupMember m = group.member(bdf("0000:05:00.1")).orElseThrow();
        assertEquals(Mechanism.SAME_BUS_ALIAS, m.mechanism());
        assertTrue(m.reason().contains("quirk_dma_func1_alias"), m.reason());
        // Without the alias quirk the two isolated functions would be apart:
        PciFunction other = sata.toBuilder().identity(Fx.id(0x1b4b, 0x9999, 0x010601)).build();
        IommuGroups apart = groups(Fx.add(t, other, ide));
        assertEquals(Set.of("0000:05:00.1"), set(apart.groupOf(bdf("0000:05:00.1")).orElseThrow()));
    }

    @Test
    void noIommuMeansNoGroups() {
        Topology t = T1.t1();
        PlatformAssumptions none = PlatformAssumptions.resolve(t,
                PlatformOverrides.NONE.withIommu(org.dmascope.model.topology.Platform.IommuDriver.NONE));
        IommuGroups g = IommuGroupBuilder.build(t, none);
        assertTrue(g.groups().isEmpty());
        assertTrue(g.notes().get(0).startsWith("no IOMMU"));
    }
}
