package org.dmascope.model.kernel.p2p;

import static org.dmascope.model.kernel.fixtures.Fx.bdf;
import static org.dmascope.model.kernel.fixtures.T1.DSPA;
import static org.dmascope.model.kernel.fixtures.T1.DSPB;
import static org.dmascope.model.kernel.fixtures.T1.EPA;
import static org.dmascope.model.kernel.fixtures.T1.EPB;
import static org.dmascope.model.kernel.fixtures.T1.EPC;
import static org.dmascope.model.kernel.fixtures.T1.USP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.dmascope.model.kernel.TopologyRules;
import org.dmascope.model.kernel.acs.AcsState;
import org.dmascope.model.kernel.fixtures.Fx;
import org.dmascope.model.kernel.fixtures.T1;
import org.dmascope.model.kernel.platform.PlatformAssumptions;
import org.dmascope.model.topology.Acs;
import org.dmascope.model.topology.HostBridge;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.Platform.CpuVendor;
import org.dmascope.model.topology.PortType;
import org.dmascope.model.topology.Topology;
import org.junit.jupiter.api.Test;

/**
 * The vectors of kernel-dma-rules.md section 3.1 on topology T1: R-P2P-1 (ACS redirect), R-P2P-2 (AMD
 * Zen CPUs), R-P2P-3 and R-P2P-4 (the host-bridge whitelist), R-P2P-5 (map type and distance), R-P2P-6
 * ({@code pci_p2pdma_distance_many}), R-P2P-7 ({@code pci_p2pmem_find_many}) and R-P2P-8 (the map-time
 * lookup).
 */
class P2pVectorsTest {

    private static TopologyRules rules(Topology t) {
        return TopologyRules.of(t, PlatformAssumptions.of(t));
    }

    private static P2pVerdict p2p(Topology t, String provider, String client) {
        return rules(t).p2p(bdf(provider), bdf(client));
    }

    private static Topology withCpu(Topology t, CpuVendor v, int family) {
        return t.withPlatform(Fx.cpu(t.platform(), v, family));
    }

    @Test
    void p2p1_sameDeviceIsBusAddrAtDistanceZero() {
        Topology t = T1.t1();
        P2pVerdict v = p2p(t, EPB, EPB);
        assertEquals(P2pMapType.BUS_ADDR, v.mapType());
        assertEquals(0, v.distance());
        assertEquals(0, rules(t).distanceMany(bdf(EPB), List.of(P2pClient.pci(bdf(EPB))), false).distance());
    }

    @Test
    void p2p2_switchLocalPairWithoutAcsIsBusAddrDistanceFour() {
        P2pVerdict v = p2p(T1.t1(), EPB, EPA);
        assertEquals(P2pMapType.BUS_ADDR, v.mapType());
        assertEquals(4, v.distance());
        assertEquals(Optional.of(bdf(USP)), v.commonUpstream());
        assertTrue(v.acsRedirects().isEmpty());
    }

    @Test
    void p2p3_acsOnClientPathGoesThroughWhitelistedHostBridge() {
        Topology t = Fx.setAcsControl(T1.t1(0x8086, 0x2020), DSPA, 0x001D);
        P2pVerdict v = p2p(t, EPB, EPA);
        assertEquals(P2pMapType.THRU_HOST_BRIDGE, v.mapType());
        assertEquals(4, v.distance());
        assertEquals(List.of(bdf(DSPA)), v.acsRedirects().stream().map(RedirectPort::device).toList());
        assertEquals(4, rules(t).distanceMany(bdf(EPB), List.of(P2pClient.pci(bdf(EPA))), false).distance());
        assertTrue(v.reason().contains("ACS redirect (ReqRedir+ CmpltRedir+) on 0000:02:00.0"), v.reason());
        assertEquals(Optional.of("pci=disable_acs_redir=0000:02:00.0"), v.suggestion());
    }

    @Test
    void p2p4_acsWithUnlistedHostBridgeOnIntelIsNotSupported() {
        Topology t = Fx.setAcsControl(T1.t1(0x8086, 0x1234), DSPA, 0x001D);
        P2pVerdict v = p2p(t, EPB, EPA);
        assertEquals(P2pMapType.NOT_SUPPORTED, v.mapType());
        assertEquals(-1, rules(t).distanceMany(bdf(EPB), List.of(P2pClient.pci(bdf(EPA))), false).distance());
        assertTrue(v.reason().contains("not on the P2PDMA whitelist"), v.reason());
    }

