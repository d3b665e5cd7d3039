package org.dmascope.model.kernel.platform;

import org.dmascope.model.kernel.rule.KernelRule;
import org.dmascope.model.topology.Platform.IommuDriver;

/**
 * R-CMD-7 {@code iommu.forcedac=} and {@code intel_iommu=forcedac}: PCI devices skip the 32-bit IOVA attempt
 * (drivers/iommu/dma-iommu.c). v6.19: {@code iommu_setup_dma_ops()} sets
 * {@code dev->iommu->pci_32bit_workaround = !iommu_dma_forcedac}, and {@code iommu_dma_alloc_iova()} tries below
 * 4 GiB first only while it is set (R-IOMMU-2), so with forcedac a device whose limit is above 32 bits
 * allocates top-down from its limit at once. {@code iommu.forcedac=} is an early kstrtobool parameter since
 * v5.13 (read in v5.15.85: {@code !iommu_dma_forcedac && dev_is_pci(dev)} on every call);
 * {@code intel_iommu=forcedac} is a {@code __setup} option, so it wins over {@code iommu.forcedac=0}, and sets
 * the same global (v5.15+). v5.4 has no {@code iommu.forcedac}, and its {@code intel_iommu=forcedac} only
 * changes VT-d's own allocator ({@code dmar_forcedac}), with the same effect for VT-d devices.
 */
@KernelRule("R-CMD-7")
public final class ForceDac {
    private ForceDac() {
    }

    /** True when PCI devices start without the 32-bit IOVA workaround. */
    public static boolean forced(KernelCommandLine line, IommuDriver driver) {
        if (!line.profile().atLeast(5, 13)) return line.intelForcedac() && driver == IommuDriver.INTEL_VTD;
        return line.intelForcedac() || line.iommuForcedac().orElse(false);
    }

    /** Why, in words. */
    public static String reason(KernelCommandLine line, IommuDriver driver) {
        if (!forced(line, driver)) {
            if (line.intelForcedac()) return "intel_iommu=forcedac only changes VT-d's allocator in "
                    + line.profile().label() + ": PCI devices try a 32-bit IOVA first";
            return "PCI devices try a 32-bit IOVA first (pci_32bit_workaround), as without iommu.forcedac=1";
        }
        return (line.intelForcedac() ? "intel_iommu=forcedac" : "iommu.forcedac=1")
                + ": PCI devices allocate IOVAs from the top of their DMA limit, skipping the 32-bit attempt "
                + "(\"Forcing DAC for PCI devices\")";
    }
}
