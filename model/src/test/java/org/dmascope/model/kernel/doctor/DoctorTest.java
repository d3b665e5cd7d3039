package org.dmascope.model.kernel.doctor;

import static org.dmascope.model.io.imports.ImportTesting.corpus;
import static org.dmascope.model.io.imports.ImportTesting.loaded;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import org.dmascope.model.io.SampleCatalog;
import org.dmascope.model.kernel.TopologyRules;
import org.dmascope.model.kernel.p2p.P2pMapType;
import org.dmascope.model.kernel.p2p.P2pVerdict;
import org.dmascope.model.kernel.platform.CpuIdentity;
import org.dmascope.model.kernel.platform.PlatformAssumptions;
import org.dmascope.model.kernel.platform.PlatformOverrides;
import org.dmascope.model.kernel.profile.KernelProfile;
import org.dmascope.model.topology.Acs;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.Platform;
import org.dmascope.model.topology.Platform.CpuVendor;
import org.dmascope.model.topology.Topology;
import org.junit.jupiter.api.Test;

/** The P2P and grouping doctor on real corpus machines: each answer is checked against a run with the change. */
class DoctorTest {
    private static final String SUPERMICRO = "supermicro-4028gr-tvrt-8xv100-pex9765.verbose.txt";

    private static TopologyRules rules(Topology t, PlatformOverrides o) {
        return TopologyRules.of(t, PlatformAssumptions.resolve(t, o));
    }

    private static Bdf bdf(String s) {
        return Bdf.parse(s);
    }

    @Test
    void theX99PchGroupOfKernel59NamesAnotherKernelAndItsGroups() {
        Topology t = loaded(corpus("x99-i7-5930k-k59.iommu-groups.txt", "x99-i7-5930k.verbose.txt",
                "x99-i7-5930k.hex.txt"));
        TopologyRules k59 = rules(t, PlatformOverrides.NONE.withProfile(KernelProfile.V5_9));
        Diagnosis d = new Doctor(k59).groupOf(bdf("0000:00:1c.4")).orElseThrow();
        Advice kernel = d.advice().stream().filter(a -> a.change().option().equals("--kernel 5.15")).findFirst()
                .orElseThrow(() -> new AssertionError(d.advice().toString()));
        assertEquals(Change.Kind.KERNEL_VERSION, kernel.change().kind());
        assertTrue(kernel.verified());
        TopologyRules k515 = rules(t, PlatformOverrides.NONE.withProfile(KernelProfile.V5_15));
        assertTrue(kernel.result().contains("{0000:00:1c.4}"), kernel.result());
        assertEquals(List.of(bdf("0000:00:1c.4")), k515.groups().groupOf(bdf("0000:00:1c.4")).orElseThrow()
                .addresses(), "the advice says what the rules give under 5.15");
        assertEquals(Optional.empty(), new Doctor(k515).groupOf(bdf("0000:00:1c.4")), "alone: nothing to say");
    }

    @Test
    void aNotSupportedPairWithAnUnknownCpuIsAnsweredBothWays() {
        Topology t = loaded(corpus(SUPERMICRO));
        TopologyRules r = rules(t, PlatformOverrides.NONE);
        Bdf provider = bdf("0000:04:00.0");
        Bdf client = bdf("0000:85:00.0");
        P2pVerdict v = r.p2p(provider, client);
        assertEquals(P2pMapType.NOT_SUPPORTED, v.mapType(), v.reason());
        Diagnosis d = new Doctor(r).p2p(v);
        Premise cpu = d.premises().stream().filter(p -> p.assumption().contains("CPU")).findFirst().orElseThrow();
        P2pVerdict amd = rules(t, PlatformOverrides.NONE.withCpu(CpuIdentity.of(CpuVendor.AMD, 0x19)))
                .p2p(provider, client);
        assertEquals(P2pDoctor.words(amd), cpu.other());
        assertEquals(Change.Kind.SET_CPU, cpu.howToKnow().kind());
        // The export names Intel host bridges: the CPU is inferred, and the inference is the premise.
        assertTrue(cpu.sentence().startsWith("under the assumption that the CPU is intel, inferred from 00:00.0"),
                cpu.sentence());
        assertTrue(d.advice().stream().anyMatch(a -> a.change().option().equals("--cpu amd:0x19") && a.verified()));

        TopologyRules intel = rules(t, PlatformOverrides.NONE.withCpu(CpuIdentity.of(CpuVendor.INTEL, 6)));
        assertFalse(new Doctor(intel).p2p(provider, client).premises().stream()
                .anyMatch(p -> p.assumption().contains("CPU")), "a CPU the user named is not in doubt");
    }