    @Test
    void p2p5_amdZen3CpuAllowsAnyHostBridge() {
        Topology t = withCpu(Fx.setAcsControl(T1.t1(0x8086, 0x1234), DSPA, 0x001D), CpuVendor.AMD, 0x19);
        P2pVerdict v = p2p(t, EPB, EPA);
        assertEquals(P2pMapType.THRU_HOST_BRIDGE, v.mapType());
        assertEquals(4, v.distance());
        assertTrue(v.hostBridge().orElseThrow().byCpu(), "the whitelist is not consulted");
    }

    @Test
    void p2p6_preZenAmdAndHygonAreNotSupported() {
        Topology base = Fx.setAcsControl(T1.t1(0x8086, 0x1234), DSPA, 0x001D);
        assertEquals(P2pMapType.NOT_SUPPORTED, p2p(withCpu(base, CpuVendor.AMD, 0x16), EPB, EPA).mapType());
        assertEquals(P2pMapType.NOT_SUPPORTED, p2p(withCpu(base, CpuVendor.HYGON, 0x18), EPB, EPA).mapType());
    }

    @Test
    void p2p7_egressControlAloneCountsAsRedirect() {
        Topology whitelisted = Fx.setAcsControl(T1.t1(0x8086, 0x2020), DSPB, 0x0020);
        assertEquals(P2pMapType.THRU_HOST_BRIDGE, p2p(whitelisted, EPB, EPA).mapType());
        Topology unlisted = Fx.setAcsControl(T1.t1(0x8086, 0x1234), DSPB, 0x0020);
        assertEquals(P2pMapType.NOT_SUPPORTED, p2p(unlisted, EPB, EPA).mapType());
    }

    @Test
    void p2p8_sourceValidationAndUpstreamForwardingAreNoRedirect() {
        Topology t = Fx.setAcsControl(Fx.setAcsControl(T1.t1(), DSPA, 0x0011), DSPB, 0x0011);
        P2pVerdict v = p2p(t, EPB, EPA);
        assertEquals(P2pMapType.BUS_ADDR, v.mapType());
        assertEquals(4, v.distance());
    }

    @Test
    void p2p9_redirectOnTheCommonUpstreamPortCounts() {
        Topology t = Fx.replace(T1.t1(), USP, Fx.port(USP, PortType.SWITCH_UPSTREAM, 0x1000, 0xc030, Acs.of(0x1F,
                Acs.RR), 2, 4));
        P2pVerdict v = p2p(t, EPB, EPA);
        assertEquals(P2pMapType.THRU_HOST_BRIDGE, v.mapType());
        assertEquals(4, v.distance());
        assertEquals(List.of(bdf(USP)), v.acsRedirects().stream().map(RedirectPort::device).toList());
    }

    @Test
    void p2p10_noCommonBridgeSumsBothChains() {
        P2pVerdict v = p2p(T1.t1(0x8086, 0x2020), EPB, EPC);
        assertEquals(P2pMapType.THRU_HOST_BRIDGE, v.mapType());
        assertEquals(6, v.distance());
        assertTrue(v.commonUpstream().isEmpty());
    }

    @Test
    void p2p11_sameHostBridgeSatisfiesReqSameHostBridge() {
        P2pVerdict v = p2p(T1.t1(0x8086, 0x3c00), EPB, EPC);
        assertEquals(P2pMapType.THRU_HOST_BRIDGE, v.mapType());
        assertEquals(6, v.distance());
    }

    /** T1 plus a second host bridge HB1 (root bus 80, first device 80:00.0) with EPd under root port 80:01.0. */
    private static Topology twoHostBridges(int hb0Device, int hb1Device) {
        Topology t = T1.t1(0x8086, hb0Device);
        List<HostBridge> hbs = new ArrayList<>(t.hostBridges());
        hbs.add(Fx.hostBridge(0, 0x80));
        List<PciFunction> fs = new ArrayList<>(t.functions());
        fs.add(PciFunction.builder(bdf("0000:80:00.0")).identity(Fx.id(0x8086, hb1Device, 0x060000))
                .portType(PortType.CONVENTIONAL_PCI).headerType(0).multifunction(false).acs(Acs.ABSENT).build());
        fs.add(Fx.port("0000:80:01.0", PortType.ROOT_PORT, 0x8086, 0x2032, Acs.of(0x1F, 0), 0x81, 0x81));
        fs.add(Fx.endpoint("0000:81:00.0", 0x15b3, 0x101d, 0x020000, Acs.ABSENT));
        return Fx.topology("T1+HB1", t.platform(), hbs, fs);
    }

