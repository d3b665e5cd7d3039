package org.dmascope.model.kernel.platform;

import static org.dmascope.model.kernel.fixtures.Fx.bdf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.dmascope.model.kernel.acs.AcsState;
import org.dmascope.model.kernel.acs.EffectiveAcs;
import org.dmascope.model.kernel.fixtures.Fx;
import org.dmascope.model.kernel.fixtures.Samples;
import org.dmascope.model.kernel.fixtures.T1;
import org.dmascope.model.kernel.profile.KernelProfile;
import org.dmascope.model.topology.Acs;
import org.dmascope.model.topology.Platform;
import org.dmascope.model.topology.Platform.CpuVendor;
import org.dmascope.model.topology.Platform.IommuDriver;
import org.dmascope.model.topology.PortType;
import org.dmascope.model.topology.Topology;
import org.junit.jupiter.api.Test;

/** Platform facts: sources, defaults, command-line effects and the kernel-set ACS control bits. */
class PlatformAssumptionsTest {

    @Test
    void sampleFactsComeFromTheTopologyFile() {
        PlatformAssumptions a = PlatformAssumptions.of(Samples.switchP2pServer());
        assertEquals(AssumptionSource.TOPOLOGY, a.cpuAssumption().source());
        assertEquals(Optional.of(CpuVendor.INTEL), a.cpu().vendor());
        assertEquals(IommuDriver.INTEL_VTD, a.iommu());
        assertEquals(DefaultDomainChoice.LAZY, a.iommuMode(), "DMA-FQ in the file");
        assertEquals(4, a.commandLine().disableAcsRedir().orElseThrow().split(";").length);
        assertFalse(a.acsWhatIf());
    }

    @Test
    void unknownPlatformUsesStatedDefaults() {
        Topology t = T1.t1().withPlatform(Platform.UNKNOWN);
        PlatformAssumptions a = PlatformAssumptions.of(t);
        assertEquals(AssumptionSource.INFERRED, a.cpuAssumption().source(), "T1's Intel host bridge tells the vendor");
        assertEquals(Optional.of(CpuVendor.INTEL), a.cpu().vendor());
        assertEquals(AssumptionSource.DEFAULT, PlatformAssumptions.of(new Topology("bare", Optional.empty(),
                Optional.empty(), Platform.UNKNOWN, List.of(), List.of(), List.of())).cpuAssumption().source());
        assertEquals(IommuDriver.INTEL_VTD, a.iommu());
        assertEquals(AssumptionSource.DEFAULT, a.iommuAssumption().source());
        assertTrue(a.iommuAssumption().detail().contains("assumed"));
        assertTrue(a.acsRequested());
        assertEquals(DefaultDomainChoice.LAZY, a.iommuMode());
        assertTrue(a.all().stream().allMatch(x -> !x.sentence().isBlank()));
    }

    @Test
    void optionsWinOverTheTopology() {
        PlatformAssumptions a = PlatformAssumptions.resolve(Samples.switchP2pServer(), PlatformOverrides.NONE
                .withCpu(CpuIdentity.parse("amd:0x19")).withIommu(IommuDriver.NONE)
                        .withIommuMode(DefaultDomainChoice.IDENTITY));
        assertEquals("amd family 0x19", a.cpu().words());
        assertEquals(AssumptionSource.OPTION, a.cpuAssumption().source());
        assertFalse(a.iommuPresent());
        assertFalse(a.acsRequested(), "no IOMMU driver, nothing requests ACS");
        assertEquals(DefaultDomainChoice.IDENTITY, a.iommuMode());
    }

