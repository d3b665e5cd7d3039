package org.dmascope.model.kernel.dma;

import org.dmascope.model.kernel.platform.KernelCommandLine;
import org.dmascope.model.kernel.platform.PlatformAssumptions;
import org.dmascope.model.kernel.platform.SwiotlbParameter;
import org.dmascope.model.kernel.rule.KernelRule;
import org.dmascope.model.topology.Platform.MemoryEncryption;

/**
 * R-DIR-6 whether the default swiotlb pool exists and whether it is forced (arch/x86/kernel/pci-dma.c
 * {@code pci_swiotlb_detect}, {@code pci_iommu_alloc}; kernel/dma/swiotlb.c {@code swiotlb_init_remap};
 * v6.19), from the resolved platform facts and command line:
 * <ul>
 *   <li>{@code swiotlb=noforce} ({@code swiotlb_force_disable}, R-CMD-8): no pool at all, even for a guest;</li>
 *   <li>a SEV/TDX guest: every DMA bounces through shared buffers ({@code SWIOTLB_FORCE});</li>
 *   <li>{@code swiotlb=force}: the pool is set up and kept, and every dma-direct streaming map bounces;</li>
 *   <li>an SME host ({@code CC_ATTR_HOST_MEM_ENCRYPT}, R-CMD-9): a pool, even with {@code iommu=off}, for the
 *       devices that cannot reach the C-bit;</li>
 *   <li>x86 {@code iommu=soft}: a pool whatever the RAM size;</li>
 *   <li>x86 {@code iommu=off} ({@code no_iommu}): no pool for RAM above 4 GiB;</li>
 *   <li>otherwise a pool the topology reports, or RAM above 4 GiB (a 32-bit device could not reach it).</li>
 * </ul>
 */
@KernelRule("R-DIR-6")
public final class SwiotlbActivation {
    private SwiotlbActivation() {
    }

    /** The decision and why. */
    public record Decision(boolean active, boolean forceBounce, String reason) {
    }

    /**
     * @param lastRamByte the highest CPU physical address of RAM
     */
    public static Decision decide(PlatformAssumptions a, long lastRamByte) {
        SwiotlbParameter sp = a.swiotlb();
        KernelCommandLine cl = a.commandLine();
        MemoryEncryption enc = a.memoryEncryption();
        if (sp.noforce()) {
            return new Decision(false, false, "swiotlb=noforce: no bounce pool at all; a map a device cannot "
                    + "reach fails (\"DMA addr … overflow\")");
        }
        if (enc.forcesBounce()) {
            return new Decision(true, true,
                    "confidential-computing guest: every DMA goes through shared bounce buffers");
        }
        if (sp.forced()) return new Decision(true, true, "swiotlb=force: every streaming mapping bounces");
        if (enc == MemoryEncryption.SME_HOST) {
            return new Decision(true, false, "SME host: devices whose DMA mask cannot carry the C-bit bounce");
        }
        if (a.isX86() && cl.iommuSoft()) return new Decision(true, false, "iommu=soft: a bounce pool is set up");
        if (a.isX86() && cl.iommuOff()) {
            return new Decision(false, false, "iommu=off: x86 sets up no bounce pool for RAM above 4 GiB (no_iommu)");
        }
        if (a.swiotlbReportedBytes().isPresent() && a.swiotlbReportedBytes().getAsLong() > 0) {
            return new Decision(true, false, "the topology reports a swiotlb pool");
        }
        if (Long.compareUnsigned(lastRamByte, KernelArith.dmaBitMask(32)) > 0) {
            return new Decision(true, false,
                    "RAM above 4 GiB: the kernel keeps a bounce pool below 4 GiB for 32-bit devices");
        }
        return new Decision(false, false, "all RAM is below 4 GiB: no bounce pool is set up");
    }
}
