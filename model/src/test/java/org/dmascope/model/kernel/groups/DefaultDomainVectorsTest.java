package org.dmascope.model.kernel.groups;

import static org.dmascope.model.kernel.fixtures.Fx.bdf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.dmascope.model.kernel.fixtures.T1;
import org.dmascope.model.kernel.platform.PlatformAssumptions;
import org.dmascope.model.kernel.platform.PlatformOverrides;
import org.dmascope.model.kernel.profile.KernelProfile;
import org.dmascope.model.topology.Platform.DomainType;
import org.dmascope.model.topology.Platform.MemoryEncryption;
import org.dmascope.model.topology.Topology;
import org.junit.jupiter.api.Test;

/** The vectors of kernel-dma-rules.md section 3.9 (R-GRP-3). */
class DefaultDomainVectorsTest {

    private static DomainDecision global(Topology t, PlatformOverrides o) {
        return DefaultDomainPolicy.global(PlatformAssumptions.resolve(t, o));
    }

    @Test
    void dom1_x86DefaultsGiveDmaFq() {
        DomainDecision d = global(T1.t1(), PlatformOverrides.NONE);
        assertEquals(DomainType.DMA_FQ, d.type());
        assertFalse(d.strict());
        assertTrue(d.reason().contains("256 entries per CPU, 10 ms"), d.reason());
    }

    @Test
    void dom2_iommuStrictGivesDma() {
        DomainDecision d = global(T1.t1(), PlatformOverrides.NONE.withCommandLine("quiet iommu.strict=1"));
        assertEquals(DomainType.DMA, d.type());
        assertTrue(d.strict());
    }

    @Test
    void dom3_passthroughGivesIdentity() {
        assertEquals(DomainType.IDENTITY, global(T1.t1(), PlatformOverrides.NONE.withCommandLine("iommu.passthrough=1"))
                .type());
        assertEquals(DomainType.IDENTITY, global(T1.t1(),
                PlatformOverrides.NONE.withCommandLine("intel_iommu=on iommu=pt")).type());
    }

    @Test
    void dom4_untrustedDeviceForcesStrictDmaForItsGroup() {
        Topology t = T1.t1().withFunction(bdf(T1.DSPA), f -> f.toBuilder().externalFacing(Optional.of(true)).build());
        for (String p : java.util.List.of(T1.RP1, T1.RP2, T1.DSPA,
                T1.DSPB)) t = org.dmascope.model.kernel.fixtures.Fx.setAcsControl(t, p, 0x1D);
        PlatformAssumptions a = PlatformAssumptions.resolve(t,
                PlatformOverrides.NONE.withCommandLine("iommu.passthrough=1"));
        IommuGroups groups = IommuGroupBuilder.build(t, a);
        DomainDecision epa = DefaultDomainPolicy.forGroup(groups.groupOf(bdf(T1.EPA)).orElseThrow(), t, a);
        assertEquals(DomainType.DMA, epa.type());
        assertTrue(epa.strict());
        assertTrue(epa.reason().contains("untrusted device 0000:03:00.0"), epa.reason());
        DomainDecision epb = DefaultDomainPolicy.forGroup(groups.groupOf(bdf(T1.EPB)).orElseThrow(), t, a);
        assertEquals(DomainType.IDENTITY, epb.type());
    }

    @Test
    void dom5_memoryEncryptionTurnsAnImplicitIdentityIntoTranslation() {
        PlatformOverrides kconfig = PlatformOverrides.NONE.withKconfigPassthrough(true);
        assertEquals(DomainType.IDENTITY, global(T1.t1(), kconfig).type());
        DomainDecision sme = global(T1.t1(), kconfig.withMemoryEncryption(MemoryEncryption.SME_HOST));
        assertTrue(sme.translated(), sme.toString());
        assertTrue(sme.steps().stream().anyMatch(s -> s.contains("Disabling default IOMMU Passthrough")),
                sme.steps().toString());
        DomainDecision explicit = global(T1.t1(), kconfig.withMemoryEncryption(MemoryEncryption.SME_HOST)
                .withCommandLine("iommu=pt"));
        assertEquals(DomainType.IDENTITY, explicit.type(), "a command-line passthrough is kept");
    }

    @Test
    void dom6_vtdCachingModeForcesStrict() {
        DomainDecision vm = global(T1.t1(), PlatformOverrides.NONE.withVtdCachingMode(true));
        assertEquals(DomainType.DMA, vm.type());
        assertTrue(vm.steps().stream().anyMatch(s -> s.contains("IOMMU batching disallowed due to virtualization")));
    }

    /** R-GRP-3 boundary at v6.3 (257ec2907419): caching mode with first-stage tables keeps the flush queue. */
    @Test
    void dom6b_cachingModeWithFirstStageTablesKeepsTheFlushQueueFrom6_3() {
        PlatformOverrides vm = PlatformOverrides.NONE.withVtdCachingMode(true).withCommandLine("intel_iommu=on,sm_on");
        assertEquals(DomainType.DMA, global(T1.t1(), vm.withProfile(KernelProfile.V6_1)).type(), "6.1: strict");
        assertEquals(DomainType.DMA_FQ, global(T1.t1(), vm.withProfile(KernelProfile.V6_6)).type(), "6.6: lazy");
        PlatformOverrides second = PlatformOverrides.NONE.withVtdCachingMode(true).withCommandLine(
                "intel_iommu=on,sm_off");
        assertEquals(DomainType.DMA, global(T1.t1(), second.withProfile(KernelProfile.V6_6)).type(),
                "second-stage tables stay strict");
    }

    /** R-GRP-3 boundary at v5.15: the DMA-FQ domain type (5.10 has none). */
    @Test
    void dmaFqTypeArrivesBetween5_10And5_15() {
        assertEquals(DomainType.DMA, global(T1.t1(), PlatformOverrides.NONE.withProfile(KernelProfile.V5_10)).type());
        assertEquals(DomainType.DMA_FQ, global(T1.t1(), PlatformOverrides.NONE.withProfile(KernelProfile.V5_15))
                .type());
    }

    @Test
    void profiles_5_4HasNoDmaFqType() {
        DomainDecision d = global(T1.t1(), PlatformOverrides.NONE.withProfile(KernelProfile.V5_4));
        assertEquals(DomainType.DMA, d.type());
        assertFalse(d.strict(), "still lazy: the flush queue belongs to the DMA domain");
        assertEquals(DomainType.DMA_FQ, global(T1.t1(), PlatformOverrides.NONE.withProfile(KernelProfile.V5_15))
                .type());
    }
}
