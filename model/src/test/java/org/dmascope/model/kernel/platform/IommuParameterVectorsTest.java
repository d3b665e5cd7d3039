package org.dmascope.model.kernel.platform;

import static org.dmascope.model.kernel.fixtures.Fx.bdf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import org.dmascope.model.kernel.TopologyRules;
import org.dmascope.model.kernel.acs.EffectiveAcs;
import org.dmascope.model.kernel.fixtures.Fx;
import org.dmascope.model.kernel.fixtures.TCl;
import org.dmascope.model.kernel.groups.DefaultDomainPolicy;
import org.dmascope.model.kernel.p2p.P2pMapType;
import org.dmascope.model.kernel.profile.KernelProfile;
import org.dmascope.model.kernel.profile.KernelVersion;
import org.dmascope.model.topology.Platform;
import org.dmascope.model.topology.Platform.CpuVendor;
import org.dmascope.model.topology.Platform.DomainType;
import org.dmascope.model.topology.Platform.IommuDriver;
import org.dmascope.model.topology.Platform.MemoryEncryption;
import org.dmascope.model.topology.Platform.PageTableFormat;
import org.dmascope.model.topology.Topology;
import org.junit.jupiter.api.Test;

/**
 * The IOMMU parameters (research notes section 4.7, IOM-1 … IOM-28; x86, Kconfig LAZY, PASSTHROUGH=n,
 * INTEL_IOMMU_DEFAULT_ON=y): R-CMD-5 the default domain ({@code iommu.passthrough=}, {@code iommu=pt|nopt},
 * {@code iommu.strict=}, the legacy strict options; read in v5.4.273, v5.15.85, v6.1.119, v6.19.0), R-CMD-6 which
 * IOMMU starts and who requests ACS ({@code iommu=off}, {@code intel_iommu=on|off}, {@code amd_iommu=off}; v6.19.0
 * and v5.4.273), R-CMD-10 the DMA-domain page table ({@code intel_iommu=sm_on|sm_off}, {@code amd_iommu=pgtbl_v2};
 * v5.15.85, v6.14.0, v6.19.0).
 */
class IommuParameterVectorsTest {
    private final Topology vtd = TCl.tcl();
    private final Topology amd = TCl.tcl().withPlatform(Fx.cpu(Fx.intelVtd(), CpuVendor.AMD, 0x19).withIommu(
            new Platform.Iommu(Optional.of(IommuDriver.AMD_VI), Optional.empty(), Optional.empty(), OptionalInt.empty(),
                    Optional.empty(), OptionalLong.empty())));

    private static PlatformAssumptions with(Topology t, KernelProfile k, String line) {
        return PlatformAssumptions.resolve(t, PlatformOverrides.NONE.withProfile(k).withCommandLine(line));
    }

    private DomainType domain(String line) {
        return DefaultDomainPolicy.global(with(vtd, KernelProfile.MAINLINE, line)).type();
    }

    @Test
    void iom1To4PassThroughTheLastOfIommuPtAndIommuPassthroughWins() {
        assertEquals(DomainType.DMA_FQ, domain(""), "IOM-1");
        assertEquals(DomainType.IDENTITY, domain("iommu=pt"), "IOM-2");
        assertEquals(DomainType.DMA_FQ, domain("iommu=pt iommu.passthrough=0"), "IOM-3");
        assertEquals(DomainType.IDENTITY, domain("iommu.passthrough=0 iommu=pt"), "IOM-4");
        assertEquals(DomainType.DMA_FQ, domain("iommu=nopt"));
        assertEquals(AssumptionSource.KERNEL_COMMAND_LINE,
                with(vtd, KernelProfile.MAINLINE, "iommu=pt").iommuModeAssumption().source());
    }

    @Test
    void iom5LegacyStrictOptionsRunAfterTheEarlyOnes() {
        assertEquals(DomainType.DMA, domain("iommu.strict=0 intel_iommu=strict"), "IOM-5");
        assertEquals(DomainType.DMA, domain("intel_iommu=strict iommu.strict=0"), "IOM-5, other order");
        assertEquals(DomainType.DMA, domain("amd_iommu=fullflush iommu.strict=0"), "v5.15+: global");
        assertEquals(DomainType.DMA, domain("iommu.strict=1"));
        assertEquals(DomainType.DMA_FQ, domain("iommu.strict=1 iommu.strict=0"), "last wins among itself");
    }

