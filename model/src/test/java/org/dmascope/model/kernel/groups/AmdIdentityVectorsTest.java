package org.dmascope.model.kernel.groups;

import static org.dmascope.model.kernel.fixtures.Fx.bdf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.dmascope.model.io.imports.ImportProgress;
import org.dmascope.model.io.imports.ImportResult;
import org.dmascope.model.io.imports.Importer;
import org.dmascope.model.kernel.TopologyRules;
import org.dmascope.model.kernel.fixtures.Fx;
import org.dmascope.model.kernel.fixtures.T1;
import org.dmascope.model.kernel.platform.AmdEfr;
import org.dmascope.model.kernel.platform.AssumptionSource;
import org.dmascope.model.kernel.platform.PlatformAssumptions;
import org.dmascope.model.kernel.platform.PlatformOverrides;
import org.dmascope.model.kernel.profile.KernelProfile;
import org.dmascope.model.mapping.IommuMode;
import org.dmascope.model.mapping.TopologyMappingRules;
import org.dmascope.model.testing.Corpus;
import org.dmascope.model.topology.Acs;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.Platform;
import org.dmascope.model.topology.Platform.CpuVendor;
import org.dmascope.model.topology.Platform.DomainType;
import org.dmascope.model.topology.Platform.IommuDriver;
import org.dmascope.model.topology.Platform.MemoryEncryption;
import org.dmascope.model.topology.Topology;
import org.junit.jupiter.api.Test;

/**
 * Vectors AMD-1 … AMD-12 of R-AMD-1 (docs/kernel-rules-extra.md): the AMD IOMMU driver's identity domain for
 * PASID-capable devices, per profile. Each boundary is the commit the rule's Javadoc cites.
 */
class AmdIdentityVectorsTest {
    /** T1 on an AMD Zen machine, every port isolating (ACS SV|RR|CR|UF): EPa, EPb and EPc each in a group. */
    private static Topology amd() {
        Platform p = Fx.cpu(T1.t1().platform(), CpuVendor.AMD, 0x17).withIommu(new Platform.Iommu(
                Optional.of(IommuDriver.AMD_VI), Optional.empty(), Optional.empty(), OptionalInt.empty(),
                Optional.empty(), java.util.OptionalLong.empty()));
        Topology t = T1.t1().withPlatform(p);
        for (String port : List.of(T1.RP1, T1.RP2, T1.DSPA, T1.DSPB)) t = Fx.setAcsControl(t, port, 0x1D);
        return t;
    }

    private static Topology caps(Topology t, String addr, boolean ats, boolean pri, boolean pasid) {
        return t.withFunction(bdf(addr), f -> f.toBuilder().ats(Optional.of(ats)).pri(Optional.of(pri))
                .pasid(Optional.of(pasid)).build());
    }

    private static DomainDecision domain(Topology t, String addr, PlatformOverrides o) {
        PlatformAssumptions a = PlatformAssumptions.resolve(t, o);
        IommuGroups groups = IommuGroupBuilder.build(t, a);
        return DefaultDomainPolicy.forGroup(groups.groupOf(bdf(addr)).orElseThrow(), t, a);
    }

    private static PlatformOverrides on(KernelProfile k) {
        return PlatformOverrides.NONE.withProfile(k);
    }

    private static boolean says(DomainDecision d, String words) {
        return d.steps().stream().anyMatch(s -> s.contains(words));
    }

    @Test
    void amd1_mainlineGivesAPasidCapableDeviceAnIdentityDomain() {
        Topology t = caps(amd(), T1.EPA, false, false, true);
        DomainDecision epa = domain(t, T1.EPA, PlatformOverrides.NONE);
        assertEquals(DomainType.IDENTITY, epa.type(), epa.toString());
        assertTrue(epa.reason().contains("R-AMD-1"), epa.reason());
        assertTrue(says(epa, "has a PASID capability and the IOMMU reports GT PPR GIOSup EPHSup"), epa.steps()
                .toString());
        DomainDecision epb = domain(t, T1.EPB, PlatformOverrides.NONE);
        assertEquals(DomainType.DMA_FQ, epb.type(), "a device without PASID keeps the global type");
    }

