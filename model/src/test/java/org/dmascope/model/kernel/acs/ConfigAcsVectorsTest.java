package org.dmascope.model.kernel.acs;

import static org.dmascope.model.kernel.acs.AcsCommandLineFixture.boot;
import static org.dmascope.model.kernel.acs.AcsCommandLineFixture.control;
import static org.dmascope.model.kernel.acs.AcsCommandLineFixture.groupOf;
import static org.dmascope.model.kernel.acs.AcsCommandLineFixture.set;
import static org.dmascope.model.kernel.acs.AcsCommandLineFixture.written;
import static org.dmascope.model.kernel.fixtures.Fx.bdf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.dmascope.model.kernel.TopologyRules;
import org.dmascope.model.kernel.fixtures.TCl;
import org.dmascope.model.kernel.p2p.P2pMapType;
import org.dmascope.model.kernel.platform.KernelCommandLine;
import org.dmascope.model.kernel.profile.KernelProfile;
import org.dmascope.model.kernel.profile.KernelVersion;
import org.dmascope.model.topology.Acs;
import org.dmascope.model.topology.Topology;
import org.junit.jupiter.api.Test;

/**
 * R-CMD-4 {@code pci=config_acs=} on T-CL (research notes section 2.4, CFG-1 … CFG-11): v6.11 – v6.14 read in
 * v6.11.11/v6.14.0 (asked with the version: no profile stands for them), v6.15+ in v6.19.0; before v6.11 the
 * option is unknown.
 */
class ConfigAcsVectorsTest {
    private static final KernelVersion V6_12 = KernelVersion.of(6, 12);
    private final Topology t = TCl.tcl();

    @Test
    void cfg1TheDocumentedExampleLeavesRrOnlyAndMergesTheGroups() {
        TopologyRules r = boot(t, KernelProfile.MAINLINE, "pci=config_acs=10x@pci:0:0");
        for (String port : List.of(TCl.RP1, TCl.DSPA, TCl.DSPB)) {
            assertEquals(Acs.RR, control(r, port), port + ": mask 0x06, flags 0x04 over firmware's 0");
        }
        assertEquals(set(TCl.RP1, TCl.USP, TCl.DSPA, TCl.DSPB, TCl.EPA, TCl.EPB), groupOf(r, TCl.EPA),
                "no port isolates: one group below RP1");
        assertNotEquals(P2pMapType.BUS_ADDR, r.p2p(bdf(TCl.EPB), bdf(TCl.EPA)).mapType(), "RR on the DSPs");
    }

    @Test
    void cfg1bV612KeepsTheKernelValue() {
        assertEquals(0x001D, written(t, TCl.DSPA, TCl.DSP_CAP, true, "pci=config_acs=10x@pci:0:0", V6_12, 0),
                "(0x1D & ~6) | (0 & 6) | 4: unchanged");
    }

    @Test
    void cfg2WithoutAnIommuTheFlagsStillApply() {
        Topology none = TCl.noIommu();
        TopologyRules plain = boot(none, KernelProfile.MAINLINE, "");
        assertEquals(0, control(plain, TCl.DSPA));
        assertEquals(P2pMapType.BUS_ADDR, plain.p2p(bdf(TCl.EPB), bdf(TCl.EPA)).mapType());
        TopologyRules r = boot(none, KernelProfile.MAINLINE, "pci=config_acs=11101@02:08.0;11101@02:10.0");
        assertEquals(0x001D, control(r, TCl.DSPA));
        assertEquals(0x001D, control(r, TCl.DSPB));
        assertEquals(0, control(r, TCl.RP1), "RP1 is not listed");
        assertNotEquals(P2pMapType.BUS_ADDR, r.p2p(bdf(TCl.EPB), bdf(TCl.EPA)).mapType(), "now the host-bridge path");
    }

    @Test
    void cfg2bV612ParsesTheFirstEntrysFlagsOnly() {
        String line = "pci=config_acs=11101@02:08.0;11101@02:10.0";
        assertEquals(0x001D, written(t, TCl.DSPA, TCl.DSP_CAP, false, line, V6_12, 0));
        assertEquals(0x0000, written(t, TCl.DSPB, TCl.DSP_CAP, false, line, V6_12, 0),
                "entry 2 is read as a device: Can't parse");
        ConfigAcs.Walk w = ConfigAcs.walk(t.function(bdf(TCl.DSPB)).orElseThrow(), t.hierarchy(),
                "11101@02:08.0;11101@02:10.0", 0, 0, V6_12);
        assertTrue(w.parseError());
        assertTrue(KernelCommandLine.parse(line, V6_12, true).problems().stream()
                .anyMatch(p -> p.contains("first entry only")));
    }