    @Test
    void iom6To8KstrtoboolGrowsWithTheKernel() {
        assertEquals(Optional.empty(), KernelCommandLine.parse("iommu.passthrough=true", KernelProfile.V5_15, true)
                .passthrough(), "IOM-6 v5.15: Malformed early option");
        assertEquals(DomainType.DMA_FQ, DefaultDomainPolicy.global(with(vtd, KernelProfile.V5_15,
                "iommu.passthrough=true")).type());
        assertEquals(Optional.of(true), KernelCommandLine.parse("iommu.passthrough=true", KernelVersion.of(6, 1),
                true).passthrough(), "IOM-6 v6.1");
        assertEquals(DomainType.IDENTITY, domain("iommu.passthrough=true"), "IOM-6 v6.19");
        assertEquals(DomainType.IDENTITY, domain("iommu.passthrough=enable"), "IOM-7 v6.19");
        assertEquals(Optional.empty(), KernelCommandLine.parse("iommu.passthrough=enable", KernelVersion.of(6, 1),
                true).passthrough(), "IOM-7 v6.1: malformed");
        KernelCommandLine bad = KernelCommandLine.parse("iommu.passthrough=2 iommu.strict=maybe");
        assertEquals(Optional.empty(), bad.passthrough());
        assertEquals(Optional.empty(), bad.iommuStrict());
        assertEquals(2, bad.problems().size(), "IOM-8: " + bad.problems());
        assertTrue(bad.problems().get(0).contains("Malformed early option 'iommu.passthrough'"));
        assertEquals(Optional.of(true), KernelCommandLine.parse("iommu.passthrough=onx").passthrough(),
                "two characters decide: onx is on");
        assertEquals(Optional.of(false), KernelCommandLine.parse("iommu.passthrough=of").passthrough());
    }

    @Test
    void iom13AmdIommuOffStillRequestsAcs() {
        PlatformAssumptions a = with(amd, KernelProfile.MAINLINE, "amd_iommu=off");
        assertEquals(IommuDriver.NONE, a.iommu());
        assertTrue(a.acsRequested(), "detect_ivrs() ran first");
        assertEquals(AssumptionSource.KERNEL_COMMAND_LINE, a.iommuAssumption().source());
        TopologyRules r = TopologyRules.of(amd, a);
        EffectiveAcs e = new EffectiveAcs(amd, a);
        assertEquals(0x001D, e.of(amd.function(bdf(TCl.DSPA)).orElseThrow()).control());
        assertNotEquals(P2pMapType.BUS_ADDR, r.p2p(bdf(TCl.EPB), bdf(TCl.EPA)).mapType(), "host-bridge path");
        assertFalse(r.groups().iommuPresent(), "no groups");
    }

    @Test
    void iom14EachOptionActsOnItsOwnVendorsIommu() {
        PlatformAssumptions a = with(amd, KernelProfile.MAINLINE, "intel_iommu=off");
        assertEquals(IommuDriver.AMD_VI, a.iommu(), "IOM-14: no effect on AMD");
        assertEquals(IommuDriver.INTEL_VTD, with(vtd, KernelProfile.MAINLINE, "amd_iommu=off").iommu());
        assertEquals(IommuDriver.INTEL_VTD, with(vtd, KernelProfile.MAINLINE, "intel_iommu=off intel_iommu=on")
                .iommu(), "the last of on/off wins");
    }