    @Test
    void amd2_beforeV67AtsPriAndPasidAreAllNeeded() {
        Topology pasidOnly = caps(amd(), T1.EPA, false, false, true);
        DomainDecision v66 = domain(pasidOnly, T1.EPA, on(KernelProfile.V6_6));
        assertEquals(DomainType.DMA_FQ, v66.type(), v66.toString());
        Topology all = caps(amd(), T1.EPA, true, true, true);
        for (KernelProfile k : List.of(KernelProfile.V5_9, KernelProfile.V5_15, KernelProfile.V6_1,
                KernelProfile.V6_6)) {
            DomainDecision d = domain(all, T1.EPA, on(k));
            assertEquals(DomainType.IDENTITY, d.type(), k + ": " + d);
            assertTrue(says(d, "has ATS, PRI and PASID capabilities"), d.steps().toString());
        }
        assertEquals(DomainType.IDENTITY, domain(pasidOnly, T1.EPA, on(KernelProfile.V6_12)).type(),
                "92e2bd56a5f9 (v6.7): the PASID capability alone");
    }

    @Test
    void amd3_theEfrMustReportGtAndPprAndSinceV610GioSupAndEphSup() {
        Topology t = caps(amd(), T1.EPA, true, true, true);
        DomainDecision noGt = domain(t, T1.EPA, PlatformOverrides.NONE.withAmdEfr(AmdEfr.parse("ppr")));
        assertEquals(DomainType.DMA_FQ, noGt.type());
        assertTrue(says(noGt, "EFR lacks GT and GIOSup and EPHSup (option)"), noGt.steps().toString());
        PlatformOverrides gtPpr = PlatformOverrides.NONE.withAmdEfr(AmdEfr.parse("gt,ppr"));
        assertEquals(DomainType.IDENTITY, domain(t, T1.EPA, gtPpr.withProfile(KernelProfile.V6_6)).type());
        DomainDecision v612 = domain(t, T1.EPA, gtPpr.withProfile(KernelProfile.V6_12));
        assertEquals(DomainType.DMA_FQ, v612.type(), "48dc345a23b9 (v6.10) also needs EPHSup");
        assertTrue(says(v612, "lacks GIOSup and EPHSup"), v612.steps().toString());
    }

    @Test
    void amd4_memoryEncryptionRefusesItSinceV59() {
        Topology t = caps(amd(), T1.EPA, true, true, true);
        PlatformOverrides sme = PlatformOverrides.NONE.withMemoryEncryption(MemoryEncryption.SME_HOST);
        DomainDecision v54 = domain(t, T1.EPA, sme.withProfile(KernelProfile.V5_4));
        assertEquals(DomainType.IDENTITY, v54.type(), v54.toString());
        assertTrue(says(v54, "does not yet refuse it under memory encryption"), v54.steps().toString());
        for (KernelProfile k : List.of(KernelProfile.V5_9, KernelProfile.V6_6, KernelProfile.MAINLINE)) {
            DomainDecision d = domain(t, T1.EPA, sme.withProfile(k));
            assertTrue(d.translated(), k + ": " + d);
            assertTrue(says(d, "memory encryption (sme) is active"), d.steps().toString());
        }
    }

