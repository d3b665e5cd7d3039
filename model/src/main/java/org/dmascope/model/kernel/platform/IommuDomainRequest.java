package org.dmascope.model.kernel.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.dmascope.model.kernel.profile.KernelVersion;
import org.dmascope.model.kernel.rule.KernelRule;
import org.dmascope.model.topology.Platform.IommuDriver;

/**
 * R-CMD-5 what the command line asks of the default domain (drivers/iommu/iommu.c
 * {@code iommu_set_def_domain_type}, {@code iommu_dma_setup}, {@code iommu_subsys_init}; arch/x86/kernel/pci-dma.c
 * {@code iommu_setup}; read in v5.4.273, v5.15.85 and v6.19.0):
 * <ul>
 *   <li>pass-through: the last of {@code iommu.passthrough=} and x86 {@code iommu=pt|nopt} (both set
 *       {@code IOMMU_CMD_LINE_DMA_API}); {@code iommu=} is unknown outside x86;</li>
 *   <li>strictness: the last valid {@code iommu.strict=}, but {@code intel_iommu=strict} and
 *       {@code amd_iommu=fullflush} are {@code __setup} options, run after every early one, and force strict
 *       wherever they stand (v5.15+: {@code iommu_set_dma_strict()}, global; v5.4: private to their own
 *       driver);</li>
 *   <li>v5.4 on x86: VT-d and AMD-Vi have their own DMA ops, so {@code iommu.strict=} does nothing there.</li>
 * </ul>
 * What it gives is the default domain's input (R-GRP-3 decides the type, with the Kconfig default where the
 * line is silent).
 *
 * @param passthrough true: IDENTITY asked for; false: translated asked for; empty: the line is silent
 * @param strict      true: strict flushing; false: lazy; empty: the line is silent
 * @param reasons     which parameters decided, in words
 */
@KernelRule("R-CMD-5")
public record IommuDomainRequest(Optional<Boolean> passthrough, Optional<Boolean> strict, List<String> reasons) {
    public IommuDomainRequest {
        reasons = List.copyOf(reasons);
    }

    /** The line says something about the default domain. */
    public boolean present() {
        return passthrough.isPresent() || strict.isPresent();
    }

    /** What {@code line} asks of the default domain when {@code driver} runs. */
    public static IommuDomainRequest of(KernelCommandLine line, IommuDriver driver) {
        KernelVersion profile = line.profile();
        List<String> why = new ArrayList<>();
        Optional<Boolean> pt = line.passthrough();
        if (pt.isPresent()) {
            why.add(line.passthroughBy() + (pt.get() ? ": pass-through" : ": translated")
                    + " (the last of iommu.passthrough= and iommu=pt|nopt wins)");
        }
        boolean modern = profile.atLeast(5, 15);
        boolean intelStrict = line.intelStrict() && (modern || driver == IommuDriver.INTEL_VTD);
        boolean amdStrict = line.amdFullflush() && (modern || driver == IommuDriver.AMD_VI);
        Optional<Boolean> strict = Optional.empty();
        if (line.iommuStrict().isPresent()) {
            if (!modern && line.x86() && (driver == IommuDriver.INTEL_VTD || driver == IommuDriver.AMD_VI)) {
                why.add("iommu.strict= does nothing on x86 in " + profile.label()
                        + ": VT-d and AMD-Vi flush by their own flags (intel_iommu=strict, amd_iommu=fullflush)");
            } else {
                strict = line.iommuStrict();
                why.add("iommu.strict=" + (strict.get() ? "1: strict" : "0: lazy"));
            }
        }
        if (intelStrict || amdStrict) {
            String opt = intelStrict ? "intel_iommu=strict" : "amd_iommu=fullflush";
            if (strict.equals(Optional.of(false))) {
                why.add(opt + " runs after the early parameters and overrides iommu.strict=0");
            } else {
                why.add(opt + ": strict");
            }
            strict = Optional.of(true);
        }
        return new IommuDomainRequest(pt, strict, why);
    }
}