    @Test
    void iom15IntelIommuOffRequestsAcsOnlyWithThePlatformOptIn() {
        PlatformAssumptions plain = with(vtd, KernelProfile.MAINLINE, "intel_iommu=off");
        assertEquals(IommuDriver.NONE, plain.iommu());
        assertFalse(plain.acsRequested(), "no opt-in flag");
        Topology laptop = vtd.withFunction(bdf(TCl.RP1), f -> f.toBuilder().externalFacing(Optional.of(true)).build());
        PlatformAssumptions optIn = with(laptop, KernelProfile.MAINLINE, "intel_iommu=off");
        assertEquals(IommuDriver.NONE, optIn.iommu());
        assertTrue(optIn.acsRequested(), "IOM-15: opt-in inferred from the external-facing port");
        assertTrue(optIn.iommuAssumption().detail().contains("opt-in"));
    }

    @Test
    void iom16IommuOffStopsBothTheDriverAndTheAcsRequest() {
        PlatformAssumptions a = with(amd, KernelProfile.MAINLINE, "iommu=off");
        assertEquals(IommuDriver.NONE, a.iommu());
        assertFalse(a.acsRequested());
        assertEquals(0, new EffectiveAcs(amd, a).of(amd.function(bdf(TCl.DSPA)).orElseThrow()).control(),
                "ports keep firmware's 0");
        assertEquals(P2pMapType.BUS_ADDR, TopologyRules.of(amd, a).p2p(bdf(TCl.EPB), bdf(TCl.EPA)).mapType());
        assertTrue(KernelCommandLine.parse("iommu=offx").iommuOff(), "by prefix");
        PlatformAssumptions arm = PlatformAssumptions.resolve(armTopology(), PlatformOverrides.NONE
                .withCommandLine("iommu=off"));
        assertEquals(IommuDriver.ARM_SMMU_V3, arm.iommu(), "iommu= is x86-only");
    }

    @Test
    void iom19And21KconfigAndMemoryEncryptionMeetTheCommandLine() {
        PlatformAssumptions kpt = PlatformAssumptions.resolve(vtd, PlatformOverrides.NONE.withKconfigPassthrough(true)
                .withCommandLine("iommu.passthrough=0"));
        assertEquals(DomainType.DMA_FQ, DefaultDomainPolicy.global(kpt).type(), "IOM-19: lazy, not strict");
        PlatformAssumptions plainKpt = PlatformAssumptions.resolve(vtd, PlatformOverrides.NONE
                .withKconfigPassthrough(true));
        assertEquals(DomainType.IDENTITY, DefaultDomainPolicy.global(plainKpt).type());
        PlatformAssumptions sme = PlatformAssumptions.resolve(amd, PlatformOverrides.NONE
                .withMemoryEncryption(MemoryEncryption.SME_HOST).withCommandLine("iommu=pt"));
        assertEquals(DomainType.IDENTITY, DefaultDomainPolicy.global(sme).type(),
                "IOM-21: the line's pass-through stays");
        PlatformAssumptions smeKpt = PlatformAssumptions.resolve(amd, PlatformOverrides.NONE
                .withMemoryEncryption(MemoryEncryption.SME_HOST).withKconfigPassthrough(true));
        assertEquals(DomainType.DMA_FQ, DefaultDomainPolicy.global(smeKpt).type(), "IOM-20: Kconfig's does not");
    }

    @Test
    void iom24InV54IommuStrictDoesNothingOnX86() {
        assertEquals(DefaultDomainChoice.LAZY, with(vtd, KernelProfile.V5_4, "iommu.strict=1").iommuMode());
        assertEquals(DefaultDomainChoice.DMA, with(vtd, KernelProfile.V5_4, "intel_iommu=strict").iommuMode());
        assertEquals(DefaultDomainChoice.LAZY, with(vtd, KernelProfile.V5_4, "amd_iommu=fullflush").iommuMode(),
                "v5.4: AMD's flag is its own driver's");
        assertEquals(DefaultDomainChoice.DMA, with(vtd, KernelProfile.V5_15, "iommu.strict=1").iommuMode());
    }