    @Test
    void amd5_snpRefusesItSinceV63() {
        Topology t = caps(amd(), T1.EPA, true, true, true);
        PlatformOverrides snp = PlatformOverrides.NONE.withAmdSnp(true);
        DomainDecision v61 = domain(t, T1.EPA, snp.withProfile(KernelProfile.V6_1));
        assertEquals(DomainType.IDENTITY, v61.type());
        assertTrue(says(v61, "does not yet check SEV-SNP"), v61.steps().toString());
        DomainDecision v66 = domain(t, T1.EPA, snp.withProfile(KernelProfile.V6_6));
        assertEquals(DomainType.DMA_FQ, v66.type(), v66.toString());
        assertTrue(says(v66, "SEV-SNP is enabled (option), which prohibits DTE[Mode]=0"), v66.steps().toString());
        assertTrue(v66.reason().contains("; no identity domain from the AMD driver: 0000:03:00.0: has ATS, PRI and "
                + "PASID capabilities, but SEV-SNP is enabled"), "the reason says why: " + v66.reason());
    }

    @Test
    void amd6_anUntrustedDeviceNeverGetsIdentity() {
        Topology t = caps(amd(), T1.EPA, true, true, true).withFunction(bdf(T1.DSPA),
                f -> f.toBuilder().externalFacing(Optional.of(true)).build());
        for (KernelProfile k : List.of(KernelProfile.V5_9, KernelProfile.V6_6, KernelProfile.MAINLINE)) {
            DomainDecision d = domain(t, T1.EPA, on(k));
            assertEquals(DomainType.DMA, d.type(), k + ": " + d);
            assertTrue(d.strict());
        }
        PciFunction epa = t.function(bdf(T1.EPA)).orElseThrow();
        AmdIdentityDomain.Answer v59 = AmdIdentityDomain.forDevice(epa, t, PlatformAssumptions.resolve(t,
                on(KernelProfile.V5_9)));
        assertFalse(v59.identity());
        assertTrue(v59.why().contains("pci_ats_supported() is false"), v59.why());
        AmdIdentityDomain.Answer v74 = AmdIdentityDomain.forDevice(epa, t, PlatformAssumptions.resolve(t,
                PlatformOverrides.NONE));
        assertFalse(v74.identity());
        assertTrue(v74.why().contains("untrusted: the driver asks a DMA domain (0f91d0795741"), v74.why());
    }

    @Test
    void amd7_v54GrantsTheRequestOnlyToTheGroupsFirstProbedMember() {
        Topology t = amd();
        PciFunction epc = t.function(bdf(T1.EPC)).orElseThrow();
        PciFunction fn1 = Fx.endpoint("0000:05:00.1", 0x1002, 0xab38, 0x040300, Acs.ABSENT).toBuilder()
                .multifunction(true).ats(Optional.of(true)).pri(Optional.of(true)).pasid(Optional.of(true)).build();
        t = Fx.replace(t, T1.EPC, epc.toBuilder().multifunction(true).build());
        t = Fx.add(t, fn1);
        PlatformAssumptions a54 = PlatformAssumptions.resolve(t, on(KernelProfile.V5_4));
        assertEquals(List.of(bdf(T1.EPC), bdf("0000:05:00.1")), IommuGroupBuilder.build(t, a54).groupOf(bdf(T1.EPC))
                .orElseThrow().addresses(), "one group, 05:00.0 probed first");
        DomainDecision v54 = domain(t, "0000:05:00.1", on(KernelProfile.V5_4));
        assertEquals(DomainType.DMA, v54.type(), "5.4 has no DMA-FQ; the request is refused: " + v54);
        assertTrue(says(v54, "0000:05:00.0 was probed first, so the request is refused"), v54.steps().toString());
        DomainDecision v59 = domain(t, "0000:05:00.1", on(KernelProfile.V5_9));
        assertEquals(DomainType.IDENTITY, v59.type(), "def_domain_type: any member decides");
        assertEquals(DomainType.IDENTITY, domain(t, T1.EPC, on(KernelProfile.V5_9)).type(), "for the whole group");
    }

