package org.dmascope.model.kernel.platform;

import java.util.Optional;

import org.dmascope.model.kernel.rule.KernelRule;
import org.dmascope.model.topology.Platform.IommuDriver;

/**
 * R-CMD-6 whether the IOMMU driver starts and whether ACS is requested, under {@code iommu=off},
 * {@code intel_iommu=on|off} and {@code amd_iommu=off} (arch/x86/kernel/pci-dma.c {@code pci_iommu_alloc},
 * drivers/iommu/amd/init.c {@code amd_iommu_detect}/{@code detect_ivrs}/{@code state_next},
 * drivers/iommu/intel/dmar.c {@code detect_intel_iommu}; the same order in v5.4.273 and v6.19.0):
 * <ul>
 *   <li>x86 {@code iommu=off} ({@code no_iommu}): neither driver is detected, so there is no IOMMU and nothing
 *       calls {@code pci_request_acs()};</li>
 *   <li>{@code amd_iommu=off}: {@code detect_ivrs()} has already called {@code pci_request_acs()} when the state
 *       machine reads the option, so the AMD IOMMU does not start but <b>ACS is still enabled</b>;</li>
 *   <li>{@code intel_iommu=off}: VT-d does not start; {@code detect_intel_iommu()} still requests ACS when the DMAR
 *       table carries the platform opt-in flag ({@code !dmar_disabled || dmar_platform_optin()});
 *       {@code intel_iommu=on} starts it where {@code CONFIG_INTEL_IOMMU_DEFAULT_ON=n} (the default is taken as
 *       {@code y}, as in mainline and the distributions);</li>
 *   <li>each option acts only on its own vendor's IOMMU: {@code intel_iommu=off} on an AMD machine changes
 *       nothing. The last of {@code intel_iommu=on} / {@code off} wins.</li>
 * </ul>
 *
 * @param driver        the IOMMU driver that runs
 * @param acsRequested  something called {@code pci_request_acs()} before PCI enumeration
 * @param reason        why, in words; empty when the line changes nothing
 */
@KernelRule("R-CMD-6")
public record IommuStart(IommuDriver driver, boolean acsRequested, String reason) {

    /** The line changes whether the IOMMU starts or ACS is requested. */
    public boolean decided() {
        return !reason.isEmpty();
    }

    /**
     * @param present   the driver the machine would run without these options ({@link IommuDriver#NONE} when it
     *                  has no IOMMU)
     * @param dmarOptIn the DMAR table sets the platform opt-in flag (firmware kernel DMA protection)
     */
    public static IommuStart of(IommuDriver present, KernelCommandLine line, boolean dmarOptIn) {
        boolean requested = present != IommuDriver.NONE;
        if (line.x86() && line.iommuOff()) {
            return new IommuStart(IommuDriver.NONE, false, "iommu=off: no IOMMU driver is detected and nothing "
                    + "requests ACS (ports keep the firmware's ACS settings)");
        }
        if (present == IommuDriver.AMD_VI && line.amdIommuOff()) {
            return new IommuStart(IommuDriver.NONE, true, "amd_iommu=off: the AMD IOMMU does not start, but "
                    + "detect_ivrs() has already requested ACS, so the ports still get SV|RR|CR|UF");
        }
        if (present == IommuDriver.INTEL_VTD && line.intelIommu().equals(Optional.of(false))) {
            return new IommuStart(IommuDriver.NONE, dmarOptIn, dmarOptIn
                    ? "intel_iommu=off: VT-d does not start, but the DMAR table's platform opt-in flag still makes "
                            + "detect_intel_iommu() request ACS"
                    : "intel_iommu=off: VT-d does not start and nothing requests ACS (no DMAR platform opt-in)");
        }
        return new IommuStart(present, requested, "");
    }
}
