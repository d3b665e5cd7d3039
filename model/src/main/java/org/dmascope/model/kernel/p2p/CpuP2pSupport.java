package org.dmascope.model.kernel.p2p;

import org.dmascope.model.kernel.platform.CpuIdentity;
import org.dmascope.model.kernel.platform.PlatformAssumptions;
import org.dmascope.model.kernel.rule.KernelRule;
import org.dmascope.model.topology.Platform.CpuVendor;

/**
 * R-P2P-2 {@code cpu_supports_p2pdma()} (drivers/pci/p2pdma.c): on x86, CPU 0 vendor AMD and family
 * &ge; 0x17 (Zen and newer) lets any host bridge forward P2P; Hygon is not included; always false
 * elsewhere. Added by dea286bb71ba ("PCI/P2PDMA: Allow P2PDMA on AMD Zen and newer CPUs", July 2020,
 * applied to pci/peer-to-peer "for v5.9", the same commit removing the AMD whitelist entries); absent in
 * 5.4, which only had the single 1022:1450 whitelist entry.
 */
@KernelRule("R-P2P-2")
public final class CpuP2pSupport {
    private CpuP2pSupport() {
    }

    /** The answer and the sentence that explains it. */
    public record Result(boolean supported, String words) {
    }

    public static Result evaluate(PlatformAssumptions a) {
        CpuIdentity cpu = a.cpu();
        if (!a.profile().atLeast(5, 9)) {
            return new Result(false, "Linux " + a.profile().id()
                    + " has no cpu_supports_p2pdma(): only the whitelist counts");
        }
        if (!a.isX86()) return new Result(false, "cpu_supports_p2pdma() is false on non-x86 machines");
        if (cpu.vendor().isEmpty()) return new Result(false,
                "the CPU vendor is unknown, so cpu_supports_p2pdma() is taken as false");
        if (cpu.vendor().get() != CpuVendor.AMD) {
            return new Result(false, "CPU 0 is " + cpu.vendor().get().jsonName()
                    + ", and cpu_supports_p2pdma() only accepts AMD");
        }
        if (cpu.family().isEmpty()) {
            return new Result(false,
                    "CPU 0 is AMD but its family is unknown, so cpu_supports_p2pdma() is taken as false (give e.g. "
                    + "--cpu amd:0x19)");
        }
        boolean zen = cpu.family().getAsInt() >= 0x17;
        return new Result(zen, "CPU 0 is " + cpu.words() + (zen ? ", Zen or newer, which cpu_supports_p2pdma() accepts"
                : ", older than Zen (0x17), which cpu_supports_p2pdma() rejects"));
    }
}
