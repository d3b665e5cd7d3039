package org.dmascope.model.kernel.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.dmascope.model.kernel.profile.KernelProfile;
import org.junit.jupiter.api.Test;

/**
 * R-CMD-1 reading the line (research notes section 0.1; init/main.c, kernel/params.c, lib/cmdline.c read in
 * v6.19.0): quotes, {@code --}, dash/underscore names, the two passes, repeated parameters, malformed values,
 * and every parameter either modelled or listed as not modelled.
 */
class CommandLineReadingVectorsTest {

    @Test
    void quotesAroundTheValueOrTheWholeParameterAreDropped() {
        KernelCommandLine k = KernelCommandLine.parse("pci=\"disable_acs_redir=02:08.0;02:10.0\" \"iommu=pt\"");
        assertEquals(Optional.of("02:08.0;02:10.0"), k.disableAcsRedir());
        assertEquals(Optional.of(true), k.passthrough());
        KernelCommandLine spaced = KernelCommandLine.parse("\"quiet splash\" iommu.strict=1");
        assertEquals(List.of("quiet splash", "iommu.strict"), spaced.names(), "a quoted blank is no separator");
        assertEquals(Optional.of(true), spaced.iommuStrict());
    }

    @Test
    void aBareDoubleDashEndsBothPasses() {
        KernelCommandLine k = KernelCommandLine.parse("iommu.strict=1 -- iommu=pt intel_iommu=off");
        assertEquals(Optional.empty(), k.passthrough(), "IOM-28");
        assertEquals(Optional.empty(), k.intelIommu());
        assertEquals(List.of("iommu.strict"), k.names());
        assertTrue(k.notModelled().get(0).contains("iommu=pt intel_iommu=off"));
    }

    @Test
    void dashesAndUnderscoresAreOneInNames() {
        assertEquals(Optional.of(false), KernelCommandLine.parse("intel-iommu=off").intelIommu(), "IOM-27");
        assertTrue(KernelCommandLine.parse("amd-iommu=off").amdIommuOff());
        assertTrue(KernelCommandLine.parse("intel-iommu=strict").intelStrict());
        assertEquals(Optional.of(true), KernelCommandLine.parse("iommu.passthrough=1").passthrough());
    }

    @Test
    void setupOptionsActAfterEveryEarlyOneWhereverTheyStand() {
        KernelCommandLine k = KernelCommandLine.parse("intel_iommu=forcedac iommu.forcedac=0");
        assertTrue(ForceDac.forced(k, org.dmascope.model.topology.Platform.IommuDriver.INTEL_VTD),
                "intel_iommu=forcedac runs in pass 2, after iommu.forcedac=0");
        assertEquals(Optional.of(false), k.iommuForcedac());
    }

    @Test
    void aSettingsLastOccurrenceWinsAndAListIsReplaced() {
        KernelCommandLine k = KernelCommandLine.parse("iommu.strict=1 iommu.strict=0 pci=disable_acs_redir=02:08.0 "
                + "pci=noats pci=disable_acs_redir=02:10.0");
        assertEquals(Optional.of(false), k.iommuStrict());
        assertEquals(Optional.of("02:10.0"), k.disableAcsRedir(), "DAR-8: the pointer is replaced");
        assertTrue(k.atsDisabled());
        KernelCommandLine comma = KernelCommandLine.parse("pci=disable_acs_redir=02:08.0,02:10.0");
        assertEquals(Optional.of("02:08.0"), comma.disableAcsRedir(), "DAR-9: a comma ends the list");
    }

    @Test
    void malformedEarlyOptionsChangeNothingAndSaySo() {
        KernelCommandLine k = KernelCommandLine.parse("iommu swiotlb pci iommu.strict= iommu.passthrough");
        assertEquals(5, k.problems().size(), k.problems().toString());
        assertTrue(k.problems().stream().allMatch(p -> p.contains("Malformed early option")), k.problems().toString());
        assertTrue(k.swiotlb().isEmpty());
    }

    @Test
    void everyParameterIsModelledOrListed() {
        KernelCommandLine k = KernelCommandLine.parse("BOOT_IMAGE=/vmlinuz root=/dev/sda1 ro quiet splash "
                + "pcie_acs_override=downstream,multifunction mem=8G pci=nommconf,noaer intel_iommu=igfx_off "
                + "amd_iommu=force_isolation frobnicate=1 iommu=pt");
        List<String> named = k.notModelled();
        for (String p : List.of("pcie_acs_override=", "mem=8G", "pci=nommconf", "intel_iommu=igfx_off",
                "frobnicate=1")) {
            assertTrue(named.stream().anyMatch(s -> s.startsWith(p)), p + " is named: " + named);
        }
        assertTrue(k.amdForceIsolation(), "amd_iommu=force_isolation is read (R-AMD-1)");
        assertFalse(named.stream().anyMatch(s -> s.startsWith("amd_iommu=force_isolation")), "modelled: " + named);
        assertTrue(named.stream().anyMatch(s -> s.startsWith("pcie_acs_override") && s.contains("not an upstream")));
        assertTrue(named.stream().anyMatch(s -> s.startsWith("frobnicate") && s.contains("not known to dmascope")));
        assertTrue(k.unrelated().containsAll(List.of("BOOT_IMAGE=", "root=", "ro", "quiet", "splash", "pci=noaer")),
                k.unrelated().toString());
        assertFalse(named.stream().anyMatch(s -> s.startsWith("iommu=pt")), "modelled, so not listed");
        assertTrue(k.notModelledSummary().contains("6 parameters that do not touch DMA"), k.notModelledSummary());
    }

    @Test
    void unknownPciOptionsAreTheKernelsUnknownOptions() {
        KernelCommandLine k = KernelCommandLine.parse("pci=noacs");
        assertEquals(List.of("PCI: Unknown option `noacs': the kernel ignores it"), k.problems());
    }

    @Test
    void iommuForcedacIsUnknownToV54() {
        KernelCommandLine k = KernelCommandLine.parse("iommu.forcedac=1", KernelProfile.V5_4, true);
        assertEquals(Optional.empty(), k.iommuForcedac());
        assertTrue(k.problems().get(0).contains("v5.13"));
    }
}
