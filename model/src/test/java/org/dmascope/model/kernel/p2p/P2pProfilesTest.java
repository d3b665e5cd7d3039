package org.dmascope.model.kernel.p2p;

import static org.dmascope.model.kernel.fixtures.Fx.bdf;
import static org.dmascope.model.kernel.fixtures.T1.DSPA;
import static org.dmascope.model.kernel.fixtures.T1.EPA;
import static org.dmascope.model.kernel.fixtures.T1.EPB;
import static org.dmascope.model.kernel.fixtures.T1.EPC;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dmascope.model.kernel.TopologyRules;
import org.dmascope.model.kernel.fixtures.Fx;
import org.dmascope.model.kernel.fixtures.T1;
import org.dmascope.model.kernel.platform.PlatformAssumptions;
import org.dmascope.model.kernel.platform.PlatformOverrides;
import org.dmascope.model.kernel.profile.KernelProfile;
import org.dmascope.model.topology.Platform.CpuVendor;
import org.dmascope.model.topology.Topology;
import org.junit.jupiter.api.Test;

/** The P2PDMA history of kernel-dma-rules.md section 4.1, as confirmed in the 5.4.225, 5.15 and ≈6.19 sources. */
class P2pProfilesTest {

    private static P2pVerdict p2p(Topology t, KernelProfile k, String provider, String client) {
        PlatformAssumptions a = PlatformAssumptions.resolve(t, PlatformOverrides.NONE.withProfile(k));
        return TopologyRules.of(t, a).p2p(bdf(provider), bdf(client));
    }

    @Test
    void v5_4_acsRedirectStillReachesTheWhitelistCheck() {
        // The reference said 5.4 rejects ACS redirect outright; 5.4.225's upstream_bridge_distance() returns
        // THRU_HOST_BRIDGE for it and then applies host_bridge_whitelist(), like mainline.
        Topology t = Fx.setAcsControl(T1.t1(0x8086, 0x3c00), DSPA, 0x001D);
        assertEquals(P2pMapType.THRU_HOST_BRIDGE, p2p(t, KernelProfile.V5_4, EPB, EPA).mapType());
        Topology skylake = Fx.setAcsControl(T1.t1(0x8086, 0x2020), DSPA, 0x001D);
        assertEquals(P2pMapType.NOT_SUPPORTED, p2p(skylake, KernelProfile.V5_4, EPB, EPA).mapType(),
                "Skylake-E is not in 5.4's list");
        assertEquals(P2pMapType.THRU_HOST_BRIDGE, p2p(skylake, KernelProfile.V5_15, EPB, EPA).mapType());
    }

    @Test
    void v5_4_amdOnlyThroughTheZenHostBridgeEntryWithoutPenalty() {
        Topology zen1 = T1.t1(0x1022, 0x1450).withPlatform(Fx.cpu(T1.t1().platform(), CpuVendor.AMD, 0x17));
        P2pVerdict v = p2p(zen1, KernelProfile.V5_4, EPB, EPC);
        assertEquals(P2pMapType.THRU_HOST_BRIDGE, v.mapType());
        assertEquals(6, v.distance(), "the 0x1000 penalty was v5.2-v5.3 only");
        Topology zen2 = T1.t1(0x1022, 0x1480).withPlatform(Fx.cpu(T1.t1().platform(), CpuVendor.AMD, 0x17));
        assertEquals(P2pMapType.NOT_SUPPORTED, p2p(zen2, KernelProfile.V5_4, EPB, EPC).mapType());
        assertTrue(p2p(zen2, KernelProfile.V5_4, EPB, EPC).reason().contains("has no cpu_supports_p2pdma()"));
        assertEquals(P2pMapType.THRU_HOST_BRIDGE, p2p(zen2, KernelProfile.V5_9, EPB, EPC).mapType(),
                "dea286bb71ba (v5.9): cpu_supports_p2pdma()");
        assertEquals(P2pMapType.NOT_SUPPORTED, p2p(T1.t1(0x1022, 0x1450), KernelProfile.V5_9, EPB, EPC).mapType(),
                "v5.9 dropped the AMD entries in the same commit");
        assertEquals(P2pMapType.NOT_SUPPORTED, p2p(T1.t1(0x1022, 0x1450), KernelProfile.V5_15, EPB, EPC).mapType(),
                "5.15 dropped the 1022:1450 entry; an Intel CPU gets nothing from it");
    }

    @Test
    void v5_15_rootPortAtAnyDevfnIsNotAHostBridgeDevice() {
        Topology t = Fx.remove(T1.t1(), T1.HBDEV);
        assertEquals(P2pMapType.NOT_SUPPORTED, p2p(t, KernelProfile.V5_15, EPB, EPC).mapType());
        assertEquals(P2pMapType.THRU_HOST_BRIDGE, p2p(t, KernelProfile.V6_1, EPB, EPC).mapType(), "v5.19 and later");
    }

    /** R-P2P-3 boundaries: each whitelist addition, in the profile just before and the one at its release. */
    @Test
    void whitelistGrowsOverTime() {
        Topology skylake = T1.t1(0x8086, 0x2020);
        assertEquals(P2pMapType.NOT_SUPPORTED, p2p(skylake, KernelProfile.V5_4, EPB, EPC).mapType());
        assertEquals(P2pMapType.THRU_HOST_BRIDGE, p2p(skylake, KernelProfile.V5_9, EPB, EPC).mapType(),
                "bc123a515cb7 (v5.6)");
        Topology icelake = T1.t1(0x8086, 0x09a2);
        assertEquals(P2pMapType.NOT_SUPPORTED, p2p(icelake, KernelProfile.V5_15, EPB, EPC).mapType(),
                "feaea1fe8b36 came in v5.18");
        assertEquals(P2pMapType.THRU_HOST_BRIDGE, p2p(icelake, KernelProfile.V6_1, EPB, EPC).mapType());
        Topology google = T1.t1(0x1ae0, 0x0042);
        assertEquals(P2pMapType.NOT_SUPPORTED, p2p(google, KernelProfile.V7_0, EPB, EPC).mapType());
        assertEquals(P2pMapType.THRU_HOST_BRIDGE, p2p(google, KernelProfile.V7_1, EPB, EPC).mapType(),
                "70cf146a674c (v7.1), any device");
        Topology dsa = T1.t1(0x8086, 0x0b25);
        assertEquals(P2pMapType.NOT_SUPPORTED, p2p(dsa, KernelProfile.V7_1, EPB, EPC).mapType());
        assertEquals(P2pMapType.THRU_HOST_BRIDGE, p2p(dsa, KernelProfile.V7_4, EPB, EPC).mapType(),
                "0ba76b19fd4c (v7.2)");
        Topology grace = T1.t1(0x10de, 0x2f95);
        assertEquals(P2pMapType.NOT_SUPPORTED, p2p(grace, KernelProfile.MAINLINE, EPB, EPC).mapType(),
                "the NVIDIA CPU ids are in vendor trees only");
    }

    @Test
    void switchLocalAnswerIsTheSameInEveryProfile() {
        for (KernelProfile k : KernelProfile.values()) {
            P2pVerdict v = p2p(T1.t1(), k, EPB, EPA);
            assertEquals(P2pMapType.BUS_ADDR, v.mapType(), k.id());
            assertEquals(4, v.distance(), k.id());
        }
    }
}