    @Test
    void aRedirectingRootPortTheTreeDoesNotDescribeGetsBothAnswersAndTheBootOption() {
        Topology t = loaded(corpus("intel-icelake-sp-cx7-sriov.tree.txt", "intel-icelake-sp-cx7-sriov.verbose.txt"));
        TopologyRules r = rules(t, PlatformOverrides.NONE);
        P2pVerdict v = r.p2p(bdf("0000:b1:00.0"), bdf("0000:b1:00.1"));
        assertEquals(P2pMapType.THRU_HOST_BRIDGE, v.mapType(), v.reason());
        Diagnosis d = new Doctor(r).p2p(v);
        Advice boot = d.advice().stream().filter(a -> a.change().kind() == Change.Kind.BOOT_OPTION).findFirst()
                .orElseThrow(() -> new AssertionError(d.toString()));
        assertEquals("--cmdline \"pci=disable_acs_redir=0000:b0:04.0\"", boot.change().option());
        P2pVerdict with = rules(t, PlatformOverrides.NONE.withCommandLine("pci=disable_acs_redir=0000:b0:04.0"))
                .p2p(bdf("0000:b1:00.0"), bdf("0000:b1:00.1"));
        assertEquals(P2pMapType.BUS_ADDR, with.mapType());
        assertEquals(P2pDoctor.words(with), boot.result());
        Premise port = d.premises().stream().filter(p -> p.assumption().contains("0000:b0:04.0")).findFirst()
                .orElseThrow(() -> new AssertionError(d.premises().toString()));
        assertTrue(port.other().startsWith("BUS_ADDR"), port.other());
        assertEquals(Change.Kind.RERUN_LSPCI, port.howToKnow().kind());
    }

    @Test
    void functionsATreeNamesOnlyAreAnsweredBothWaysTogether() {
        Topology t = loaded(corpus("intel-icelake-sp-cx7-sriov.tree.txt", "intel-icelake-sp-cx7-sriov.verbose.txt"));
        TopologyRules r = rules(t, PlatformOverrides.NONE);
        Diagnosis d = new Doctor(r).groupOf(bdf("0000:b0:00.0")).orElseThrow();
        assertEquals("one group of 4 {0000:b0:00.0, 0000:b0:00.1, 0000:b0:00.2, 0000:b0:00.4}", d.now());
        assertEquals(1, d.premises().size(), "four unknown functions: one premise for them together");
        Premise p = d.premises().get(0);
        assertEquals("the members fall into {0000:b0:00.0} and {0000:b0:00.1} and {0000:b0:00.2} and {0000:b0:00.4}",
                p.other());
        assertEquals(Change.Kind.RERUN_LSPCI, p.howToKnow().kind());
        assertTrue(p.howToKnow().words().contains("0000:b0:00.0, 0000:b0:00.1, 0000:b0:00.2, 0000:b0:00.4"),
                p.howToKnow().words());
        assertTrue(p.sentence().startsWith("under the assumption that "), p.sentence());
    }

