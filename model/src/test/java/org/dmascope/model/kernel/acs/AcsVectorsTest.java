package org.dmascope.model.kernel.acs;

import static org.dmascope.model.kernel.fixtures.Fx.bdf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.dmascope.model.kernel.fixtures.Fx;
import org.dmascope.model.kernel.fixtures.T1;
import org.dmascope.model.kernel.p2p.AcsRedirect;
import org.dmascope.model.kernel.platform.PlatformAssumptions;
import org.dmascope.model.topology.Acs;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.PortType;
import org.dmascope.model.topology.Topology;
import org.junit.jupiter.api.Test;

/** The vectors of kernel-dma-rules.md section 3.7: R-ACS-1, R-ACS-2 (ACS-1..ACS-8) and R-ACS-3 (the path walk). */
class AcsVectorsTest {
    private static final int REQ = AcsRules.REQ_ACS_FLAGS;

    private static AcsVerdict enabled(Topology t, String addr) {
        AcsRules r = new AcsRules(t, PlatformAssumptions.of(t));
        return r.enabled(t.function(bdf(addr)).orElseThrow(), REQ);
    }

    private static Topology dsp(int cap, int ctrl) {
        return Fx.replace(T1.t1(), T1.DSPA, Fx.port(T1.DSPA, PortType.SWITCH_DOWNSTREAM, 0x1000, 0xc030, Acs.of(cap,
                ctrl), 3, 3));
    }

    @Test
    void acs1_fullyEnabledDownstreamPort() {
        Topology t = dsp(0x1F, 0x1D);
        assertTrue(enabled(t, T1.DSPA).enabled());
        AcsRules r = new AcsRules(t, PlatformAssumptions.of(t));
        assertTrue(AcsRedirect.hasRedirect(r.effective().of(t.function(bdf(T1.DSPA)).orElseThrow())));
    }

    @Test
    void acs2_unimplementedUpstreamForwardingCountsAsEnabled() {
        AcsVerdict v = enabled(dsp(0x0F, 0x0D), T1.DSPA);
        assertTrue(v.enabled());
        assertTrue(v.clause().contains("UF not implemented"), v.clause());
    }

    @Test
    void acs3_implementedButDisabledUpstreamForwardingFails() {
        AcsVerdict v = enabled(dsp(0x1F, 0x0D), T1.DSPA);
        assertFalse(v.enabled());
        assertTrue(v.clause().contains("lacks UF"), v.clause());
    }

    @Test
    void acs4_rootPortWithoutCapabilityOrQuirk() {
        Topology t = Fx.replace(T1.t1(), T1.RP1, Fx.port(T1.RP1, PortType.ROOT_PORT, 0x8086, 0x2030, Acs.ABSENT, 1, 4));
        AcsVerdict v = enabled(t, T1.RP1);
        assertFalse(v.enabled());
        assertEquals("has no ACS capability and no quirk", v.clause());
    }

    @Test
    void acs5_singleFunctionEndpointWithoutCapabilityIsIsolated() {
        assertTrue(enabled(T1.t1(), T1.EPA).enabled());
    }

    @Test
    void acs6_conventionalPciDeviceNeverIsolates() {
        PciFunction conv = PciFunction.builder(bdf("0000:06:01.0")).identity(Fx.id(0x104c, 0x8024, 0x0c0010))
                .portType(PortType.CONVENTIONAL_PCI).headerType(0).multifunction(false).acs(Acs.ABSENT).build();
        Topology t = Fx.add(T1.t1(), conv);
        assertFalse(enabled(t, "0000:06:01.0").enabled());
    }

    @Test
    void acs7_multifunctionEndpointWithAllBitsUnimplementedIsIsolated() {
        Topology t = T1.t1().withFunction(bdf(T1.EPA), f -> f.toBuilder().multifunction(true).acs(Acs.of(0,
                0)).build());
        assertTrue(enabled(t, T1.EPA).enabled());
        Topology noCap = T1.t1().withFunction(bdf(T1.EPA), f -> f.toBuilder().multifunction(true).acs(Acs.ABSENT)
                .build());
        assertFalse(enabled(noCap, T1.EPA).enabled());
    }

    @Test
    void acs8_pcieToPciBridgeNeverIsolates() {
        Topology t = Fx.add(Fx.remove(T1.t1(), T1.EPC),
                Fx.port("0000:05:00.0", PortType.PCIE_TO_PCI_BRIDGE, 0x104c, 0x8240, Acs.of(0x1F, 0x1F), 6, 6));
        assertFalse(enabled(t, "0000:05:00.0").enabled());
    }

    @Test
    void acs3_pathStopsAtTheFirstDeviceThatIsNotIsolated() {
        Topology t = Fx.setAcsControl(T1.t1(), T1.DSPA, 0x1D);
        AcsRules r = new AcsRules(t, PlatformAssumptions.of(t));
        AcsPathEnabled.Result path = r.pathEnabled(t.function(bdf(T1.DSPA)).orElseThrow(), REQ);
        assertFalse(path.enabled());
        assertEquals(bdf(T1.RP1), path.failing().orElseThrow().device().address(),
                "the USP is single-function; RP1 has ctrl 0");
        assertEquals(List.of(bdf(T1.DSPA), bdf(T1.USP), bdf(T1.RP1)),
                path.checked().stream().map(s -> s.device().address()).toList());
        Topology all = Fx.setAcsControl(t, T1.RP1, 0x1D);
        AcsRules r2 = new AcsRules(all, PlatformAssumptions.of(all));
        assertTrue(r2.pathEnabled(all.function(bdf(T1.DSPA)).orElseThrow(), REQ).enabled());
    }
}