    @Test
    void amd8_forceIsolationKeepsTheGlobalDefault() {
        Topology t = caps(amd(), T1.EPA, true, true, true);
        DomainDecision d = domain(t, T1.EPA, PlatformOverrides.NONE.withCommandLine("amd_iommu=force_isolation"));
        assertEquals(DomainType.DMA_FQ, d.type(), d.toString());
        assertTrue(says(d, "amd_iommu=force_isolation makes the driver ignore it"), d.steps().toString());
        DomainDecision v54 = domain(t, T1.EPA, PlatformOverrides.NONE.withProfile(KernelProfile.V5_4)
                .withCommandLine("amd_iommu=xforce_isolation"));
        assertTrue(v54.translated(), "v5.x finds the word anywhere in the value: " + v54);
    }

    @Test
    void amd9_pciNoatsMattersOnlyWhileAtsIsRequired() {
        Topology t = caps(amd(), T1.EPA, true, true, true);
        PlatformOverrides noats = PlatformOverrides.NONE.withCommandLine("pci=noats");
        DomainDecision v66 = domain(t, T1.EPA, noats.withProfile(KernelProfile.V6_6));
        assertEquals(DomainType.DMA_FQ, v66.type());
        assertTrue(says(v66, "pci=noats disables ATS"), v66.steps().toString());
        assertEquals(DomainType.IDENTITY, domain(t, T1.EPA, noats).type(), "v6.7+: PASID alone");
    }

    @Test
    void amd10_otherIommusAreNotAsked() {
        Topology t = caps(T1.t1(), T1.EPA, true, true, true);
        for (String port : List.of(T1.RP1, T1.RP2, T1.DSPA, T1.DSPB)) t = Fx.setAcsControl(t, port, 0x1D);
        DomainDecision d = domain(t, T1.EPA, PlatformOverrides.NONE);
        assertEquals(DomainType.DMA_FQ, d.type());
        assertFalse(says(d, "R-AMD-1"), d.steps().toString());
        PlatformAssumptions a = PlatformAssumptions.resolve(t, PlatformOverrides.NONE);
        assertFalse(a.forDomains().contains(a.amdEfrAssumption()), "the EFR is listed only for an AMD IOMMU");
    }

    @Test
    void amd11_aVirtualFunctionReadsItsPhysicalFunctionsPasid() {
        Topology t = caps(amd(), T1.EPA, false, false, true);
        PciFunction vf = Fx.endpoint("0000:03:00.1", 0x15b3, 0x101e, 0x020000, Acs.ABSENT).toBuilder()
                .physicalFunction(Optional.of(bdf(T1.EPA))).pasid(Optional.of(false)).build();
        t = Fx.add(t, vf);
        PciFunction v = t.function(bdf("0000:03:00.1")).orElseThrow();
        assertTrue(AmdIdentityDomain.forDevice(v, t, PlatformAssumptions.resolve(t, PlatformOverrides.NONE))
                .identity(), "pci_pasid_features() reads the PF");
        assertFalse(AmdIdentityDomain.forDevice(v, t, PlatformAssumptions.resolve(t, on(KernelProfile.V6_6)))
                .identity(), "before v6.7 the VF's own capabilities");
    }

    @Test
    void amd12_theMappingOfAnIdentityGroupGoesDirect() {
        Topology t = caps(amd(), T1.EPA, false, false, true);
        TopologyMappingRules rules = new TopologyMappingRules(TopologyRules.of(t));
        IommuMode.Resolved epa = rules.iommuMode(t.function(bdf(T1.EPA)).orElseThrow());
        assertEquals(IommuMode.IDENTITY, epa.mode(), epa.reason());
        assertEquals(IommuMode.DMA_FQ, rules.iommuMode(t.function(bdf(T1.EPB)).orElseThrow()).mode());
    }