    @Test
    void iom26To28NamesArchitecturesAndTheDoubleDash() {
        PlatformAssumptions arm = PlatformAssumptions.resolve(armTopology(), PlatformOverrides.NONE
                .withCommandLine("iommu=pt"));
        assertEquals(DefaultDomainChoice.DMA, arm.iommuMode(), "IOM-26: unknown on arm64, strict default there");
        assertTrue(arm.commandLine().notModelled().stream().anyMatch(s -> s.contains("x86 parameter")));
        assertEquals(IommuDriver.NONE, with(vtd, KernelProfile.MAINLINE, "intel-iommu=off").iommu(), "IOM-27");
        assertEquals(DefaultDomainChoice.LAZY, with(vtd, KernelProfile.MAINLINE, "quiet -- iommu=pt").iommuMode(),
                "IOM-28: after -- is init's");
        assertTrue(KernelCommandLine.parse("quiet -- iommu=pt").notModelledSummary().contains("after \"--\""));
    }

    @Test
    void smOnAndSmOffChooseTheVtdTables() {
        PlatformAssumptions on = with(vtd, KernelProfile.MAINLINE, "intel_iommu=on,sm_on");
        assertEquals(PageTableFormat.VTD_FIRST_STAGE, on.pageTable());
        assertTrue(on.vtdFirstStageAssumption().value());
        assertTrue(on.pageTableAssumption().detail().contains("assuming"), "the hardware support is an assumption");
        assertEquals(PageTableFormat.VTD_SECOND_STAGE, with(vtd, KernelProfile.MAINLINE, "intel_iommu=sm_off")
                .pageTable());
        assertEquals(PageTableFormat.VTD_SECOND_STAGE, with(vtd, KernelProfile.V5_4, "intel_iommu=sm_on")
                .pageTable(), "v5.4 builds DMA domains on second-stage tables");
        assertEquals(PageTableFormat.VTD_SECOND_STAGE, with(vtd, KernelProfile.MAINLINE, "").pageTable());
    }

    @Test
    void pgtblV2ChoosesTheAmdV2TableAndItsWidth() {
        PlatformAssumptions v2 = with(amd, KernelProfile.MAINLINE, "amd_iommu=pgtbl_v2");
        assertEquals(PageTableFormat.AMD_V2, v2.pageTable());
        assertEquals(OptionalInt.of(47), v2.maxIovaBits(), "v6.19 generic page table: 47 bits");
        KernelCommandLine l61 = KernelCommandLine.parse("amd_iommu=pgtbl_v2", KernelVersion.of(6, 14), true);
        assertEquals(OptionalInt.of(48), DmaPageTable.of(l61, IommuDriver.AMD_VI).maxIovaBits(), "v6.14: 48 bits");
        PlatformAssumptions old = with(amd, KernelProfile.V5_15, "amd_iommu=pgtbl_v2");
        assertEquals(PageTableFormat.AMD_V1, old.pageTable(), "v5.15 does not know it");
        assertFalse(old.commandLine().problems().isEmpty());
        assertEquals(PageTableFormat.AMD_V1, with(amd, KernelProfile.MAINLINE, "amd_iommu=pgtbl_v2,pgtbl_v1")
                .pageTable());
        assertEquals(PageTableFormat.VTD_SECOND_STAGE, with(vtd, KernelProfile.MAINLINE, "amd_iommu=pgtbl_v2")
                .pageTable(), "not on VT-d");
    }

    @Test
    void v5AmdIommuFindsItsWordsAnywhere() {
        assertTrue(KernelCommandLine.parse("amd_iommu=xoff", KernelProfile.V5_15, true).amdIommuOff());
        assertFalse(KernelCommandLine.parse("amd_iommu=xoff").amdIommuOff(), "v6.1+: by comma-separated prefix");
    }

    private static Topology armTopology() {
        return TCl.tcl().withPlatform(new Platform(Optional.of(Platform.Architecture.ARM64), new Platform.Cpu(
                Optional.of(CpuVendor.NVIDIA), OptionalInt.empty(), Optional.empty()), new Platform.Iommu(
                Optional.of(IommuDriver.ARM_SMMU_V3), Optional.empty(), Optional.empty(), OptionalInt.empty(),
                Optional.empty(), OptionalLong.empty()), Platform.Swiotlb.UNKNOWN, Optional.empty(), Optional.empty()));
    }
}
