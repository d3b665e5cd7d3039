package org.dmascope.model.kernel.acs;

import java.util.Optional;

import org.dmascope.model.topology.PciFunction;

/**
 * The quirks that unconditionally claim SV|RR|CR|UF for the listed IDs (R-ACS-2 quirk;
 * kernel-quirks.md section 3.1): {@code pci_quirk_qcom_rp_acs}, {@code pci_quirk_nxp_rp_acs},
 * {@code pci_quirk_xgene_acs}, {@code pci_quirk_brcm_acs}, {@code pci_quirk_loongson_acs}. These root
 * ports have no ACS capability but do not pass peer traffic between ports.
 */
public final class RootPortIsolationAcsQuirk implements AcsQuirk {
    private final String kernelName;
    private final String what;

    public RootPortIsolationAcsQuirk(String kernelName, String what) {
        this.kernelName = kernelName;
        this.what = what;
    }

    @Override
    public String kernelName() {
        return kernelName;
    }

    @Override
    public Optional<AcsVerdict> decide(PciFunction dev, int flags, AcsRules rules) {
        boolean ok = AcsQuirk.ctrlEnabled(flags, EffectiveAcs.STD_ENABLE_BITS);
        return Optional.of(AcsVerdict.byQuirk(ok, kernelName, ok
                ? "is a " + what + " that the quirk " + kernelName + " declares isolated"
                : "is a " + what + " whose quirk " + kernelName + " grants only SV|RR|CR|UF"));
    }
}
