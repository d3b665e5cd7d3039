package org.dmascope.model.kernel.acs;

import static org.dmascope.model.kernel.acs.AcsCommandLineFixture.boot;
import static org.dmascope.model.kernel.acs.AcsCommandLineFixture.control;
import static org.dmascope.model.kernel.acs.AcsCommandLineFixture.groupOf;
import static org.dmascope.model.kernel.acs.AcsCommandLineFixture.set;
import static org.dmascope.model.kernel.acs.AcsCommandLineFixture.written;
import static org.dmascope.model.kernel.fixtures.Fx.bdf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalInt;

import org.dmascope.model.kernel.TopologyRules;
import org.dmascope.model.kernel.fixtures.Fx;
import org.dmascope.model.kernel.fixtures.TCl;
import org.dmascope.model.kernel.p2p.P2pMapType;
import org.dmascope.model.kernel.p2p.P2pVerdict;
import org.dmascope.model.kernel.platform.KernelCommandLine;
import org.dmascope.model.kernel.platform.PlatformAssumptions;
import org.dmascope.model.kernel.platform.PlatformOverrides;
import org.dmascope.model.kernel.profile.KernelProfile;
import org.dmascope.model.kernel.profile.KernelVersion;
import org.dmascope.model.topology.Acs;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.PortType;
import org.dmascope.model.topology.Topology;
import org.junit.jupiter.api.Test;

/**
 * R-CMD-3 {@code pci=disable_acs_redir=} on T-CL (research notes section 1.5, DAR-1 … DAR-11): ≤v6.10 read in
 * v5.4.273/v5.15.85/v6.1.119, v6.11 – v6.14 in v6.11.11/v6.14.0 (no profile: the rule is asked with the version),
 * v6.15+ in v6.19.0.
 */
class DisableAcsRedirVectorsTest {
    private static final KernelVersion V6_12 = KernelVersion.of(6, 12);
    private final Topology t = TCl.tcl();

    @Test
    void dar1MainlineWritesFirmwaresValueWithoutTheRedirectBits() {
        TopologyRules r = boot(t, KernelProfile.MAINLINE, "pci=disable_acs_redir=0000:02:08.0");
        assertEquals(0x0000, control(r, TCl.DSPA), "fw 0 & ~(RR|CR|EC): the kernel-set SV|UF are gone too");
        assertEquals(0x001D, control(r, TCl.DSPB));
        assertEquals(0x001D, control(r, TCl.RP1));
        assertEquals(set(TCl.DSPA, TCl.EPA), groupOf(r, TCl.EPA), "EPa joins DSPa's group");
        assertEquals(set(TCl.EPB), groupOf(r, TCl.EPB));
        assertEquals(set(TCl.DSPB), groupOf(r, TCl.DSPB));
        P2pVerdict v = r.p2p(bdf(TCl.EPB), bdf(TCl.EPA));
        assertNotEquals(P2pMapType.BUS_ADDR, v.mapType(), "DSPb still redirects: the host-bridge path");
        EffectiveAcs e = new EffectiveAcs(t, r.assumptions());
        AcsState dspa = e.of(t.function(bdf(TCl.DSPA)).orElseThrow());
        assertEquals(AcsState.ControlOrigin.KERNEL_RULE, dspa.origin());
        assertTrue(dspa.note().contains("Configured ACS to 0x0000"), dspa.note());
        assertEquals(List.of("pci 0000:02:08.0: Configured ACS to 0x0000"), r.acsKernelLog());
    }

    @Test
    void dar2BothDownstreamPortsListedKeepP2pInsideTheSwitch() {
        TopologyRules r = boot(t, KernelProfile.MAINLINE, "pci=disable_acs_redir=02:08.0;02:10.0");
        assertEquals(0, control(r, TCl.DSPA));
        assertEquals(0, control(r, TCl.DSPB));
        P2pVerdict v = r.p2p(bdf(TCl.EPB), bdf(TCl.EPA));
        assertEquals(P2pMapType.BUS_ADDR, v.mapType(), v.toString());
        assertEquals(4, v.distance());
        assertEquals(set(TCl.DSPA, TCl.EPA), groupOf(r, TCl.EPA));
        assertEquals(set(TCl.DSPB, TCl.EPB), groupOf(r, TCl.EPB));
    }

    @Test
    void dar3BeforeV611TheKernelsOwnValueLosesRrCrEc() {
        for (KernelProfile k : new KernelProfile[] {KernelProfile.V5_4, KernelProfile.V5_15}) {
            TopologyRules r = boot(t, k, "pci=disable_acs_redir=0000:02:08.0");
            assertEquals(Acs.SV | Acs.UF, control(r, TCl.DSPA), k + ": 0x001D & ~0x2C = 0x0011");
            assertEquals(set(TCl.DSPA, TCl.EPA), groupOf(r, TCl.EPA), "group outcome as DAR-1");
            EffectiveAcs e = new EffectiveAcs(t, r.assumptions());
            assertTrue(e.of(t.function(bdf(TCl.DSPA)).orElseThrow()).note().contains("disabled ACS redirect"));
            assertEquals(List.of("pci 0000:02:08.0: disabled ACS redirect"), r.acsKernelLog());
        }
        assertEquals(0x0011, written(t, TCl.DSPA, TCl.DSP_CAP, true, "pci=disable_acs_redir=02:08.0",
                KernelVersion.of(6, 1), 0), "v6.1.119");
    }

