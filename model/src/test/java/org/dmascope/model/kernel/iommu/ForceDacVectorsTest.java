package org.dmascope.model.kernel.iommu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.dmascope.model.kernel.dma.DeviceDma;
import org.dmascope.model.kernel.dma.KernelArith;
import org.dmascope.model.kernel.pagetable.VtdGeometry;
import org.dmascope.model.kernel.platform.ForceDac;
import org.dmascope.model.kernel.platform.KernelCommandLine;
import org.dmascope.model.kernel.profile.KernelProfile;
import org.dmascope.model.kernel.trace.MapTrace;
import org.dmascope.model.topology.Platform.IommuDriver;
import org.junit.jupiter.api.Test;

/**
 * R-CMD-7 {@code iommu.forcedac=} / {@code intel_iommu=forcedac} (drivers/iommu/dma-iommu.c, read in v5.15.85 and
 * v6.19.0; absent in v5.4.273), vector IOM-22 on R-IOMMU-2's allocator: a 64-bit PCI device in an empty DMA domain
 * gets its first 4 KiB IOVA just below 4 GiB, or with forcedac at the top of min(mask, aperture).
 */
class ForceDacVectorsTest {

    private static long firstIova(boolean forcedac, long mask) {
        IommuDmaDomain d = new IommuDmaDomain("test", new VtdGeometry(48, false), DmaDomainType.DMA, 0);
        d.attach("dev", List.of(IommuVectorsTest.MSI));
        DeviceDma dev = DeviceDma.pciDefaults64().withMask(mask);
        return IommuAllocIova.alloc(d, 0x1000, mask, dev, new IommuDeviceState(true, forcedac),
                KernelProfile.MAINLINE, new MapTrace());
    }

    @Test
    void iom22ForcedacSkipsThe32BitAttempt() {
        long plain = firstIova(false, -1L);
        assertEquals(KernelArith.dmaBitMask(32) + 1 - 0x1000, plain, "just below 4 GiB");
        long dac = firstIova(true, -1L);
        assertEquals((1L << 48) - 0x1000, dac, "the top of the 48-bit aperture");
        long narrow = firstIova(true, KernelArith.dmaBitMask(32));
        assertEquals(firstIova(false, KernelArith.dmaBitMask(32)), narrow, "a 32-bit device: the same IOVA");
    }

    @Test
    void whichParametersForceDacByVersion() {
        assertTrue(ForceDac.forced(KernelCommandLine.parse("iommu.forcedac=1"), IommuDriver.INTEL_VTD));
        assertTrue(ForceDac.forced(KernelCommandLine.parse("iommu.forcedac=y"), IommuDriver.AMD_VI));
        assertFalse(ForceDac.forced(KernelCommandLine.parse("iommu.forcedac=0"), IommuDriver.INTEL_VTD));
        assertTrue(ForceDac.forced(KernelCommandLine.parse("intel_iommu=forcedac"), IommuDriver.AMD_VI),
                "v5.13+: the same global, whatever the IOMMU");
        assertFalse(ForceDac.forced(KernelCommandLine.parse("iommu.forcedac=1", KernelProfile.V5_4, true),
                IommuDriver.INTEL_VTD), "v5.4 does not know iommu.forcedac=");
        KernelCommandLine old = KernelCommandLine.parse("intel_iommu=forcedac", KernelProfile.V5_4, true);
        assertTrue(ForceDac.forced(old, IommuDriver.INTEL_VTD), "v5.4: VT-d's own allocator");
        assertFalse(ForceDac.forced(old, IommuDriver.AMD_VI));
        assertTrue(new IommuDeviceState(true, false).pci32bitWorkaround());
        assertFalse(new IommuDeviceState(true, true).pci32bitWorkaround());
    }
}
