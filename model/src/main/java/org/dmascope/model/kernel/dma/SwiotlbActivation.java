package org.dmascope.model.kernel.dma;

import java.util.Locale;

import org.dmascope.model.kernel.rule.KernelRule;
import org.dmascope.model.topology.Platform;

/**
 * R-DIR-6 whether the default swiotlb pool exists and whether it is forced (arch/x86/kernel/pci-dma.c
 * {@code pci_swiotlb_detect}, kernel/dma/swiotlb.c {@code setup_io_tlb_npages}): {@code swiotlb=noforce}
 * disables it; a SEV/TDX guest or {@code swiotlb=force} bounces everything; an SME host, a pool the
 * topology reports, or RAM above 4 GiB (a 32-bit device could not reach it) enable it.
 */
@KernelRule("R-DIR-6")
public final class SwiotlbActivation {
    private SwiotlbActivation() {
    }

    /** The decision and why. */
    public record Decision(boolean active, boolean forceBounce, String reason) {
    }

    public static Decision decide(Platform p, long lastRamByte) {
        String cmd = p.kernelCommandLine().orElse("").toLowerCase(Locale.ROOT);
        if (cmd.matches(".*\\bswiotlb=([0-9]+,)*noforce\\b.*")) return new Decision(false, false,
                "swiotlb=noforce on the command line");
        boolean guest = p.memoryEncryption().map(Platform.MemoryEncryption::forcesBounce).orElse(false);
        if (guest) return new Decision(true, true,
                "confidential-computing guest: every DMA goes through shared bounce buffers");
        boolean forced = p.swiotlb().forced().orElse(false) || cmd.matches(".*\\bswiotlb=([0-9]+,)*force\\b.*");
        if (forced) return new Decision(true, true, "swiotlb=force: every streaming mapping bounces");
        if (p.memoryEncryption().orElse(Platform.MemoryEncryption.NONE) == Platform.MemoryEncryption.SME_HOST) {
            return new Decision(true, false, "SME host: devices that cannot set the C-bit bounce");
        }
        if (p.swiotlb().size().isPresent() && p.swiotlb().size().getAsLong() > 0) {
            return new Decision(true, false, "the topology reports a swiotlb pool");
        }
        if (Long.compareUnsigned(lastRamByte, KernelArith.dmaBitMask(32)) > 0) {
            return new Decision(true, false,
                    "RAM above 4 GiB: the kernel keeps a bounce pool below 4 GiB for 32-bit devices");
        }
        return new Decision(false, false, "all RAM is below 4 GiB: no bounce pool is set up");
    }
}
