package org.dmascope.model.kernel.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import org.dmascope.model.io.imports.ImportProgress;
import org.dmascope.model.io.imports.ImportResult;
import org.dmascope.model.io.imports.Importer;
import org.dmascope.model.kernel.TopologyRules;
import org.dmascope.model.kernel.p2p.P2pMapType;
import org.dmascope.model.kernel.p2p.P2pVerdict;
import org.dmascope.model.testing.Corpus;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.Platform.CpuVendor;
import org.dmascope.model.topology.Platform.IommuDriver;
import org.dmascope.model.topology.Topology;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Issue 10, item 2: the CPU and the IOMMU a real export implies, each with the device and line it comes from. */
class PlatformInferenceTest {

    static Topology imported(String name) {
        ImportResult r = Importer.importFiles(List.of(Corpus.file(name)), ImportProgress.NONE, () -> false);
        assertTrue(r.topology().isPresent(), () -> r.report().toText());
        return r.topology().get();
    }

    @ParameterizedTest(name = "{0}: {1} {2}")
    @CsvSource({
        "amd-raphael-desktop-w5700.tree.txt,                amd,   0x19, 0e:00.2, 23",
        "amd-raphael-desktop-w5700.verbose.txt,             amd,   0x19, 00:01.0, 1",
        "dell-optiplex5055-ryzen.tree.txt,                  amd,   0x17, 00:00.0, 1",
        "lenovo-ryzen-raven-radeon-wx3100.hex.txt,          amd,   0x17, 00:01.1, 1",
        "ni-haswell-ep-e5-2618lv3-wellsburg.verbose.txt,    intel,   -1, 00:00.0, 1",
        "apple-imac20-cometlake-titanridge.verbose.txt,     intel,   -1, 00:00.0, 1",
        "intel-alderlake-desktop.verbose.txt,               intel,   -1, 00:1c.0, 1",
    })
    void theCpuComesFromTheCpusOwnFunctionsWithTheirLine(String file, String vendor, int family, String device,
                                                         int line) {
        Topology t = imported(file);
        Inferred<CpuIdentity> cpu = PlatformInference.cpu(t).orElseThrow();
        assertEquals(CpuIdentity.parse(vendor).vendor(), cpu.value().vendor());
        assertEquals(family < 0 ? OptionalInt.empty() : OptionalInt.of(family), cpu.value().family());
        assertEquals(device, cpu.device().shortText());
        assertEquals(file + ":" + line, cpu.line().orElseThrow().toString());
        Assumption<CpuIdentity> a = PlatformAssumptions.of(t).cpuAssumption();
        assertEquals(AssumptionSource.INFERRED, a.source());
        assertTrue(a.detail().contains("inferred from " + device) && a.detail().contains(file + ":" + line),
                a.detail());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"arm-n1sdp-plx8749.verbose.txt, 0000:00:00.0", "rockchip-rk3399-rockpro64.hex.txt, 0000:00:00.0"})
    void anArmSocsRootPortMakesTheMachineNonX86(String file, String device) {
        Topology t = imported(file);
        PlatformAssumptions a = PlatformAssumptions.of(t);
        assertEquals(Optional.of(CpuVendor.ARM), a.cpu().vendor());
        assertEquals(Bdf.parse(device), a.cpuInference().orElseThrow().device());
        assertEquals(false, a.isX86());
        assertEquals(AssumptionSource.INFERRED, a.x86Assumption().source());
        assertEquals(IommuDriver.ARM_SMMU_V3, a.iommu(), "an Arm machine's IOMMU is an SMMU, not VT-d");
    }

    @Test
    void aVirtualMachinesEmulatedChipsetTellsNothingAboutTheCpu() {
        assertEquals(Optional.empty(), PlatformInference.cpu(imported("nutanix-ahv-q35-uefi-vm.verbose.txt")));
    }

    @Test
    void anExportWithoutNamesOrIdsTellsNothing() {
        Topology t = imported("asus-prime-x570-pro-5950x-5090-2x3080.tree.txt");
        assertEquals(Optional.empty(), PlatformInference.cpu(t));
        assertEquals(AssumptionSource.DEFAULT, PlatformAssumptions.of(t).cpuAssumption().source());
    }

    @Test
    void familiesFromAmdNames() {
        assertEquals(Set.of(0x17), PlatformInference.families("Family 17h (Models 00h-0fh) Root Complex"));
        assertEquals(Set.of(0x17, 0x19), PlatformInference.families("Family 17h-19h PCIe Root Complex"));
        assertEquals(Set.of(0x17, 0x19, 0x1a), PlatformInference.families("Family 17h/19h/1ah HD Audio Controller"));
        assertEquals(Set.of(0x19, 0x1a), PlatformInference.families("Raphael/Granite Ridge Root Complex"));
        assertEquals(Set.of(0x17, 0x19), PlatformInference.families("Renoir/Cezanne Root Complex"));
        assertEquals(Set.of(), PlatformInference.families("FCH SMBus Controller"));
        assertEquals(Set.of(), PlatformInference.families("Promontory/Bixby Bridge"), "not a code name of a CPU");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
        "amd-raphael-desktop-w5700.tree.txt,        amd-vi, 00:00.2",
        "dell-optiplex5055-ryzen.tree.txt,          amd-vi, 00:00.2",
        "intel-icelake-sp-cx7-sriov.tree.txt,       vtd,    b0:00.0",
        "ni-haswell-ep-e5-2618lv3-wellsburg.verbose.txt, vtd, 00:05.0",
    })
    void theIommuComesFromItsOwnFunction(String file, String driver, String device) {
        Topology t = imported(file);
        PlatformAssumptions a = PlatformAssumptions.of(t);
        assertEquals(PlatformSettings.iommu(driver), a.iommu());
        assertEquals(AssumptionSource.INFERRED, a.iommuAssumption().source());
        assertTrue(a.iommuAssumption().detail().contains("inferred from " + device), a.iommuAssumption().detail());
    }

    @Test
    void theKernelsGroupLinesShowAnIommuRan() {
        Topology t = imported("apple-imac20-cometlake-titanridge.verbose.txt");
        Inferred<IommuDriver> i = PlatformInference.iommu(t, CpuIdentity.of(CpuVendor.INTEL, 6), true).orElseThrow();
        assertEquals(IommuDriver.INTEL_VTD, i.value());
        assertEquals("apple-imac20-cometlake-titanridge.verbose.txt:7", i.line().orElseThrow().toString());
    }

    @Test
    void aP2pVerdictDecidedByAnInferredCpuSaysWhatItWouldBeOtherwise() {
        Topology t = imported("amd-raphael-desktop-w5700.tree.txt");
        TopologyRules rules = TopologyRules.of(t);
        P2pVerdict v = rules.p2p(Bdf.parse("03:00.0"), Bdf.parse("04:00.0"));
        assertEquals(P2pMapType.THRU_HOST_BRIDGE, v.mapType());
        assertTrue(v.reason().contains("inferred from 0e:00.2 \"Family 19h PSP/CCP\""), v.reason());
        assertTrue(v.reason().contains("NOT_SUPPORTED"), v.reason());

        TopologyRules stated = TopologyRules.of(t, PlatformAssumptions.resolve(t,
                PlatformOverrides.NONE.withCpu(CpuIdentity.of(CpuVendor.AMD, 0x19))));
        P2pVerdict s = stated.p2p(Bdf.parse("03:00.0"), Bdf.parse("04:00.0"));
        assertEquals(P2pMapType.THRU_HOST_BRIDGE, s.mapType());
        assertTrue(!s.reason().contains("inferred"), "a CPU the user set is not called inferred: " + s.reason());
    }

    @Test
    void anInferredIntelCpuNamesTheAmdAnswer() {
        Topology t = imported("apple-imac20-cometlake-titanridge.verbose.txt");
        P2pVerdict v = TopologyRules.of(t).p2p(Bdf.parse("03:00.0"), Bdf.parse("04:00.0"));
        assertEquals(P2pMapType.NOT_SUPPORTED, v.mapType());
        assertTrue(v.reason().contains("the CPU, intel, was inferred from 00:00.0 \"Comet Lake-S 6c Host Bridge/DRAM "
                + "Controller\" [8086:9b53] (apple-imac20-cometlake-titanridge.verbose.txt:1); were it an AMD family "
                + "0x17 or newer, cpu_supports_p2pdma() would allow it: THRU_HOST_BRIDGE"), v.reason());
    }
}
