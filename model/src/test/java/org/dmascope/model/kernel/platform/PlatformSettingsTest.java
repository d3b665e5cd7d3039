package org.dmascope.model.kernel.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.dmascope.model.kernel.profile.KernelProfile;
import org.dmascope.model.topology.Platform.CpuVendor;
import org.dmascope.model.topology.Platform.IommuDriver;
import org.dmascope.model.topology.Platform.MemoryEncryption;
import org.junit.jupiter.api.Test;

class PlatformSettingsTest {
    private static PlatformOverrides set(String name, String value) {
        return PlatformSettings.set(PlatformOverrides.NONE, name, value);
    }

    @Test
    void everyNameTakesItsValues() {
        assertEquals(Optional.of(KernelProfile.V5_4), set("kernel", "5.4").profile());
        assertEquals(Optional.of(CpuIdentity.of(CpuVendor.AMD, 0x19)), set("cpu", "amd:0x19").cpu());
        assertEquals(Optional.of(IommuDriver.INTEL_VTD), set("iommu", "intel").iommu());
        assertEquals(Optional.of(IommuDriver.AMD_VI), set("iommu", "amd-vi").iommu());
        assertEquals(Optional.of(IommuDriver.NONE), set("iommu", "off").iommu());
        assertEquals(Optional.of(DefaultDomainChoice.IDENTITY), set("iommuMode", "identity").iommuMode());
        assertEquals(Optional.of(true), set("acsRequested", "yes").acsRequested());
        assertEquals(Optional.of("iommu=pt"), set("cmdline", " iommu=pt ").commandLine());
        assertEquals(Optional.of(MemoryEncryption.SME_HOST), set("memoryEncryption", "sme").memoryEncryption());
        assertEquals(Optional.of(false), set("vtdCachingMode", "no").vtdCachingMode());
        assertEquals(Optional.of(true), set("kconfigPassthrough", "true").kconfigPassthrough());
    }

    @Test
    void aBadValueSaysWhatIsAccepted() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> set("iommu", "mmu"));
        assertEquals("\"mmu\" is not an IOMMU driver (one of none, vtd, amd-vi, smmuv3)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> set("kernel", "4.19"));
        assertTrue(e.getMessage().startsWith("\"4.19\" is not a kernel profile (one of mainline"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> set("architecture", "arm64"));
        assertTrue(e.getMessage().startsWith("architecture cannot be set"), e.getMessage());
    }

    @Test
    void unsetDropsOneChoiceOnly() {
        PlatformOverrides o = set("kernel", "5.15").withCommandLine("iommu=pt");
        PlatformOverrides u = PlatformSettings.unset(o, "kernel");
        assertEquals(Optional.empty(), u.profile());
        assertEquals(Optional.of("iommu=pt"), u.commandLine());
        for (String name : PlatformSettings.NAMES) assertEquals(PlatformOverrides.NONE,
                PlatformSettings.unset(PlatformOverrides.NONE, name));
    }
}