    @Test
    void dar4V611ToV614WriteEveryOtherBitAsOne() {
        int w = written(t, TCl.DSPA, TCl.DSP_CAP, true, "pci=disable_acs_redir=0000:02:08.0", V6_12, 0);
        assertEquals(0xFFD3, w, "\"Configured ACS to 0xffd3\"");
        assertEquals(0x0053, w & TCl.DSP_CAP, "read back: SV TB UF DT");
    }

    @Test
    void dar5WithoutAnIommuAndFirmwareAcsTheV612BugKeepsTheRedirect() {
        assertEquals(0x0011, written(t, TCl.DSPA, TCl.DSP_CAP, false, "pci=disable_acs_redir=02:08.0",
                KernelVersion.of(6, 1), 0x001D), "≤6.10");
        int w = written(t, TCl.DSPA, TCl.DSP_CAP, false, "pci=disable_acs_redir=02:08.0", V6_12, 0x001D);
        assertEquals(0xFFDF, w);
        assertEquals(0x005F, w & TCl.DSP_CAP, "RR/CR still set: redirect NOT disabled");
        // the product: a dump of a machine without IOMMU whose firmware enabled ACS, booted with the option
        Topology fw = TCl.withDspControl(TCl.noIommuPlatform(), 0x001D);
        for (KernelProfile k : KernelProfile.values()) {
            TopologyRules r = boot(fw, k, "pci=disable_acs_redir=02:08.0");
            // 6.12 is the one profile in the 6.11-6.14 window: the firmware value under the mask comes back
            int expected = k == KernelProfile.V6_12 ? 0x005F : 0x0011;
            assertEquals(expected, control(r, TCl.DSPA), k + ": applied without an IOMMU too");
            assertEquals(0x001D, control(r, TCl.DSPB));
        }
    }

    @Test
    void dar6AFunctionWithoutAcsIsWarnedAboutBefore611Only() {
        TopologyRules old = boot(t, KernelProfile.V5_15, "pci=disable_acs_redir=03:00.0");
        assertTrue(new EffectiveAcs(t, old.assumptions()).kernelLog().contains("pci 0000:03:00.0: cannot disable ACS "
                + "redirect for this hardware as it does not have ACS capabilities"));
        TopologyRules now = boot(t, KernelProfile.MAINLINE, "pci=disable_acs_redir=03:00.0");
        assertTrue(new EffectiveAcs(t, now.assumptions()).kernelLog().isEmpty());
        assertEquals(0x001D, control(now, TCl.DSPA));
    }

    @Test
    void dar8ASecondListReplacesTheFirst() {
        TopologyRules r = boot(t, KernelProfile.MAINLINE,
                "pci=disable_acs_redir=02:08.0 pci=disable_acs_redir=02:10.0");
        assertEquals(0x001D, control(r, TCl.DSPA), "the first list is forgotten");
        assertEquals(0x0000, control(r, TCl.DSPB));
    }

    @Test
    void dar9ACommaEndsTheList() {
        String line = "pci=disable_acs_redir=02:08.0,02:10.0";
        TopologyRules r = boot(t, KernelProfile.MAINLINE, line);
        assertEquals(0x0000, control(r, TCl.DSPA));
        assertEquals(0x001D, control(r, TCl.DSPB));
        assertTrue(KernelCommandLine.parse(line).problems().contains(
                "PCI: Unknown option `02:10.0': the kernel ignores it"));
    }

    @Test
    void dar11ASunrisePointRootPortTakesItsQuirkInstead() {
        PciFunction spt = Fx.port("0000:00:1c.0", PortType.ROOT_PORT, 0x8086, 0xa110, new Acs(true,
                OptionalInt.of(0x1F), OptionalInt.empty()), 0x10, 0x10);
        Topology withSpt = Fx.add(t, spt);
        TopologyRules r = boot(withSpt, KernelProfile.MAINLINE, "pci=disable_acs_redir=00:1c.0");
        EffectiveAcs e = new EffectiveAcs(withSpt, r.assumptions());
        assertEquals(0, e.of(spt).control(), "the standard register is left alone (firmware's 0)");
        assertEquals(Acs.SV | Acs.UF, e.sptControlDword(spt), "RR|CR|EC cleared in the dword at ACS+8");
        EffectiveAcs plain = new EffectiveAcs(withSpt, PlatformAssumptions.resolve(withSpt, PlatformOverrides.NONE));
        assertEquals(0x001D, plain.sptControlDword(spt));
    }

    @Test
    void dar1AppliesToAShownValueWhenYourLineReplacesTheBootedOne() {
        // acs-redirect-server style: the dump shows what the booted kernel set (0x001D, no option on its line)
        Topology shown = TCl.withDspControl(Fx.cmdline(Fx.intelVtd(), "intel_iommu=on"), 0x001D);
        TopologyRules asBooted = boot(shown, KernelProfile.MAINLINE, "intel_iommu=on");
        assertEquals(0x001D, control(asBooted, TCl.DSPA), "the same line: the shown value stands");
        TopologyRules r = boot(shown, KernelProfile.MAINLINE, "intel_iommu=on pci=disable_acs_redir=02:08.0");
        assertEquals(0x0000, control(r, TCl.DSPA), "firmware traced back as 0, then fw & ~0x2C");
        EffectiveAcs e = new EffectiveAcs(shown, r.assumptions());
        assertEquals(AcsState.ControlOrigin.COMMAND_LINE, e.of(shown.function(bdf(TCl.DSPA)).orElseThrow()).origin());
        assertEquals(AcsState.ControlOrigin.INPUT, e.of(shown.function(bdf(TCl.DSPB)).orElseThrow()).origin());
    }
}