    @Test
    void aBusAddrPairHasNothingToSay() {
        Topology t = loaded(corpus(SUPERMICRO));
        TopologyRules r = rules(t, PlatformOverrides.NONE);
        P2pVerdict v = r.p2p(bdf("0000:04:00.0"), bdf("0000:05:00.0"));
        assertEquals(P2pMapType.BUS_ADDR, v.mapType(), v.reason());
        assertTrue(new Doctor(r).p2p(v).isEmpty());
    }

    /**
     * The default sample with its switch downstream ports' ACSCtl lines gone (ACSCap kept) and its booted command
     * line {@code intel_iommu=on} alone (the sample's also disables their redirect).
     */
    private static Topology withoutAcsControl() {
        Topology sample = SampleCatalog.loadDefault();
        Platform p = sample.platform();
        Topology t = sample.withPlatform(new Platform(p.architecture(), p.cpu(), p.iommu(), p.swiotlb(),
                p.memoryEncryption(), Optional.of("intel_iommu=on")));
        for (String d : new String[] {"0000:02:00.0", "0000:02:01.0", "0000:02:02.0", "0000:02:03.0"}) {
            t = t.withFunction(bdf(d), f -> f.toBuilder().acs(Optional.of(new Acs(true,
                    f.acs().orElseThrow().capability(), OptionalInt.empty()))).build());
        }
        return t;
    }

    @Test
    void aControlRegisterTheInputDoesNotShowIsAnsweredBothWaysForAGroup() {
        Topology t = withoutAcsControl();
        TopologyRules r = rules(t, PlatformOverrides.NONE.withAcsRequested(false));
        Bdf gpu = bdf("0000:03:00.0");
        Diagnosis d = new Doctor(r).groupOf(gpu).orElseThrow(() -> new AssertionError(r.groups().groupOf(gpu)));
        Premise p = d.premises().stream().filter(x -> x.assumption().startsWith("the ACS control of 0000:02:00.0 is "
                + "0x0000")).findFirst().orElseThrow(() -> new AssertionError(d.premises().toString()));
        assertEquals("the members fall into {0000:02:00.0} and {0000:03:00.0}", p.other());
        assertTrue(d.advice().stream().anyMatch(a -> a.change().kind() == Change.Kind.IOMMU && a.verified()),
                d.advice().toString());
    }

    @Test
    void aControlRegisterTheInputDoesNotShowIsAnsweredBothWaysForAPair() {
        Topology t = withoutAcsControl();
        TopologyRules r = rules(t, PlatformOverrides.NONE);
        assertTrue(r.assumptions().acsRequested() && !r.assumptions().acsWhatIf());
        P2pVerdict v = r.p2p(bdf("0000:05:00.0"), bdf("0000:03:00.0"));
        assertEquals(P2pMapType.THRU_HOST_BRIDGE, v.mapType(), "the kernel's enable rule sets RR|CR: " + v.reason());
        Diagnosis d = new Doctor(r).p2p(v);
        assertEquals(1, d.premises().size(), d.premises().toString());
        Premise p = d.premises().get(0);
        assertTrue(p.assumption().startsWith("the ACS control of 0000:02:02.0 is 0x001d, with redirect,"),
                p.assumption());
        assertTrue(p.otherwise().contains("0000:02:00.0: it is 0x0011, without RR|CR|EC"), p.otherwise());
        P2pVerdict both = new WhatIf(r).withFunctions(Map.of(bdf("0000:02:02.0"), DoctorTest::noRedirect,
                bdf("0000:02:00.0"), DoctorTest::noRedirect)).p2p(v.provider(), v.client());
        assertEquals(P2pMapType.BUS_ADDR, both.mapType());
        assertEquals(P2pDoctor.words(both), p.other());
    }

    private static PciFunction noRedirect(PciFunction f) {
        Acs a = f.acs().orElseThrow();
        return f.toBuilder().acs(Optional.of(new Acs(true, a.capability(), OptionalInt.of(0x0011)))).build();
    }
}
