package org.dmascope.model.designs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.dmascope.model.kernel.platform.PlatformOverrides;
import org.dmascope.model.kernel.profile.KernelProfile;
import org.dmascope.model.kernel.route.HopDecision;
import org.dmascope.model.kernel.route.RouteHop;
import org.junit.jupiter.api.Test;

/**
 * Issue 15 question 4: the route the 2019 proposal's bounce would take on the default sample, where on
 * 5.4 the NVMe 07:00.0 cannot reach the NoLoad's CMB (05:00.0 BAR 2) peer to peer.
 */
class BounceRouteTest {
    private static List<String> nodes(List<RouteHop> hops) {
        return hops.stream().map(RouteHop::node).toList();
    }

    @Test
    void theNvmeDmasToRamAndACpuCopiesDownTheProvidersChainToTheBar() {
        DesignReport r = DesignLabTest.lab(PlatformOverrides.NONE.withProfile(KernelProfile.V5_4), DesignLabTest.NVME,
                DesignLabTest.CMB);
        BounceRoute b = BounceRoute.of(r.input()).orElseThrow();
        // the sample: the NVMe hangs off root port 00:03.0; the CMB's NoLoad sits behind root port 00:01.0, the
        // switch's upstream port 01:00.0 and its downstream port 02:02.0, all under host bridge pci0000:00
        assertEquals(List.of("0000:07:00.0", "0000:00:03.0", "pci0000:00", "RAM (NUMA node 0)"),
                nodes(b.toRam().hops()));
        assertEquals(List.of("pci0000:00", "0000:00:01.0", "0000:01:00.0", "0000:02:02.0", "0000:05:00.0"),
                nodes(b.ramToBar()));
        // up the NVMe's chain: the NVMe, its root port, the host bridge, the RAM of node 0 (05:00.0's node)
        List<RouteHop> up = b.toRam().hops();
        assertEquals("0000:07:00.0", up.get(0).node());
        assertEquals(HopDecision.SOURCE, up.get(0).decision());
        assertEquals(HopDecision.TARGET, up.get(up.size() - 1).decision());
        assertEquals("RAM (NUMA node 0)", up.get(up.size() - 1).node());
        assertEquals(0, b.ramNode());
        // down from the host bridge to the CMB's device: every hop forwards down, the provider completes
        List<RouteHop> down = b.ramToBar();
        assertEquals(HopDecision.ROOT_COMPLEX, down.get(0).decision());
        assertTrue(down.get(0).device().isEmpty(), "the host bridge first");
        assertEquals("0000:05:00.0", down.get(down.size() - 1).node());
        assertEquals(HopDecision.TARGET, down.get(down.size() - 1).decision());
        for (RouteHop h : down.subList(1, down.size() - 1)) assertEquals(HopDecision.FORWARD_DOWN, h.decision());
        // 64 KiB, bidirectional: copied both ways
        assertEquals(131_072, b.bytesCopied());
        assertTrue(b.copier().startsWith("a CPU on NUMA node 0"), b.copier());
        assertEquals(r.design("bounce").orElseThrow().figure("bounceBytes").orElseThrow().number(), b.bytesCopied(),
                "the route and the design's figure agree");
    }

    @Test
    void aReachableBufferHasNoBounceRoute() {
        DesignReport r = DesignLabTest.lab(PlatformOverrides.NONE, DesignLabTest.NVME, DesignLabTest.CMB);
        assertEquals(Optional.empty(), BounceRoute.of(r.input()));
    }
}