    @Test
    void cpuOptionForms() {
        assertEquals(CpuIdentity.of(CpuVendor.AMD, 25), CpuIdentity.parse("amd:25"));
        assertEquals(CpuIdentity.of(CpuVendor.HYGON, 0x18), CpuIdentity.parse("Hygon:0x18"));
        assertTrue(CpuIdentity.parse("intel").family().isEmpty());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CpuIdentity.parse("via:6"));
        assertTrue(e.getMessage().contains("unknown CPU vendor"));
    }

    @Test
    void commandLineParameters() {
        KernelCommandLine k = KernelCommandLine.parse("ro quiet iommu.strict=0 iommu=pt intel_iommu=on,sm_on "
                + "pci=noats,disable_acs_redir=0000:02:00.0;pci:10b5:8747;00:01.0/00.0 iommu.passthrough=bogus");
        assertEquals(Optional.of(true), k.passthrough());
        assertEquals(Optional.of(false), k.iommuStrict());
        assertTrue(k.atsDisabled());
        assertEquals(Optional.of("0000:02:00.0;pci:10b5:8747;00:01.0/00.0"), k.disableAcsRedir());
        assertEquals(1, k.problems().size(), k.problems().toString());
        assertTrue(KernelCommandLine.parse("amd_iommu=off").amdIommuOff());
        assertTrue(KernelCommandLine.parse("intel_iommu=strict").intelStrict());
    }

    @Test
    void deviceSpecsMatchLikePciDevStrMatch() {
        Topology t = T1.t1();
        var h = t.hierarchy();
        var epa = t.function(bdf(T1.EPA)).orElseThrow();
        assertTrue(PciDeviceList.strMatch(epa, h, "0000:03:00.0", 0).matched());
        assertTrue(PciDeviceList.strMatch(epa, h, "03:00.0", 0).matched());
        assertTrue(PciDeviceList.strMatch(epa, h, "00:01.0/00.0/00.0/00.0", 0).matched(),
                "RP1 / USP / DSPa / EPa devfns");
        assertFalse(PciDeviceList.strMatch(epa, h, "00:01.0/00.0/01.0/00.0", 0).matched());
        assertTrue(PciDeviceList.strMatch(epa, h, "pci:15b3:101d", 0).matched());
        assertFalse(PciDeviceList.strMatch(epa, h, "pci:15b3:101e", 0).matched());
        assertTrue(PciDeviceList.strMatch(epa, h, "zz:00", 0).failed());
    }

    @Test
    void controlValuesFromADumpAreUsedAsTheyAre() {
        Topology t = Fx.setAcsControl(T1.t1(), T1.DSPA, 0x0011);
        EffectiveAcs e = new EffectiveAcs(t, PlatformAssumptions.of(t));
        AcsState s = e.of(t.function(bdf(T1.DSPA)).orElseThrow());
        assertEquals(0x0011, s.control());
        assertEquals(AcsState.ControlOrigin.INPUT, s.origin());
    }

    @Test
    void whatIfAddsTheKernelSetBitsMinusDisableAcsRedir() {
        Topology t = T1.t1();
        PlatformAssumptions a = PlatformAssumptions.resolve(t, PlatformOverrides.NONE.withAcsRequested(true)
                .withCommandLine("pci=disable_acs_redir=0000:02:01.0"));
        EffectiveAcs e = new EffectiveAcs(t, a);
        AcsState dspa = e.of(t.function(bdf(T1.DSPA)).orElseThrow());
        assertEquals(0x001D, dspa.control());
        assertEquals(AcsState.ControlOrigin.WHAT_IF, dspa.origin());
        assertTrue(dspa.note().startsWith("what-if"), dspa.note());
        AcsState dspb = e.of(t.function(bdf(T1.DSPB)).orElseThrow());
        assertEquals(0, dspb.control(), "v6.15+: disable_acs_redir writes firmware's value (the shown 0) "
                + "without RR|CR|EC, dropping the kernel-set SV|UF too (R-CMD-3, DAR-1)");
        PlatformAssumptions old = PlatformAssumptions.resolve(t, PlatformOverrides.NONE.withAcsRequested(true)
                .withCommandLine("pci=disable_acs_redir=0000:02:01.0").withProfile(KernelProfile.V5_15));
        AcsState oldDspb = new EffectiveAcs(t, old).of(t.function(bdf(T1.DSPB)).orElseThrow());
        assertEquals(Acs.SV | Acs.UF, oldDspb.control(), "v5.15: RR|CR cleared from the kernel's value (DAR-3)");
    }

    @Test
    void missingControlIsFilledByTheKernelRuleOrTakenAsZero() {
        Topology t = Fx.replace(T1.t1(), T1.DSPA, Fx.port(T1.DSPA, PortType.SWITCH_DOWNSTREAM, 0x1000, 0xc030,
                new Acs(true, java.util.OptionalInt.of(0x5F), java.util.OptionalInt.empty()), 3, 3));
        t = t.withFunction(bdf(T1.DSPA), f -> f.toBuilder().externalFacing(Optional.of(true)).build());
        EffectiveAcs requested = new EffectiveAcs(t, PlatformAssumptions.of(t));
        AcsState filled = requested.of(t.function(bdf(T1.DSPA)).orElseThrow());
        assertEquals(0x001F, filled.control(), "SV|RR|CR|UF plus TB for an external-facing port");
        assertEquals(AcsState.ControlOrigin.KERNEL_RULE, filled.origin());
        EffectiveAcs none = new EffectiveAcs(t, PlatformAssumptions.resolve(t,
                PlatformOverrides.NONE.withAcsRequested(false)));
        AcsState zero = none.of(t.function(bdf(T1.DSPA)).orElseThrow());
        assertEquals(0, zero.control());
        assertEquals(AcsState.ControlOrigin.ASSUMED_ZERO, zero.origin());
    }

    @Test
    void assumptionListsAreComplete() {
        PlatformAssumptions a = PlatformAssumptions.of(T1.t1());
        assertEquals(List.of("kernel", "architecture", "cpu", "iommu", "acsRequested", "cmdline", "p2pMemory"),
                a.forP2p().stream().map(Assumption::name).toList());
        assertTrue(a.forMapping().stream().anyMatch(x -> x.name().equals("ram")), "a mapping names the RAM it used");
        assertTrue(a.byName("vtdCachingMode").isPresent());
    }
}