    @Test
    void theEfrIsReadAsTheKernelPrintsIt() {
        // dell-optiplex5055-ryzen.dmesg.txt:42, Zen 1: "AMD-Vi: Extended features (0x400f77ef22294ada): PPR NX GT …"
        AmdEfr zen1 = AmdEfr.parse("0x400f77ef22294ada");
        assertTrue(zen1.gt() && zen1.ppr() && zen1.has(AmdEfr.GIOSUP) && zen1.has(AmdEfr.EPHSUP));
        assertFalse(zen1.has(AmdEfr.SNPSUP));
        assertEquals("0x400f77ef22294ada (GT PPR GIOSup EPHSup)", zen1.shown());
        // an EPYC's line quoted in openvelinux/kernel#50: "Extended features (0xa5bf732fa2295afe): PPR X2APIC NX GT …"
        assertTrue(AmdEfr.parse("0xa5bf732fa2295afe").has(AmdEfr.SNPSUP));
        assertEquals(new AmdEfr(AmdEfr.GT | AmdEfr.PPR), AmdEfr.parse("gt, ppr"));
        assertEquals(0, AmdEfr.parse("none").value());
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> AmdEfr.parse("gt,iommuv2"));
        assertTrue(e.getMessage().contains("gt, ppr, giosup, ephsup, snp"), e.getMessage());
    }

    @Test
    void theAssumedEfrIsStatedWithWhatTheAnswerWouldBeOtherwise() {
        PlatformAssumptions a = PlatformAssumptions.of(amd());
        assertEquals(AssumptionSource.DEFAULT, a.amdEfrAssumption().source());
        assertTrue(a.amdEfrAssumption().shown().endsWith("(assumed)"), a.amdEfrAssumption().shown());
        assertTrue(a.amdEfrAssumption().detail().contains("lspci cannot show")
                && a.amdEfrAssumption().detail().contains("would leave those devices in the global default"),
                a.amdEfrAssumption().detail());
        assertTrue(a.forDomains().contains(a.amdEfrAssumption()) && a.forDomains().contains(a.amdSnpAssumption()));
        Topology stated = amd().withPlatform(amd().platform().withIommu(amd().platform().iommu().withAmd(
                java.util.OptionalLong.of(0x2L), Optional.of(true))));
        PlatformAssumptions s = PlatformAssumptions.of(stated);
        assertEquals(AssumptionSource.TOPOLOGY, s.amdEfrAssumption().source());
        assertEquals("PPR", s.amdEfrAssumption().shown());
        assertTrue(s.amdSnpAssumption().value());
    }

    /**
     * The corpus's AMD machine (Raven APU, Radeon Pro WX 3100): the GPU 01:00.0 shows ATS, PRI and PASID
     * capabilities (hex lines 169-177; its ATSCtl and PRICtl read Enable+, as the v2 path leaves them), alone
     * in its group behind root port 00:01.1. Every profile gives it an identity domain; with SME, from 5.9 on,
     * it is translated.
     */
    @Test
    void theRavenMachinesGpuGetsAnIdentityDomain() {
        ImportResult r = Importer.importFiles(List.of(Corpus.file("lenovo-ryzen-raven-radeon-wx3100.hex.txt")),
                ImportProgress.NONE, () -> false);
        Topology t = r.topology().orElseThrow(() -> new AssertionError(r.report().toText()));
        Bdf gpu = Bdf.parse("0000:01:00.0");
        PciFunction f = t.function(gpu).orElseThrow();
        assertEquals(Optional.of(true), f.ats());
        assertEquals(Optional.of(true), f.pri());
        assertEquals(Optional.of(true), f.pasid());
        for (KernelProfile k : KernelProfile.oldestFirst()) {
            TopologyRules rules = TopologyRules.of(t, PlatformAssumptions.resolve(t, on(k)));
            assertEquals(IommuDriver.AMD_VI, rules.assumptions().iommu(), "inferred from the AMD root port");
            DomainDecision d = rules.groupOf(gpu).orElseThrow().domain();
            assertEquals(DomainType.IDENTITY, d.type(), k + ": " + d);
        }
        TopologyRules sme = TopologyRules.of(t, PlatformAssumptions.resolve(t, PlatformOverrides.NONE
                .withMemoryEncryption(MemoryEncryption.SME_HOST)));
        assertTrue(sme.groupOf(gpu).orElseThrow().domain().translated());
    }
}