    @Test
    void cfg3TheFixCommitsLoggedValues() {
        // 9cf8a952d57b: ctrl 0x005f / fw 0x0053 with 1111011, ctrl 0x001d / fw 0x0000 with 101xxxx
        assertEquals(0x007B, AcsControlTransform.firmwareOutsideMask(0x7F, 0x7B).apply(0x0053));
        assertEquals(0x0050, AcsControlTransform.firmwareOutsideMask(0x70, 0x50).apply(0x0000));
        ConfigAcs.Walk w = ConfigAcs.walk(t.function(bdf(TCl.DSPA)).orElseThrow(), t.hierarchy(), "101xxxx@02:08.0",
                0, 0, KernelProfile.MAINLINE);
        assertEquals(0x70, w.mask());
        assertEquals(0x50, w.flags());
    }

    @Test
    void cfg4To6BadFlagsAbandonTheParameterForTheDevice() {
        for (String line : List.of("pci=config_acs=02:08.0", "pci=config_acs=0x1d@02:08.0",
                "pci=config_acs=10000000@02:08.0")) {
            TopologyRules r = boot(t, KernelProfile.MAINLINE, line);
            assertEquals(0x001D, control(r, TCl.DSPA), line + ": nothing changed, kernel defaults stay");
            assertFalse(KernelCommandLine.parse(line).problems().isEmpty(), line);
        }
        EffectiveAcs e = new EffectiveAcs(t, boot(t, KernelProfile.MAINLINE, "pci=config_acs=02:08.0").assumptions());
        assertTrue(e.kernelLog().contains("pci 0000:02:08.0: ACS Flags missing"), e.kernelLog().toString());
        EffectiveAcs bad = new EffectiveAcs(t, boot(t, KernelProfile.MAINLINE, "pci=config_acs=0x1d@02:08.0")
                .assumptions());
        assertTrue(bad.kernelLog().contains("pci 0000:02:08.0: Invalid ACS flags... Ignoring"));
        EffectiveAcs high = new EffectiveAcs(t, boot(t, KernelProfile.MAINLINE, "pci=config_acs=10000000@02:08.0")
                .assumptions());
        assertTrue(high.kernelLog().contains("pci 0000:02:08.0: Invalid ACS flags specified"));
        TopologyRules x = boot(t, KernelProfile.MAINLINE, "pci=config_acs=x0000000@02:08.0");
        assertEquals(0, control(x, TCl.DSPA), "CFG-6: an x above bit 6 is accepted, mask 0x7F flags 0");
    }

    @Test
    void cfg7AnEmptyFlagStringRestoresFirmwareEverywhere() {
        TopologyRules r = boot(t, KernelProfile.MAINLINE, "pci=config_acs=@pci:0:0");
        for (String port : List.of(TCl.RP1, TCl.DSPA, TCl.DSPB)) assertEquals(0, control(r, port), port);
        assertEquals(0x001D, written(t, TCl.DSPA, TCl.DSP_CAP, true, "pci=config_acs=@pci:0:0", V6_12, 0));
    }

    @Test
    void cfg8ConfigAcsReplacesDisableAcsRedirFromFirmware() {
        String line = "pci=disable_acs_redir=02:08.0,config_acs=1x@02:08.0";
        TopologyRules r = boot(TCl.withDspControl(TCl.noIommuPlatform(), 0x001D), KernelProfile.MAINLINE, line);
        assertEquals(0x001F, control(r, TCl.DSPA), "fw 0x1D with TB set: RR/CR are back on");
        int w = written(t, TCl.DSPA, TCl.DSP_CAP, false, line, V6_12, 0x001D);
        assertEquals(0xFFDF, w, "v6.12: written 0xFFDF");
        assertEquals(0x005F, w & TCl.DSP_CAP);
    }

    @Test
    void cfg9And11WhatHasNoAcsIsLeftAloneAndUnimplementedBitsReadAsZero() {
        TopologyRules r = boot(t, KernelProfile.MAINLINE, "pci=config_acs=1111111@03:00.0");
        assertTrue(new EffectiveAcs(t, r.assumptions()).kernelLog().isEmpty(), "CFG-9: nothing, no log");
        assertEquals(0x001D, control(r, TCl.DSPA));
        assertEquals(0x007F, written(t, TCl.DSPA, TCl.DSP_CAP, true, "pci=config_acs=1111111@02:08.0",
                KernelProfile.MAINLINE, 0), "CFG-11: written 0x007f");
        TopologyRules all = boot(t, KernelProfile.MAINLINE, "pci=config_acs=1111111@02:08.0");
        assertEquals(0x005F, control(all, TCl.DSPA), "read back 0x005f: EC not implemented");
    }

    @Test
    void cfg10BeforeV611TheOptionIsUnknown() {
        TopologyRules r = boot(t, KernelProfile.V5_15, "pci=config_acs=10x@pci:0:0");
        assertEquals(0x001D, control(r, TCl.DSPA), "ignored");
        assertTrue(r.assumptions().commandLine().problems().stream()
                .anyMatch(p -> p.startsWith("PCI: Unknown option `config_acs=10x@pci:0:0'")));
    }
}
