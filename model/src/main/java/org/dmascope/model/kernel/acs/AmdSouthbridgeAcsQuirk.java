package org.dmascope.model.kernel.acs;

import java.util.Optional;

import org.dmascope.model.topology.Acs;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.Platform.IommuDriver;

/**
 * {@code pci_quirk_amd_sb_acs} (R-ACS-2 quirk; kernel-quirks.md section 3.1): AMD/ATI southbridge
 * multifunction devices on a root bus do no peer-to-peer between functions, but only when an AMD
 * IOMMU is described (ACPI IVRS); the request is reduced to RR|CR|EC|DT and granted when what is
 * left is within RR|CR.
 */
public final class AmdSouthbridgeAcsQuirk implements AcsQuirk {
    @Override
    public String kernelName() {
        return "pci_quirk_amd_sb_acs";
    }

    @Override
    public Optional<AcsVerdict> decide(PciFunction dev, int flags, AcsRules rules) {
        if (!rules.multifunction().isMultifunction(dev) || !rules.hierarchy().busOf(dev)
                .isRoot()) return Optional.empty();
        if (rules.assumptions().iommu() != IommuDriver.AMD_VI) return Optional.empty();
        int req = flags & (Acs.RR | Acs.CR | Acs.EC | Acs.DT);
        boolean ok = AcsQuirk.ctrlEnabled(req, Acs.RR | Acs.CR);
        return Optional.of(AcsVerdict.byQuirk(ok, kernelName(), ok
                ? "is an AMD southbridge multifunction device that the quirk " + kernelName()
                        + " treats as isolated (AMD IOMMU present)"
                : "is an AMD southbridge device whose quirk " + kernelName() + " cannot grant " + Acs.shortBits(req)));
    }
}