    @Test
    void p2p12_differentHostBridgesNeedEntriesWithoutReqSameHostBridge() {
        P2pVerdict sandy = p2p(twoHostBridges(0x3c00, 0x3c00), EPB, "0000:81:00.0");
        assertEquals(P2pMapType.NOT_SUPPORTED, sandy.mapType());
        assertEquals(6, sandy.distance());
        assertTrue(sandy.reason().contains("REQ_SAME_HOST_BRIDGE"), sandy.reason());
        P2pVerdict skylake = p2p(twoHostBridges(0x2020, 0x2020), EPB, "0000:81:00.0");
        assertEquals(P2pMapType.THRU_HOST_BRIDGE, skylake.mapType());
        assertEquals(6, skylake.distance());
        Topology zen = withCpu(twoHostBridges(0x3c00, 0x3c00), CpuVendor.AMD, 0x17);
        assertEquals(P2pMapType.THRU_HOST_BRIDGE, p2p(zen, EPB, "0000:81:00.0").mapType());
    }

    /** T1 without 00:00.0; root ports at 00:08.0 / 00:09.0 instead of 00:01.0 / 00:02.0. */
    private static Topology withoutHostBridgeDevice(PciFunction first) {
        Topology t = T1.t1();
        List<PciFunction> fs = new ArrayList<>();
        for (PciFunction f : t.functions()) {
            String a = f.address().toString();
            if (a.equals(T1.HBDEV)) continue;
            if (a.equals(T1.RP1)) f = f.toBuilder().address(bdf("0000:00:08.0")).build();
            if (a.equals(T1.RP2)) f = f.toBuilder().address(bdf("0000:00:09.0")).build();
            fs.add(f);
        }
        if (first != null) fs.add(first);
        return t.withFunctions(fs);
    }

    @Test
    void p2p13_firstRootBusDeviceThatIsNeitherZeroNorRootPortIsNoHostBridgeDevice() {
        PciFunction other = PciFunction.builder(bdf("0000:00:04.0")).identity(Fx.id(0x8086, 0x2021, 0x088000))
                .portType(PortType.RC_INTEGRATED_ENDPOINT).headerType(0).multifunction(false).acs(Acs.ABSENT).build();
        P2pVerdict v = p2p(withoutHostBridgeDevice(other), EPB, EPC);
        assertEquals(P2pMapType.NOT_SUPPORTED, v.mapType());
        assertTrue(v.reason().contains("neither 00.0 nor a root port"), v.reason());
    }

    @Test
    void p2p14_skylakeRootPortAtAnyDevfnIsAccepted() {
        Topology t = T1.t1();
        t = Fx.remove(t, T1.HBDEV);
        P2pVerdict v = p2p(t, EPB, EPC);
        assertEquals(P2pMapType.THRU_HOST_BRIDGE, v.mapType());
        assertEquals(6, v.distance());
        assertTrue(v.reason().contains("8086:2030"), v.reason());
    }

    @Test
    void p2p15_distanceManySumsEveryClient() {
        var r = rules(T1.t1()).distanceMany(bdf(EPB), List.of(P2pClient.pci(bdf(EPA)), P2pClient.pci(bdf(EPB))), false);
        assertEquals(4, r.distance());
    }

    @Test
    void p2p16_oneUnsupportedClientMakesDistanceManyMinusOne() {
        var r = rules(T1.t1(0x8086, 0x1234)).distanceMany(bdf(EPB), List.of(P2pClient.pci(bdf(EPA)),
                P2pClient.pci(bdf(EPC))), false);
        assertEquals(-1, r.distance());
        assertEquals(P2pMapType.NOT_SUPPORTED, r.pairs().get(1).mapType());
    }

    @Test
    void p2p17_findManyPicksTheClosestPublishedProvider() {
        TopologyRules r = rules(T1.t1(0x8086, 0x2020));
        P2pmemFinder.Result found = r.findP2pmem(List.of(P2pClient.pci(bdf(EPA))), bound -> {
            assertEquals(1, bound, "a single closest provider");
            return 0;
        });
        assertEquals(Optional.of(bdf(EPB)), found.chosen());
        assertEquals(List.of(4, 6), found.scored().stream().map(P2pmemFinder.Candidate::distance).toList());
    }

    @Test
    void p2p17_tiedProvidersAreAllReportedAndTheRandomSourcePicks() {
        // EPa and EPb are both two hops from the switch upstream port; EPc is four.
        Topology t = T1.t1(0x8086, 0x2020);
        t = t.withFunction(bdf(EPA), f -> Fx.withP2pBar(f, 2, 0x38_4000_0000L, 0x1000_0000L));
        TopologyRules r = rules(t);
        List<P2pClient> clients = List.of(P2pClient.pci(bdf(USP)));
        P2pmemFinder.Result first = r.findP2pmem(clients, bound -> 0);
        P2pmemFinder.Result second = r.findP2pmem(clients, bound -> 1);
        assertEquals(2, first.best().size(), first.reason());
        assertEquals(List.of(bdf(EPA), bdf(EPB)), first.best().stream().map(P2pmemFinder.Candidate::provider).toList());
        assertEquals(List.of(2, 2, 4), first.scored().stream().map(P2pmemFinder.Candidate::distance).toList());
        assertEquals(Optional.of(first.best().get(0).provider()), first.chosen());
        assertEquals(Optional.of(first.best().get(1).provider()), second.chosen());
        assertEquals(first.best(), r.findP2pmem(clients, RandomSource.seeded(42)).best());
    }

    @Test
    void p2p18_clientWithoutPciAncestorIsMinusOneAndNotSupportedAtMapTime() {
        TopologyRules r = rules(T1.t1());
        P2pClient platformDevice = P2pClient.nonPci("platform device", Optional.empty());
        assertEquals(-1, r.distanceMany(bdf(EPB), List.of(platformDevice), true).distance());
        assertEquals(P2pMapType.NOT_SUPPORTED, r.mapTypeAtMapTime(bdf(EPB), platformDevice).mapType());
        P2pClient blockDevice = P2pClient.nonPci("nvme0n1", Optional.of(bdf(EPA)));
        assertEquals(4, r.distanceMany(bdf(EPB), List.of(blockDevice), false).distance());
        assertEquals(P2pMapType.NOT_SUPPORTED, r.mapTypeAtMapTime(bdf(EPB), blockDevice).mapType(),
                "pci_p2pdma_map_type() does not walk to the parent");
    }

    private static Topology withVfs(Topology t) {
        PciFunction vf1 = Fx.endpoint("0000:03:00.1", 0x15b3, 0x101e, 0x020000, Acs.ABSENT).toBuilder()
                .physicalFunction(Optional.of(bdf(EPA))).build();
        PciFunction vf2 = Fx.endpoint("0000:03:00.2", 0x15b3, 0x101e, 0x020000, Acs.ABSENT).toBuilder()
                .physicalFunction(Optional.of(bdf(EPA))).build();
        return Fx.add(t, vf1, vf2);
    }

    @Test
    void p2p19_twoVfsOfOnePfAreDistanceTwo() {
        P2pVerdict v = p2p(withVfs(T1.t1()), "0000:03:00.1", "0000:03:00.2");
        assertEquals(P2pMapType.BUS_ADDR, v.mapType());
        assertEquals(2, v.distance());
        assertEquals(Optional.of(bdf(DSPA)), v.commonUpstream());
    }

    @Test
    void p2p20_redirectOnTheCommonDownstreamPortSendsVfTrafficToTheHost() {
        Topology t = Fx.setAcsControl(withVfs(T1.t1(0x8086, 0x2020)), DSPA, 0x001D);
        P2pVerdict v = p2p(t, "0000:03:00.1", "0000:03:00.2");
        assertEquals(P2pMapType.THRU_HOST_BRIDGE, v.mapType());
        assertEquals(2, v.distance());
        Topology unlisted = Fx.setAcsControl(withVfs(T1.t1(0x8086, 0x1234)), DSPA, 0x001D);
        assertEquals(P2pMapType.NOT_SUPPORTED, p2p(unlisted, "0000:03:00.1", "0000:03:00.2").mapType());
    }

    @Test
    void p2p21_providerOwnRedirectCountsEvenForItself() {
        Topology t = T1.t1(0x8086, 0x2020).withFunction(bdf(EPB),
                f -> f.toBuilder().multifunction(true).acs(Acs.of(0x5F, Acs.RR)).build());
        P2pVerdict v = p2p(t, EPB, EPB);
        assertEquals(P2pMapType.THRU_HOST_BRIDGE, v.mapType());
        assertEquals(0, v.distance());
    }

    @Test
    void p2p1_acsRedirectReadsOnlyTheControlRegister() {
        AcsState crOnly = new AcsState(AcsState.Presence.PRESENT, 0, Acs.CR, AcsState.ControlOrigin.INPUT, "");
        assertTrue(AcsRedirect.hasRedirect(crOnly), "capability bits are not consulted");
        AcsState noRedirect = new AcsState(AcsState.Presence.PRESENT, 0x7F, Acs.SV | Acs.UF | Acs.TB | Acs.DT,
                AcsState.ControlOrigin.INPUT, "");
        assertFalse(AcsRedirect.hasRedirect(noRedirect));
        assertFalse(AcsRedirect.hasRedirect(AcsState.ABSENT));
    }
}
